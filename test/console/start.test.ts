/**
 * The console costs server start nothing: `logseal serve` reads no console file until the first request for
 * /console/, and that first page (HTML and its script) is served well under a second. Every file access is watched
 * through node's fs modules (`syncBuiltinESMExports` makes the patched functions what ES module imports see).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../helpers/paths.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const CONSOLE_DIST = join(repoRoot, 'console', 'dist');
const BUILT = join(CONSOLE_DIST, 'index.html');

/** Records the console files read or looked at through the fs functions the server can use. */
function watchConsoleFiles(): { touched: string[]; restore: () => void } {
  const touched: string[] = [];
  const note = (p: unknown) => {
    const path = p instanceof URL ? p.pathname : String(p);
    if (path.startsWith(CONSOLE_DIST)) touched.push(path);
  };
  const originals: [object, string, unknown][] = [];
  const wrap = <T extends object>(mod: T, names: (keyof T & string)[]) => {
    for (const name of names) {
      const original = mod[name] as (...args: unknown[]) => unknown;
      originals.push([mod, name, original]);
      (mod as Record<string, unknown>)[name] = (...args: unknown[]) => (note(args[0]), original.apply(mod, args));
    }
  };
  wrap(fsp, ['readFile', 'stat', 'open', 'access', 'readdir']);
  wrap(fs, ['readFileSync', 'statSync', 'existsSync', 'readFile', 'stat', 'createReadStream', 'openSync', 'readdirSync']);
  syncBuiltinESMExports();
  return {
    touched,
    restore() {
      for (const [mod, name, original] of originals) (mod as Record<string, unknown>)[name] = original;
      syncBuiltinESMExports();
    },
  };
}

describe('web console and server start', { skip: fs.existsSync(BUILT) ? false : `the console is not built (${BUILT})` }, () => {
  let server: TestServer;
  let watch: ReturnType<typeof watchConsoleFiles>;
  let startMs = 0;

  before(async () => {
    watch = watchConsoleFiles();
    const t0 = performance.now();
    server = await startTestServer({ dev: true });
    startMs = performance.now() - t0;
  });

  after(async () => {
    watch?.restore();
    await server?.dispose();
  });

  it('reads no console file while the server starts', (t) => {
    t.diagnostic(`server start took ${startMs.toFixed(0)} ms`);
    assert.deepEqual(watch.touched, []);
  });

  it('serves the first console page, script included, in under a second', async (t) => {
    const t0 = performance.now();
    const page = await fetch(`${server.url}/console/`);
    assert.equal(page.status, 200);
    const script = /<script type="module" crossorigin src="(\/console\/assets\/[^"]+\.js)"/.exec(await page.text());
    assert.ok(script, 'the page loads its script');
    const js = await fetch(`${server.url}${script[1]}`);
    assert.equal(js.status, 200);
    await js.arrayBuffer();
    const ms = performance.now() - t0;
    t.diagnostic(`first console page and script took ${ms.toFixed(0)} ms`);
    assert.ok(ms < 1000, `the first console page took ${ms} ms`);
    // The watch sees the server's reads: the console's work happens here, on its first request.
    assert.ok(watch.touched.includes(BUILT), `console files read: ${watch.touched.join(', ')}`);
  });
});
