import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { postgresBinDir, startPgCluster, type PgCluster } from '../test/helpers/pgCluster.js';
import { createConditionedKey, kmsRequest } from './kms.js';
import { fmt, load, spawnLogseal, type Spawned } from './lib.js';
import { Batches, Client, cpuMicros, createLogsKey, EVENTS_PER_BATCH, GROUP, ingest, START_BEFORE_NOW_MS, timeFilter } from './logs.js';

/**
 * The PostgreSQL column: GenerateDataKey, ingest and filter (the kms and logs benches' workloads, shorter) on SQLite,
 * then on one and on two instances sharing one PostgreSQL database (a throw-away cluster with fsync on, as SQLite's
 * synchronous=FULL). Load is spread evenly over the instances. Beside each rate: logseal's CPU per unit of work
 * (all instances) and PostgreSQL's (its server processes). No target: the figures are for comparison.
 */
const CONTEXT = { 'aws:logs:arn': `arn:aws:logs:us-east-1:000000000000:log-group:bench` };
const STREAMS = 4;
const FILTER_EVENTS = 200_000;

interface Column {
  name: string;
  gdkRps: number;
  gdkCpuUs: number;
  gdkPgCpuUs?: number;
  ingestEps: number;
  ingestCpuUs: number;
  ingestPgCpuUs?: number;
  filterMbps: number;
}

export async function postgresBench(seconds: number): Promise<boolean> {
  if (!postgresBinDir()) {
    console.log('  PostgreSQL is not installed (apt-get install postgresql): skipped');
    return true;
  }
  const cluster = await startPgCluster({ durable: true });
  const columns: Column[] = [];
  try {
    columns.push(await measure('SQLite', [await spawnLogseal()], seconds));
    for (const n of [1, 2]) {
      const url = await createDatabase(cluster, `bench_${n}`);
      const env = { LOGSEAL_MASTER_KEY: randomBytes(32).toString('base64') };
      const instances: Spawned[] = [];
      try {
        // One after the other: the first creates the schema.
        for (let i = 0; i < n; i++) instances.push(await spawnLogseal(env, ['--database', url]));
        columns.push(await measure(`PostgreSQL ×${n}`, instances, seconds, cluster));
      } finally {
        await Promise.all(instances.map((s) => s.stop()));
      }
    }
  } finally {
    cluster.destroy();
  }
  const row = (label: string, f: (c: Column) => string) => console.log(`  ${label.padEnd(30)}${columns.map((c) => f(c).padStart(16)).join('')}`);
  console.log(`SQLite and PostgreSQL (fsync on), load spread over the instances, ${seconds}s each:`);
  row('', (c) => c.name);
  row('GenerateDataKey req/s', (c) => fmt(c.gdkRps));
  row('  logseal CPU-µs/request', (c) => fmt(c.gdkCpuUs, 1));
  row('  PostgreSQL CPU-µs/request', (c) => (c.gdkPgCpuUs === undefined ? '-' : fmt(c.gdkPgCpuUs, 1)));
  row('ingest events/s', (c) => fmt(c.ingestEps));
  row('  logseal CPU-µs/event', (c) => fmt(c.ingestCpuUs, 2));
  row('  PostgreSQL CPU-µs/event', (c) => (c.ingestPgCpuUs === undefined ? '-' : fmt(c.ingestPgCpuUs, 2)));
  row(`filter MB/s (${fmt(FILTER_EVENTS)} events)`, (c) => fmt(c.filterMbps, 1));
  return true;
}

