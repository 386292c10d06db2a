/**
 * Serves the web console (built by Vite into `console/dist`) at `/console/`. Static files only: the console talks to
 * logseal through the AWS APIs like any other client. Nothing is read at server start; a missing build is answered
 * per request with a page saying how to build it.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_PATH = '/console';
/** The console's icon, in its build (copied from console/public/). */
const FAVICON = `${CONSOLE_PATH}/favicon.svg`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The page holds the person's credentials in sessionStorage: it runs only its own scripts, talks only to this
 * server, and cannot be framed. Inline styles are allowed because React sets `style` attributes.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/** Vite names every file under assets/ after its content hash, so those never change. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const DEV_META = '<meta name="logseal-dev" content="1" />';
/** The private region names the server accepts (`--regions`), for the console's region switcher and overview. */
const regionsMeta = (names: readonly string[]) => `<meta name="logseal-regions" content="${names.map(escapeAttr).join(' ')}" />`;

export interface ConsoleOptions {
  /** The console's build directory (holds index.html and assets/). */
  dir: string;
  /** Served by `logseal serve --dev`: the page is told so, and offers the dev credentials on sign-in. */
  dev: boolean;
  /** Private region names accepted besides AWS's (`--regions`); the page is told them. */
  regions?: readonly string[];
}

/** Answers one GET for the console; resolves to the HTTP status sent (for the request log). */
export type ConsoleHandler = (res: ServerResponse, path: string, query: string) => Promise<number>;

/**
 * The console's paths, and the two a browser opens first: `/` (the URL printed at start) goes to the console, and
 * `/favicon.ico` (asked for by browsers on any page) to its icon.
 */
export function isConsolePath(path: string): boolean {
  return path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`) || path === '/' || path === '/favicon.ico';
}

export function createConsoleHandler(opts: ConsoleOptions): ConsoleHandler {
  const root = resolve(opts.dir);
  return async (res, path, query) => {
    if (path === '/') return redirect(res, `${CONSOLE_PATH}/`, 302);
    if (path === '/favicon.ico') return redirect(res, FAVICON, 301);
    if (path === CONSOLE_PATH) return redirect(res, `${CONSOLE_PATH}/${query ? `?${query}` : ''}`);
    const file = fileFor(root, path.slice(CONSOLE_PATH.length + 1));
    if (file === null) return sendText(res, 400, 'Bad request path.');
    if (file !== 'index' && (await isFile(file))) return sendFile(res, root, file);
    // A path that names a file (it has an extension) and is not there is a 404, not the page: a missing script
    // must not come back as HTML. Any other path is a route of the single-page app.
    if (file !== 'index' && extname(file) !== '') return sendText(res, 404, 'Not found.');
    return sendIndex(res, root, opts.dev, opts.regions ?? []);
  };
}

/** The file a URL path names inside root, 'index' for the app's entry, or null when the path is not acceptable. */
function fileFor(root: string, rel: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  if (decoded === '' || decoded === 'index.html') return 'index';
  const file = resolve(root, `.${sep}${decoded}`);
  // Whatever `..` or encoded separators the path holds, nothing outside the build directory is ever read.
  return file.startsWith(root + sep) ? file : null;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function sendFile(res: ServerResponse, root: string, file: string): Promise<number> {
  const body = await readFile(file);
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const cache = file.startsWith(join(root, 'assets') + sep) ? IMMUTABLE : REVALIDATE;
  return send(res, 200, type, body, cache);
}

async function sendIndex(res: ServerResponse, root: string, dev: boolean, regions: readonly string[]): Promise<number> {
  let html: string;
  try {
    html = await readFile(join(root, 'index.html'), 'utf8');
  } catch {
    return sendText(res, 404, 'The web console is not built. Run `npm run build` (or `npm ci`), then reload this page.');
  }
  if (dev) html = html.replace('<head>', `<head>\n    ${DEV_META}`);
  if (regions.length > 0) html = html.replace('<head>', `<head>\n    ${regionsMeta(regions)}`);
  return send(res, 200, CONTENT_TYPES['.html'], Buffer.from(html), REVALIDATE);
}

function redirect(res: ServerResponse, location: string, status = 301): number {
  res.writeHead(status, { Location: location, 'Content-Length': 0, 'Cache-Control': REVALIDATE });
  res.end();
  return status;
}

function sendText(res: ServerResponse, status: number, text: string): number {
  return send(res, status, CONTENT_TYPES['.txt'], Buffer.from(text + '\n'), REVALIDATE);
}

function send(res: ServerResponse, status: number, type: string, body: Buffer, cache: string): number {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': cache });
  res.end(body);
  return status;
}

/** `console/dist` of the package this module belongs to (from `src/server/` under tsx or `dist/src/server/`). */
export function defaultConsoleDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'console', 'dist');
    const up = dirname(dir);
    if (up === dir) return join(process.cwd(), 'console', 'dist');
    dir = up;
  }
}

const handlers = new Map<string, ConsoleHandler>();

/** The handler the HTTP server uses; created on the first console request so server start does no work for it. */
export function serveConsole(res: ServerResponse, path: string, query: string, dev: boolean, regions: readonly string[] = []): Promise<number> {
  const key = `${dev} ${regions.join(',')}`;
  let handler = handlers.get(key);
  if (!handler) {
    handler = createConsoleHandler({ dir: defaultConsoleDir(), dev, regions });
    handlers.set(key, handler);
  }
  return handler(res, path, query);
}

/** Region names are already limited to `[a-z0-9-]`; escaped anyway, as anything put into the page. */
function escapeAttr(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
