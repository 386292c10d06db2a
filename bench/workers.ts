import { readdirSync, readFileSync } from 'node:fs';
import { createConditionedKey, kmsRequest } from './kms.js';
import { fmt, load, spawnLogseal } from './lib.js';
import { Batches, Client, createLogsKey, EVENTS_PER_BATCH, GROUP, ingest, START_BEFORE_NOW_MS } from './logs.js';

/**
 * `logseal serve --workers N` on SQLite (ADR 0022): GenerateDataKey (64 connections, key policy with conditions) and
 * ingest (4 streams on 4 connections, 1,000 × 200 B batches, customer key) with 1 and 2 workers. Beside each rate:
 * the CPU of the whole process tree (supervisor and workers) per unit of work, and the tree's resident memory. No
 * target: the figures decide the default number of workers.
 */
const CONTEXT = { 'aws:logs:arn': `arn:aws:logs:us-east-1:000000000000:log-group:bench` };
const STREAMS = 4;

interface Column {
  name: string;
  gdkRps: number;
  gdkP99: number;
  gdkCpuUs: number;
  ingestEps: number;
  ingestCpuUs: number;
  rssMb: number;
}

export async function workersBench(seconds: number): Promise<boolean> {
  const columns: Column[] = [];
  for (const n of [1, 2]) {
    const server = await spawnLogseal({}, n > 1 ? ['--workers', String(n)] : []);
    try {
      const root = server.child.pid!;
      const keyId = await createConditionedKey(server.url);
      const gdk = await kmsRequest(server.url, 'GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: CONTEXT });
      await load(server.url, gdk, 64, 2); // warm-up
      let cpu0 = treeCpuMicros(root);
      const g = await load(server.url, gdk, 64, seconds);
      const gdkCpuUs = (treeCpuMicros(root) - cpu0) / g.total;

      const client = new Client(server.url);
      try {
        const keyArn = await createLogsKey(client);
        await client.call('logs', 'Logs_20140328.CreateLogGroup', { logGroupName: GROUP, kmsKeyId: keyArn });
        const streams = Array.from({ length: STREAMS }, (_, i) => `client-${i}`);
        for (const st of streams) await client.call('logs', 'Logs_20140328.CreateLogStream', { logGroupName: GROUP, logStreamName: st });
        const batches = new Batches(Date.now() - START_BEFORE_NOW_MS);
        await ingest(client, batches, streams, { events: 10 * EVENTS_PER_BATCH });
        cpu0 = treeCpuMicros(root);
        const r = await ingest(client, batches, streams, { ms: seconds * 1000 });
        const events = r.eventsPerS * r.seconds;
        columns.push({
          name: `${n} worker${n > 1 ? 's' : ''}`,
          gdkRps: g.rps,
          gdkP99: g.p99,
          gdkCpuUs,
          ingestEps: r.eventsPerS,
          ingestCpuUs: (treeCpuMicros(root) - cpu0) / events,
          rssMb: treeRssKb(root) / 1024,
        });
      } finally {
        client.close();
      }
    } finally {
      await server.stop();
    }
  }
  const row = (label: string, f: (c: Column) => string) => console.log(`  ${label.padEnd(30)}${columns.map((c) => f(c).padStart(16)).join('')}`);
  console.log(`logseal serve --workers N on SQLite, ${seconds}s each (CPU and memory of the supervisor and its workers):`);
  row('', (c) => c.name);
  row('GenerateDataKey req/s', (c) => fmt(c.gdkRps));
  row('  p99 ms (64 connections)', (c) => fmt(c.gdkP99, 1));
  row('  server CPU-µs/request', (c) => fmt(c.gdkCpuUs, 1));
  row('ingest events/s', (c) => fmt(c.ingestEps));
  row('  server CPU-µs/event', (c) => fmt(c.ingestCpuUs, 2));
  row('resident memory MB', (c) => fmt(c.rssMb, 0));
  return true;
}

/** The process and its descendants (the supervisor's workers), from /proc. */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** CPU time (user + system, µs) of the tree's live processes. */
function treeCpuMicros(root: number): number {
  let total = 0;
  for (const pid of tree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

function treeRssKb(root: number): number {
  let total = 0;
  for (const pid of tree(root)) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
