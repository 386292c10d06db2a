import { createConditionedKey, kmsRequest, send } from './kms.js';
import { batchLimits } from './limits.js';
import { fmt, load, loadWithCpu, signRequest, spawnBare, spawnLogseal, type SignedRequest, type Spawned } from './lib.js';
import { loadavg } from 'node:os';
import { record } from './results.js';

/**
 * Server CPU per request, the server process alone (`/proc/PID/stat` of the child before and after; the load
 * generator runs in this process): an authenticated no-op (STS GetCallerIdentity) and the KMS hot path
 * (GenerateDataKey, Decrypt, Encrypt under a key policy with conditions), beside a bare `node:http` server answering
 * the same bytes, measured in the same run with the same load (16 keep-alive connections). The operations are
 * measured in interleaved rounds and each figure is the median, so a neighbour's burst moves one round, not a figure.
 * Then the per-MB limits of this machine (JSON.parse, SHA-256, AES-GCM, the chunk codec).
 *
 * Targets (docs/decisions/0021-per-core-cost.md): the no-op ≤ 2× bare node:http; GenerateDataKey and Decrypt
 * ≤ 50 µs per request (≥ 20,000 req/s per core); GenerateDataKey p99 < 5 ms at 64 connections on a quiet machine
 * (measured as its own subject; the load average of the run is printed, since a busy machine decides the p99).
 * LOGSEAL_BENCH_ROUNDS sets the rounds (default 3).
 */
const CONNECTIONS = 16;
/** The connections of the p99 target (GenerateDataKey p99 < 5 ms at 64 connections on a quiet machine). */
const WIDE_CONNECTIONS = 64;
const P99_TARGET_MS = 5;
const ROUNDS = Number(process.env.LOGSEAL_BENCH_ROUNDS ?? 3);
const KMS_TARGET_US = 50;

interface Subject {
  name: string;
  server: Spawned;
  req: SignedRequest;
  connections: number;
}

/** The signed requests of the measured operations against one server (a fresh key with a conditioned policy). */
async function prepare(server: Spawned, suffix: string): Promise<{ subjects: Subject[]; sample: Response; sampleBody: string }> {
  const u = server.url;
  const gci = await signRequest(u, 'sts', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, 'Action=GetCallerIdentity&Version=2011-06-15');
  const sample = await fetch(u + '/', { method: 'POST', headers: gci.headers, body: gci.body });
  const sampleBody = await sample.text();
  if (sample.status !== 200) throw new Error(`GetCallerIdentity failed: ${sample.status} ${sampleBody}`);
  const context = { 'aws:logs:arn': 'arn:aws:logs:us-east-1:000000000000:log-group:bench' };
  const keyId = await createConditionedKey(u);
  const gdk = await kmsRequest(u, 'GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context });
  const blob = ((await send(u, gdk)) as { CiphertextBlob: string }).CiphertextBlob;
  const dec = await kmsRequest(u, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: context });
  const enc = await kmsRequest(u, 'Encrypt', { KeyId: keyId, Plaintext: Buffer.alloc(32, 7).toString('base64'), EncryptionContext: context });
  await send(u, dec);
  await send(u, enc);
  const subjects: Subject[] = [
    { name: 'GetCallerIdentity', server, req: gci, connections: CONNECTIONS },
    { name: 'GenerateDataKey', server, req: gdk, connections: CONNECTIONS },
    { name: 'Decrypt', server, req: dec, connections: CONNECTIONS },
    { name: 'Encrypt', server, req: enc, connections: CONNECTIONS },
    { name: `GenerateDataKey@${WIDE_CONNECTIONS}`, server, req: gdk, connections: WIDE_CONNECTIONS },
  ];
  for (const s of subjects) s.name += suffix;
  return { subjects, sample, sampleBody };
}

/**
 * `LOGSEAL_BENCH_BASELINE=/path/to/other/checkout` (built there) also measures that build's server in the same
 * interleaved rounds, each subject beside its baseline twin: an A/B comparison in one run, under the same load.
 */
