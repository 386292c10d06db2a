/**
 * The memory reproduction: 200 connections without an Authorization header, each sending 7.5 MiB to
 * `Logs_20140328.PutLogEvents`. The server must answer each without holding its body: RSS (of the server process)
 * stays under 300 MB throughout and comes back down once the clients are gone.
 */
import net from 'node:net';
import { log, MB, mb, removeDir, sleep, startChild, tempDir, type FaultOptions, type HarnessResult } from './lib.js';

const NAME = 'memory';
const CONNECTIONS = 200;
const BODY = 7.5 * MB;
const LIMIT = 300 * MB;

function flood(url: string, chunk: Buffer): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(u.port), u.hostname);
    let answer = '';
    let sent = 0;
    const done = (how: string) => {
      socket.destroy();
      resolve(how);
    };
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('error', (e: NodeJS.ErrnoException) => done(answer ? statusOf(answer) : `error ${e.code}`));
    socket.on('close', () => done(answer ? statusOf(answer) : 'closed without an answer'));
    socket.on('connect', () => {
      socket.write(
        `POST / HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/x-amz-json-1.1\r\n` +
          `X-Amz-Target: Logs_20140328.PutLogEvents\r\nContent-Length: ${BODY}\r\n\r\n`,
      );
      const pump = () => {
        while (sent < BODY) {
          const n = Math.min(chunk.length, BODY - sent);
          sent += n;
          if (!socket.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
            socket.once('drain', pump);
            return;
          }
        }
        socket.end();
      };
      pump();
    });
  });
}

function statusOf(answer: string): string {
  const m = /^HTTP\/1\.1 (\d+)/.exec(answer);
  const type = /"__type":"([^"]+)"/.exec(answer)?.[1];
  return m ? `${m[1]} ${type ?? ''}`.trim() : 'unparsable answer';
}

export async function memory(_opts: FaultOptions): Promise<HarnessResult> {
  const dir = tempDir(NAME);
  const srv = await startChild(dir);
  try {
    await sleep(500);
    const before = srv.rss();
    log(NAME, `server RSS before: ${mb(before)}; ${CONNECTIONS} connections without Authorization, ${mb(BODY)} each to PutLogEvents`);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, srv.rss())), 25);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const t = performance.now();
    const outcomes = await Promise.all(Array.from({ length: CONNECTIONS }, () => flood(srv.url, chunk)));
    const seconds = (performance.now() - t) / 1000;
    await sleep(2000);
    clearInterval(sampler);
    const after = srv.rss();
    const counts = new Map<string, number>();
    for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
    log(NAME, `answers: ${[...counts].map(([k, v]) => `${v}× ${k}`).join(', ')} in ${seconds.toFixed(1)} s`);
    log(NAME, `server RSS peak ${mb(peak)}, 2 s after ${mb(after)} (limit ${mb(LIMIT)})`);
    const allRefused = (counts.get('400 MissingAuthenticationTokenException') ?? 0) === CONNECTIONS;
    const ok = peak < LIMIT && allRefused;
    return { ok, summary: `peak RSS ${mb(peak)} (< ${mb(LIMIT)}), after ${mb(after)}; ${allRefused ? 'every client read MissingAuthenticationTokenException' : 'some clients did not read the error'}` };
  } finally {
    await srv.stop();
    removeDir(dir);
  }
}
