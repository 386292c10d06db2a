import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleHandler, isConsolePath, type ConsoleOptions } from '../../src/server/console.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw GET: the path goes on the wire exactly as written (no client-side normalisation of `..`). */
function get(port: number, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The console handler behind a plain HTTP server, the way src/server/http.ts calls it. */
async function serve(opts: ConsoleOptions): Promise<{ server: Server; port: number }> {
  const handler = createConsoleHandler(opts);
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (!isConsolePath(path)) {
      res.writeHead(418).end();
      return;
    }
    void handler(res, path, q < 0 ? '' : url.slice(q + 1));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}

const INDEX = '<!doctype html>\n<html lang="en">\n  <head>\n    <title>logseal console</title>\n  </head>\n  <body></body>\n</html>\n';

describe('web console files', () => {
  let base: string;
  let port: number;
  let devPort: number;
  let missingPort: number;
  const servers: Server[] = [];

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'logseal-console-'));
    const dir = join(base, 'dist');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);\n');
    writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{}\n');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(base, 'secret.txt'), 'do not serve\n');
    for (const opts of [{ dir, dev: false }, { dir, dev: true }, { dir: join(base, 'nothing'), dev: false }]) {
      const s = await serve(opts);
      servers.push(s.server);
    }
    [port, devPort, missingPort] = servers.map((s) => (s.address() as AddressInfo).port);
  });

  after(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    rmSync(base, { recursive: true, force: true });
  });

  describe('serving', () => {
    it('redirects /console to /console/, keeping the query', async () => {
      const a = await get(port, '/console?x=1');
      assert.equal(a.status, 301);
      assert.equal(a.headers.location, '/console/?x=1');
    });

    it('serves the page at /console/ as HTML that is revalidated, with the security headers', async () => {
      const a = await get(port, '/console/');
      assert.equal(a.status, 200);
      assert.equal(a.body, INDEX);
      assert.equal(a.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(a.headers['cache-control'], 'no-cache');
      assert.match(String(a.headers['content-security-policy']), /script-src 'self'; connect-src 'self';/);
      assert.equal(a.headers['x-content-type-options'], 'nosniff');
      assert.equal(a.headers['x-frame-options'], 'DENY');
    });

    it('serves hashed assets with their content type, cached for good', async () => {
      const js = await get(port, '/console/assets/index-abc123.js');
      assert.equal(js.status, 200);
      assert.equal(js.body, 'console.log(1);\n');
      assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
      assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
      const css = await get(port, '/console/assets/index-abc123.css');
      assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    });

    it('revalidates files outside assets/', async () => {
      const a = await get(port, '/console/favicon.svg');
      assert.equal(a.status, 200);
      assert.equal(a.headers['content-type'], 'image/svg+xml');
      assert.equal(a.headers['cache-control'], 'no-cache');
    });

    it('answers the page for the routes of the app', async () => {
      for (const path of ['/console/keys', '/console/keys/1234abcd-12ab-34cd-56ef-1234567890ab', '/console/log-groups?name=%2Fapp', '/console/assets/']) {
        const a = await get(port, path);
        assert.equal(a.status, 200, path);
        assert.equal(a.body, INDEX, path);
      }
    });

    it('answers 404 for a missing file rather than the page', async () => {
      const a = await get(port, '/console/assets/gone-000.js');
      assert.equal(a.status, 404);
      assert.equal(a.body, 'Not found.\n');
    });

    it('tells the page it is served in dev mode, and only then', async () => {
      assert.match((await get(devPort, '/console/keys')).body, /<head>\n {4}<meta name="logseal-dev" content="1" \/>/);
      assert.doesNotMatch((await get(port, '/console/')).body, /logseal-dev/);
    });

    it('says how to build the console when it is not built', async () => {
      const a = await get(missingPort, '/console/');
      assert.equal(a.status, 404);
      assert.equal(a.body, 'The web console is not built. Run `npm run build` (or `npm ci`), then reload this page.\n');
    });
  });

  describe('validation', () => {
    it('never reads outside the build directory', async () => {
      for (const path of ['/console/../secret.txt', '/console/%2e%2e/secret.txt', '/console/..%2fsecret.txt', '/console/assets/..%2f..%2fsecret.txt']) {
        const a = await get(port, path);
        assert.notEqual(a.body, 'do not serve\n', path);
        assert.ok(a.status === 400 || a.status === 404, `${path} → ${a.status}`);
      }
    });

    it('refuses paths that do not decode or hold a NUL', async () => {
      assert.equal((await get(port, '/console/%E0%A4%A')).status, 400);
      assert.equal((await get(port, '/console/index.html%00.js')).status, 400);
    });

    it('only claims /console and what is under it, / (sent to the console) and /favicon.ico', () => {
      assert.equal(isConsolePath('/console'), true);
      assert.equal(isConsolePath('/console/keys'), true);
      assert.equal(isConsolePath('/consoles'), false);
      assert.equal(isConsolePath('/'), true);
      assert.equal(isConsolePath('/favicon.ico'), true);
      assert.equal(isConsolePath('/index.html'), false);
    });
  });
});
