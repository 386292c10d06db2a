/**
 * kill -9 under ingest: writers send PutLogEvents batches, the server is killed at a random moment, restarted on the
 * same data dir, and every acknowledged event must be readable, with no event twice. Repeated `--cycles` times;
 * at the end every stream of every cycle is read again.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { faultLines, log, removeDir, rng, sdkConfig, sleep, startChild, tempDir, type ChildServer, type FaultOptions, type HarnessResult } from './lib.js';

const NAME = 'kill-ingest';
const WRITERS = 4;
const BATCH = 50;
const GROUP = 'faults/ingest';

interface StreamRecord {
  name: string;
  acked: Set<string>;
  /** Sent but not acknowledged when the server died: may or may not be there. */
  maybe: Set<string>;
}

async function readAll(client: CloudWatchLogsClient, stream: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  for (;;) {
    const page = await client.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, startFromHead: true, nextToken: token }));
    for (const e of page.events ?? []) out.push(e.message!.split(' ')[0]!);
    if (!page.nextForwardToken || page.nextForwardToken === token) break;
    token = page.nextForwardToken;
  }
  return out;
}

function check(rec: StreamRecord, seen: string[]): string[] {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
  let lost = 0;
  for (const id of rec.acked) if (!counts.has(id)) lost++;
  const dup = [...counts.values()].filter((n) => n > 1).length;
  const unknown = [...counts.keys()].filter((id) => !rec.acked.has(id) && !rec.maybe.has(id)).length;
  if (lost) problems.push(`${rec.name}: ${lost} acknowledged events missing`);
  if (dup) problems.push(`${rec.name}: ${dup} events stored twice`);
  if (unknown) problems.push(`${rec.name}: ${unknown} events never sent`);
  return problems;
}

export async function killIngest(opts: FaultOptions): Promise<HarnessResult> {
  const dir = tempDir(NAME);
  const random = rng(opts.seed);
  const records: StreamRecord[] = [];
  const problems: string[] = [];
  let srv: ChildServer = await startChild(dir);
  let totalAcked = 0;
  try {
    {
      const c = new CloudWatchLogsClient(sdkConfig(srv.url));
      await c.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
      c.destroy();
    }
    for (let cycle = 1; cycle <= opts.cycles; cycle++) {
      const client = new CloudWatchLogsClient(sdkConfig(srv.url));
      const streams: StreamRecord[] = [];
      for (let w = 0; w < WRITERS; w++) {
        const name = `c${cycle}-w${w}`;
        await client.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: name }));
        streams.push({ name, acked: new Set(), maybe: new Set() });
      }
      records.push(...streams);
      let stop = false;
      const writers = streams.map(async (rec, w) => {
        let batch = 0;
        while (!stop) {
          const ids = Array.from({ length: BATCH }, (_, i) => `c${cycle}.w${w}.b${batch}.e${i}`);
          batch++;
          for (const id of ids) rec.maybe.add(id);
          const now = Date.now();
          try {
            await client.send(
              new PutLogEventsCommand({
                logGroupName: GROUP,
                logStreamName: rec.name,
                logEvents: ids.map((id, i) => ({ timestamp: now + i, message: `${id} ${'x'.repeat(50 + ((i * 37) % 200))}` })),
              }),
            );
            for (const id of ids) {
              rec.maybe.delete(id);
              rec.acked.add(id);
            }
          } catch {
            return; // the server died under this request: its events stay "maybe"
          }
        }
      });
      const runMs = 300 + Math.floor(random() * 1500);
      await sleep(runMs);
      await srv.kill9();
      stop = true;
      await Promise.all(writers);
      client.destroy();
      const acked = streams.reduce((n, r) => n + r.acked.size, 0);
      const maybe = streams.reduce((n, r) => n + r.maybe.size, 0);
      totalAcked += acked;
      srv = await startChild(dir);
      const reader = new CloudWatchLogsClient(sdkConfig(srv.url));
      const found: string[] = [];
      for (const rec of streams) found.push(...check(rec, await readAll(reader, rec.name)));
      reader.destroy();
      problems.push(...found);
      log(NAME, `cycle ${cycle}: killed after ${runMs} ms, ${acked} events acknowledged, ${maybe} in flight; after restart: ${found.length === 0 ? 'all there, none twice' : found.join('; ')}`);
    }
    const reader = new CloudWatchLogsClient(sdkConfig(srv.url));
    let finalProblems = 0;
    for (const rec of records) {
      const p = check(rec, await readAll(reader, rec.name));
      finalProblems += p.length;
      problems.push(...p);
    }
    reader.destroy();
    log(NAME, `final read of ${records.length} streams: ${finalProblems === 0 ? 'every acknowledged event there once' : `${finalProblems} problems`}`);
    const faults = faultLines(srv);
    for (const f of faults.slice(0, 3)) log(NAME, `server fault: ${f.slice(0, 400)}`);
    return {
      ok: problems.length === 0,
      summary: `${opts.cycles} kill -9 cycles, ${totalAcked} acknowledged events, ${problems.length === 0 ? '0 lost, 0 duplicated' : problems.slice(0, 5).join('; ')}${faults.length ? ` (${faults.length} fault lines logged)` : ''}`,
    };
  } finally {
    await srv.stop();
    removeDir(dir);
  }
}