export async function perCoreBench(seconds: number): Promise<boolean> {
  const roundSeconds = Math.max(1, Math.round(seconds / 4));
  const baselineRoot = process.env.LOGSEAL_BENCH_BASELINE;
  const logseal = await spawnLogseal();
  const baseline = baselineRoot ? await spawnLogseal({}, [], baselineRoot) : undefined;
  let ok = true;
  try {
    const mine = await prepare(logseal, '');
    const theirs = baseline ? await prepare(baseline, ' (baseline)') : undefined;
    const { sample, sampleBody } = mine;
    const bare = await spawnBare(200, { 'Content-Type': sample.headers.get('content-type') ?? 'text/xml', 'x-amzn-RequestId': sample.headers.get('x-amzn-requestid') ?? '' }, sampleBody);
    const gci = mine.subjects[0]!.req;
    // Each subject beside its baseline twin, so that both see the same neighbours.
    const subjects: Subject[] = [{ name: 'bare node:http', server: bare, req: gci, connections: CONNECTIONS }];
    mine.subjects.forEach((s, i) => {
      subjects.push(s);
      if (theirs) subjects.push(theirs.subjects[i]!);
    });
    const loadBefore = loadavg();
    const samples = new Map<string, { cpu: number[]; rps: number[]; p99: number[]; bad: number }>();
    try {
      for (const s of subjects) await load(s.server.url, s.req, s.connections, 1); // warm-up
      for (let round = 0; round < ROUNDS; round++) {
        for (const { name, server, req, connections } of subjects) {
          const r = await loadWithCpu(server, req, connections, roundSeconds);
          const s = samples.get(name) ?? { cpu: [], rps: [], p99: [], bad: 0 };
          if (r.cpuMicrosPerRequest !== undefined) s.cpu.push(r.cpuMicrosPerRequest);
          s.rps.push(r.rps);
          s.p99.push(r.p99);
          s.bad += r.non2xx + r.errors;
          samples.set(name, s);
        }
      }
    } finally {
      await bare.stop();
    }
    const loadAfter = loadavg();

    console.log(
      `Server CPU per request (server process only), ${CONNECTIONS} keep-alive connections unless named (@${WIDE_CONNECTIONS}), ` +
        `median of ${ROUNDS} interleaved ${roundSeconds} s rounds; load average ${loadBefore.map((x) => fmt(x, 1)).join(' ')} before, ` +
        `${loadAfter.map((x) => fmt(x, 1)).join(' ')} after:`,
    );
    const bareUs = median(samples.get('bare node:http')!.cpu);
    for (const { name } of subjects) {
      const s = samples.get(name)!;
      const us = median(s.cpu);
      const base = name.replace(' (baseline)', '');
      const wide = base.endsWith(`@${WIDE_CONNECTIONS}`);
      const target =
        name === 'bare node:http' || name.endsWith('(baseline)') || wide ? undefined : base === 'GetCallerIdentity' ? 2 * bareUs : base === 'Encrypt' ? undefined : KMS_TARGET_US;
      const f = record({
        bench: 'percore',
        name: `${name} server CPU`,
        unit: 'µs/request',
        value: us,
        min: Math.min(...s.cpu),
        ...(name === 'bare node:http' ? {} : { limit: { name: 'bare node:http', value: bareUs } }),
        ...(target === undefined ? {} : { target }),
      });
      const p99 = median(s.p99);
      let p99Text = `p99 ${fmt(p99, 1)} ms`;
      if (wide && !name.endsWith('(baseline)')) {
        const pf = record({ bench: 'percore', name: `${name} p99`, unit: 'ms', value: p99, min: Math.min(...s.p99), target: P99_TARGET_MS });
        p99Text += ` (min ${fmt(Math.min(...s.p99), 1)}; target < ${P99_TARGET_MS} ms on a quiet machine${pf.ok === false ? ', ABOVE' : ', OK'})`;
      }
      const verdict = f.ok === undefined ? '' : f.ok ? 'OK' : 'ABOVE TARGET';
      const vsBare = name === 'bare node:http' ? '' : `${fmt(us / bareUs, 2)}× bare`;
      const targetText = target === undefined ? '' : `target ≤ ${fmt(target, 1)} µs ${verdict}`;
      console.log(
        `  ${name.padEnd(30)} ${fmt(us, 1).padStart(6)} µs/request  (min ${fmt(Math.min(...s.cpu), 1)})  ${vsBare.padEnd(11)} ` +
          `${fmt(median(s.rps))} req/s  ${p99Text}  ${targetText}${s.bad ? `  ${s.bad} failed` : ''}`,
      );
      if (f.ok === false || s.bad > 0) ok = false;
    }
  } finally {
    await logseal.stop();
    await baseline?.stop();
  }

  // Per-MB limits: JSON.parse of a PutLogEvents batch, SHA-256, AES-256-GCM, and the chunk codec on that batch.
  const l = await batchLimits();
  console.log(`Limits of this machine (this process, CPU µs per MB of input, best of 5):`);
  const rows: [string, number][] = [
    ['JSON.parse', l.jsonParse],
    ['SHA-256', l.sha256],
    ['AES-256-GCM', l.aesGcm],
    ['chunk seal', l.chunkSeal],
    ['chunk open', l.chunkOpen],
  ];
  for (const [name, v] of rows) {
    record({ bench: 'percore', name: `${name} limit`, unit: 'µs/MB', value: v });
    console.log(`  ${name.padEnd(18)} ${fmt(v, 0).padStart(6)} µs/MB  (${fmt(1e6 / v, 0)} MB/s per core)`);
  }
  const perEvent = (l.jsonParse * l.bodyBytes) / 1e6 / l.events;
  record({ bench: 'percore', name: 'JSON.parse limit per event', unit: 'µs/event', value: perEvent });
  console.log(`  ${'JSON.parse'.padEnd(18)} ${fmt(perEvent, 3).padStart(6)} µs per ~200-byte event`);
  return ok;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
