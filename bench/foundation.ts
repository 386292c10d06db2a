import { fmt, load, loadWithCpu, signRequest, spawnBare, spawnLogseal } from './lib.js';

/**
 * Authenticated no-op-like call: STS GetCallerIdentity over keep-alive at 64 connections, against a bare node:http
 * server answering the same bytes, measured in the same run. Target: ≥ 50% of the bare server's rate.
 */
export async function foundationBench(seconds: number): Promise<boolean> {
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const logseal = await spawnLogseal();
  let ok = true;
  try {
    const req = await signRequest(logseal.url, 'sts', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body);
    // Capture the exact response bytes for the bare server.
    const sample = await fetch(logseal.url + '/', { method: 'POST', headers: req.headers, body });
    const sampleBody = await sample.text();
    if (sample.status !== 200) throw new Error(`GetCallerIdentity failed: ${sample.status} ${sampleBody}`);
    const headers: Record<string, string> = {
      'Content-Type': sample.headers.get('content-type') ?? 'text/xml',
      'x-amzn-RequestId': sample.headers.get('x-amzn-requestid') ?? '',
    };
    await load(logseal.url, req, 64, 2); // warm-up
    const ours = await loadWithCpu(logseal, req, 64, seconds);
    const bare = await spawnBare(200, headers, sampleBody);
    let base;
    try {
      await load(bare.url, req, 64, 2);
      base = await loadWithCpu(bare, req, 64, seconds);
    } finally {
      await bare.stop();
    }
    const ratio = ours.rps / base.rps;
    console.log(`GetCallerIdentity (SigV4, Query/XML), 64 keep-alive connections, ${seconds}s:`);
    console.log(`  logseal      ${fmt(ours.rps)} req/s  p50 ${fmt(ours.p50, 1)} ms  p99 ${fmt(ours.p99, 1)} ms  non-2xx ${ours.non2xx}  errors ${ours.errors}`);
    console.log(`  bare node    ${fmt(base.rps)} req/s  p50 ${fmt(base.p50, 1)} ms  p99 ${fmt(base.p99, 1)} ms`);
    console.log(`  ratio        ${fmt(ratio * 100, 1)}% of bare (target ≥ 50%) ${ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`);
    if (ours.cpuMicrosPerRequest !== undefined && base.cpuMicrosPerRequest !== undefined) {
      // Steadier than throughput on a shared machine (see docs/decisions/0007-request-path-cost.md).
      console.log(`  server CPU   logseal ${fmt(ours.cpuMicrosPerRequest, 1)} µs/request, bare node ${fmt(base.cpuMicrosPerRequest, 1)} µs/request`);
    }
    ok = ratio >= 0.5 && ours.non2xx === 0 && ours.errors === 0;
  } finally {
    await logseal.stop();
  }
  return ok;
}
