import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, GetLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { repoRoot } from '../helpers/paths.js';
import { clientConfig } from '../helpers/server.js';

const KILLS = 5;
const WRITERS = 3;
const EVENTS_PER_BATCH = 200;

/**
 * `logseal serve --dev` in a child process: the built CLI, or the TypeScript sources when tests run under tsx. With
 * `workers`, `--workers N` in a process group of its own, so that kill -9 reaches the supervisor and every worker at
 * once, as a power cut would.
 */
function spawnServer(dataDir: string, workers = 1): Promise<{ child: ChildProcess; url: string }> {
  const args = ['serve', '--dev', '--port', '0', '--data-dir', dataDir, ...(workers > 1 ? ['--workers', String(workers)] : [])];
  const underTsx = import.meta.url.endsWith('.ts');
  const argv = underTsx
    ? ['--import', 'tsx', '--input-type=module', '-e', `import { main } from ${JSON.stringify(join(repoRoot, 'src/cli/main.ts'))}; await main(${JSON.stringify(args)});`]
    : [join(repoRoot, 'bin', 'logseal.js'), ...args];
  const child = spawn(process.execPath, argv, { cwd: repoRoot, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir() }, detached: workers > 1 });
  let err = '';
  child.stdout!.resume();
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (c) => {
      err += c;
      const m = /serving on (http:\/\/[^ ]+) /.exec(err);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`logseal serve exited with ${code}: ${err}`)));
  });
}

function kill9(child: ChildProcess, workers = 1): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    if (workers > 1) process.kill(-child.pid!, 'SIGKILL');
    else child.kill('SIGKILL');
  });
}

test('every acknowledged PutLogEvents batch is there exactly once after five kill -9 under ingest', { timeout: 240_000 }, () => crashRounds(1));

test('with --workers 2, every acknowledged batch is there exactly once after five kill -9 of all the processes under ingest', { timeout: 240_000 }, () =>
  crashRounds(2),
);

async function crashRounds(workers: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'logseal-crash-'));
  const acked = new Set<string>();
  const sent = new Set<string>();
  try {
    for (let round = 0; round <= KILLS; round++) {
      const { child, url } = await spawnServer(dataDir, workers);
      const logs = new CloudWatchLogsClient(clientConfig(url));
      try {
        if (round === 0) {
          await logs.send(new CreateLogGroupCommand({ logGroupName: 'crash' }));
          for (let w = 0; w < WRITERS; w++) await logs.send(new CreateLogStreamCommand({ logGroupName: 'crash', logStreamName: `w${w}` }));
        }
        if (round === KILLS) {
          // Read everything back and compare.
          const seen = new Map<string, number>();
          for (let w = 0; w < WRITERS; w++) {
            let token: string | undefined;
            for (;;) {
              const out = await logs.send(new GetLogEventsCommand({ logGroupName: 'crash', logStreamName: `w${w}`, startFromHead: true, nextToken: token }));
              for (const e of out.events!) seen.set(e.message!, (seen.get(e.message!) ?? 0) + 1);
              if (out.events!.length === 0) break;
              token = out.nextForwardToken;
            }
          }
          assert.ok(acked.size > 0, 'some batches were acknowledged');
          for (const batch of acked) {
            for (let i = 0; i < EVENTS_PER_BATCH; i++) assert.equal(seen.get(`${batch} e${i}`), 1, `${batch} e${i}`);
          }
          // Batches are atomic: an unacknowledged one is there whole or not at all; nothing else is there.
          const perBatch = new Map<string, number>();
          for (const [m, n] of seen) {
            assert.equal(n, 1, `${m} seen ${n} times`);
            const batch = m.slice(0, m.lastIndexOf(' '));
            assert.ok(sent.has(batch), `${m} was never sent`);
            perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
          }
          for (const [b, n] of perBatch) assert.equal(n, EVENTS_PER_BATCH, `batch ${b} is partial`);
          return;
        }
        let stop = false;
        const writers = Array.from({ length: WRITERS }, async (_, w) => {
          for (let b = 0; !stop; b++) {
            const batch = `r${round} w${w} b${b}`;
            const now = Date.now();
            const logEvents = Array.from({ length: EVENTS_PER_BATCH }, (_, i) => ({ timestamp: now, message: `${batch} e${i}` }));
            sent.add(batch);
            try {
              await logs.send(new PutLogEventsCommand({ logGroupName: 'crash', logStreamName: `w${w}`, logEvents }));
              acked.add(batch);
            } catch {
              return; // the server is gone
            }
          }
        });
        await new Promise((r) => setTimeout(r, 400 + Math.random() * 600));
        await kill9(child, workers);
        stop = true;
        await Promise.all(writers);
      } finally {
        logs.destroy();
        if (child.exitCode === null && child.signalCode === null) await kill9(child, workers);
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