async function measure(name: string, instances: Spawned[], seconds: number, cluster?: PgCluster): Promise<Column> {
  try {
    const pids = instances.map((s) => s.child.pid!);
    const logsealCpu = () => pids.reduce((n, pid) => n + cpuMicros(pid), 0);
    const pgCpu = () => (cluster ? postgresCpuMicros(cluster) : 0);

    // GenerateDataKey, 64 connections in all.
    const keyId = await createConditionedKey(instances[0]!.url);
    await new Promise((r) => setTimeout(r, 1500)); // the other instances' key cache
    const reqs = await Promise.all(instances.map((s) => kmsRequest(s.url, 'GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: CONTEXT })));
    const conns = Math.floor(64 / instances.length);
    await Promise.all(instances.map((s, i) => load(s.url, reqs[i]!, conns, 2)));
    let cpu0 = logsealCpu();
    let pg0 = pgCpu();
    const loads = await Promise.all(instances.map((s, i) => load(s.url, reqs[i]!, conns, seconds)));
    const total = loads.reduce((n, l) => n + l.total, 0);
    const gdkRps = loads.reduce((n, l) => n + l.rps, 0);
    const gdkCpuUs = (logsealCpu() - cpu0) / total;
    const gdkPgCpuUs = cluster ? (pgCpu() - pg0) / total : undefined;

    // Ingest: 4 clients (streams) in all, spread over the instances.
    const clients = instances.map((s) => new Client(s.url));
    try {
      const keyArn = await createLogsKey(clients[0]!);
      await clients[0]!.call('logs', 'Logs_20140328.CreateLogGroup', { logGroupName: GROUP, kmsKeyId: keyArn });
      const streams = Array.from({ length: STREAMS }, (_, i) => `client-${i}`);
      for (const st of streams) await clients[0]!.call('logs', 'Logs_20140328.CreateLogStream', { logGroupName: GROUP, logStreamName: st });
      await new Promise((r) => setTimeout(r, 1500));
      const streamsOf = (i: number) => streams.filter((_, j) => j % instances.length === i);
      const batches = new Batches(Date.now() - START_BEFORE_NOW_MS);
      await Promise.all(clients.map((c, i) => ingest(c, batches, streamsOf(i), { events: 10 * EVENTS_PER_BATCH })));
      const sent0 = batches.sent;
      cpu0 = logsealCpu();
      pg0 = pgCpu();
      const t0 = performance.now();
      await Promise.all(clients.map((c, i) => ingest(c, batches, streamsOf(i), { ms: seconds * 1000 })));
      const wall = (performance.now() - t0) / 1000;
      const events = (batches.sent - sent0) * EVENTS_PER_BATCH;
      const ingestCpuUs = (logsealCpu() - cpu0) / events;
      const ingestPgCpuUs = cluster ? (pgCpu() - pg0) / events : undefined;
      const missing = FILTER_EVENTS - batches.sent * EVENTS_PER_BATCH;
      if (missing > 0) await ingest(clients[0]!, batches, streams, { events: missing });

      // Filter: every instance scans the same first 200k events at once; MB/s of log text in all.
      let filterMbps = 0;
      for (let run = 0; run < 2; run++) {
        const f0 = performance.now();
        const results = await Promise.all(clients.map((c, i) => timeFilter(c, batches, pids[i]!, FILTER_EVENTS, 1)));
        const mb = results.reduce((n, r) => n + r.mb, 0);
        filterMbps = Math.max(filterMbps, mb / ((performance.now() - f0) / 1000));
      }
      const column: Column = { name, gdkRps, gdkCpuUs, ingestEps: events / wall, ingestCpuUs, filterMbps };
      if (gdkPgCpuUs !== undefined) column.gdkPgCpuUs = gdkPgCpuUs;
      if (ingestPgCpuUs !== undefined) column.ingestPgCpuUs = ingestPgCpuUs;
      return column;
    } finally {
      for (const c of clients) c.close();
    }
  } finally {
    if (!cluster) await Promise.all(instances.map((s) => s.stop()));
  }
}

async function createDatabase(cluster: PgCluster, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return cluster.url.replace(/\/postgres$/, `/${name}`);
}

/** CPU time (µs) of the cluster's postmaster and its children (the backends serving logseal's connections). */
function postgresCpuMicros(cluster: PgCluster): number {
  const postmaster = Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      if (Number(entry) !== postmaster && ppid !== postmaster) continue;
      total += ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
