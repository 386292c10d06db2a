/**
 * A model-driven fuzz of every operation of every service: inputs are generated from the botocore models in
 * models/aws (shapes, required members, enums, lengths and ranges), mostly valid, partly broken (wrong types, out of
 * range, missing members, odd characters), and refer now and then to resources that exist, so that operations run
 * past their validation. Seeded (`--seed`), `--requests N`; a single 5xx fails it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateKeyCommand, CreateAliasCommand, KMSClient } from '@aws-sdk/client-kms';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { signedHeaders } from '../helpers/sign.js';
import { devCreds, faultLines, log, removeDir, ROOT, rng, sdkConfig, startChild, tempDir, type FaultOptions, type HarnessResult } from './lib.js';

const NAME = 'fuzz';

interface Shape {
  type: string;
  members?: Record<string, { shape: string; locationName?: string }>;
  required?: string[];
  member?: { shape: string; locationName?: string };
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
}
interface Model {
  metadata: { protocol: string; targetPrefix?: string; apiVersion: string; endpointPrefix: string };
  operations: Record<string, { input?: { shape: string } }>;
  shapes: Record<string, Shape>;
}

const SERVICES = ['kms', 'logs', 'iam', 'sts'] as const;

function loadModel(name: string): Model {
  return JSON.parse(readFileSync(join(ROOT, 'models', 'aws', `${name}.service-2.json`), 'utf8')) as Model;
}

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' }],
});
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }] });

class Generator {
  constructor(
    private readonly random: () => number,
    private readonly pools: Record<string, string[]>,
  ) {}

  private pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.random() * a.length)]!;
  }
  private chance(p: number): boolean {
    return this.random() < p;
  }
  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  private text(min: number, max: number): string {
    const len = this.int(min, Math.min(max, min + 40));
    const alphabet = this.chance(0.8) ? 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789-_/.' : 'aé€💥\u0000\n"\\ <>&%*:[]{}$';
    let s = '';
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(this.random() * alphabet.length)] ?? 'a';
    return s;
  }

  /** A broken value of another type, out of range or odd. */
  private broken(shape: Shape): unknown {
    switch (this.int(0, 7)) {
      case 0:
        return null;
      case 1:
        return shape.type === 'string' ? 12345 : 'not-a-' + shape.type;
      case 2:
        return 'x'.repeat(this.int(1, 3) * ((shape.max ?? 256) + 1));
      case 3:
        return -1 * this.int(1, 1e9);
      case 4:
        return [1, 'two', { three: 3 }];
      case 5:
        return { nested: { deeper: [true] } };
      case 6:
        return 1e308 * 10; // Infinity becomes null in JSON
      default:
        return '';
    }
  }

  value(model: Model, name: string, member: string, depth: number): unknown {
    const shape = model.shapes[name]!;
    if (this.chance(0.06)) return this.broken(shape);
    switch (shape.type) {
      case 'structure': {
        const out: Record<string, unknown> = {};
        if (depth > 5) return out;
        for (const [m, ref] of Object.entries(shape.members ?? {})) {
          const required = shape.required?.includes(m) ?? false;
          if (required ? this.chance(0.95) : this.chance(0.4)) out[m] = this.value(model, ref.shape, m, depth + 1);
        }
        return out;
      }
      case 'list': {
        const n = depth > 5 ? 0 : this.int(shape.min ?? 0, Math.min(shape.max ?? 3, (shape.min ?? 0) + 3));
        return Array.from({ length: n }, () => this.value(model, shape.member!.shape, member, depth + 1));
      }
      case 'map': {
        const out: Record<string, unknown> = {};
        const n = depth > 5 ? 0 : this.int(0, 3);
        for (let i = 0; i < n; i++) out[String(this.value(model, shape.key!.shape, 'key', depth + 1))] = this.value(model, shape.value!.shape, member, depth + 1);
        return out;
      }
      case 'string': {
        if (shape.enum && this.chance(0.9)) return this.pick(shape.enum);
        const pool = this.poolFor(member);
        if (pool && this.chance(0.7)) return this.pick(pool);
        return this.text(shape.min ?? 0, shape.max ?? 64);
      }
      case 'integer':
      case 'long': {
        const lo = shape.min ?? 0;
        const hi = shape.max ?? lo + 1000;
        return this.chance(0.9) ? this.int(lo, Math.min(hi, lo + 10_000)) : this.pick([lo - 1, hi + 1, 2 ** 53, -(2 ** 31)]);
      }
      case 'float':
      case 'double':
        return this.random() * 1000;
      case 'boolean':
        return this.chance(0.5);
      case 'timestamp':
        return this.chance(0.9) ? Math.floor(Date.now() / 1000) - this.int(0, 86_400 * 30) : this.pick([0, -5, 1e13]);
      case 'blob': {
        const n = this.int(Math.max(shape.min ?? 1, 1), Math.min(shape.max ?? 64, 64));
        const bytes = Buffer.alloc(n);
        for (let i = 0; i < n; i++) bytes[i] = Math.floor(this.random() * 256);
        return bytes.toString('base64');
      }
      default:
        return null;
    }
  }

  private poolFor(member: string): string[] | undefined {
    const m = member.toLowerCase();
    if (m.endsWith('keyid') || m === 'keyarn') return this.pools.key;
    if (m === 'aliasname') return this.pools.alias;
    if (m === 'loggroupname' || m === 'loggroupidentifier') return this.pools.group;
    if (m === 'logstreamname') return this.pools.stream;
    if (m === 'username') return this.pools.user;
    if (m === 'rolename') return this.pools.role;
    if (m === 'rolearn' || m === 'resourcearn' || m === 'resourceidentifier') return this.pools.arn;
    if (m === 'policy' || m === 'policydocument') return [POLICY];
    if (m === 'assumerolepolicydocument') return [TRUST];
    return undefined;
  }
}

/** AWS Query form encoding of an input structure (lists as `.member.N`, maps as `.entry.N.key/value`). */
function queryForm(model: Model, shapeName: string, value: unknown, prefix: string, out: URLSearchParams): void {
  const shape = model.shapes[shapeName]!;
  if (value === null || value === undefined) return;
  if (shape.type === 'structure' && typeof value === 'object' && !Array.isArray(value)) {
    for (const [m, v] of Object.entries(value as Record<string, unknown>)) {
      const ref = shape.members?.[m];
      const key = prefix ? `${prefix}.${m}` : m;
      if (ref) queryForm(model, ref.shape, v, key, out);
      else out.append(key, String(v));
    }
  } else if (shape.type === 'list' && Array.isArray(value)) {
    value.forEach((v, i) => queryForm(model, shape.member!.shape, v, `${prefix}.member.${i + 1}`, out));
  } else if (shape.type === 'map' && typeof value === 'object' && !Array.isArray(value)) {
    Object.entries(value as Record<string, unknown>).forEach(([k, v], i) => {
      out.append(`${prefix}.entry.${i + 1}.key`, k);
      queryForm(model, shape.value!.shape, v, `${prefix}.entry.${i + 1}.value`, out);
    });
  } else if (shape.type === 'timestamp' && typeof value === 'number') {
    out.append(prefix, Number.isFinite(value * 1000) && Math.abs(value) < 1e11 ? new Date(value * 1000).toISOString() : String(value));
  } else {
    out.append(prefix, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
}

async function seedResources(url: string): Promise<Record<string, string[]>> {
  const kms = new KMSClient(sdkConfig(url));
  const logs = new CloudWatchLogsClient(sdkConfig(url));
  const iam = new IAMClient(sdkConfig(url));
  const key = await kms.send(new CreateKeyCommand({}));
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/fuzz', TargetKeyId: key.KeyMetadata!.KeyId! }));
  const mac = await kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }));
  const sign = await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'fuzz-group' }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: 'fuzz-group', logStreamName: 'fuzz-stream' }));
  await logs.send(new PutLogEventsCommand({ logGroupName: 'fuzz-group', logStreamName: 'fuzz-stream', logEvents: [{ timestamp: Date.now(), message: 'hello fuzz 200 GET /x' }] }));
  await iam.send(new CreateUserCommand({ UserName: 'fuzz-user' }));
  const role = await iam.send(new CreateRoleCommand({ RoleName: 'fuzz-role', AssumeRolePolicyDocument: TRUST }));
  kms.destroy();
  logs.destroy();
  iam.destroy();
  return {
    key: [key.KeyMetadata!.KeyId!, key.KeyMetadata!.Arn!, 'alias/fuzz', mac.KeyMetadata!.KeyId!, sign.KeyMetadata!.KeyId!],
    alias: ['alias/fuzz', 'alias/fuzz2'],
    group: ['fuzz-group', 'arn:aws:logs:us-east-1:000000000000:log-group:fuzz-group'],
    stream: ['fuzz-stream'],
    user: ['fuzz-user'],
    role: ['fuzz-role'],
    arn: [role.Role!.Arn!, key.KeyMetadata!.Arn!, 'arn:aws:logs:us-east-1:000000000000:log-group:fuzz-group'],
  };
}

export async function fuzz(opts: FaultOptions): Promise<HarnessResult> {
  const dir = tempDir(NAME);
  const srv = await startChild(dir);
  try {
    const models = Object.fromEntries(SERVICES.map((s) => [s, loadModel(s)])) as Record<(typeof SERVICES)[number], Model>;
    const ops = SERVICES.flatMap((s) => Object.keys(models[s].operations).map((op) => ({ service: s, op })));
    const pools = await seedResources(srv.url);
    const gen = new Generator(rng(opts.seed), pools);
    const random = rng(opts.seed + 1);
    log(NAME, `${ops.length} operations of ${SERVICES.join(', ')} from models/aws; ${opts.requests} requests, seed ${opts.seed}`);
    const statuses = new Map<number, number>();
    const fives: string[] = [];
    let sent = 0;
    const one = async (i: number) => {
      // Every operation at least once, then random ones.
      const { service, op } = i < ops.length ? ops[i]! : ops[Math.floor(random() * ops.length)]!;
      const model = models[service];
      const input = model.operations[op]!.input ? gen.value(model, model.operations[op]!.input!.shape, '', 0) : {};
      let headers: Record<string, string>;
      let body: string;
      if (model.metadata.protocol === 'json') {
        body = random() < 0.02 ? JSON.stringify(input).slice(0, Math.floor(random() * 40)) : JSON.stringify(input);
        headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${model.metadata.targetPrefix}.${op}` };
      } else {
        const form = new URLSearchParams({ Action: op, Version: model.metadata.apiVersion });
        if (model.operations[op]!.input) queryForm(model, model.operations[op]!.input!.shape, input, '', form);
        body = form.toString();
        headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
      }
      const signed = await signedHeaders({ url: srv.url, service: model.metadata.endpointPrefix, creds: devCreds, headers, body });
      const r = await fetch(srv.url, { method: 'POST', headers: signed, body });
      const text = await r.text();
      sent++;
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status >= 500) fives.push(`${service}.${op} → ${r.status} ${text.slice(0, 200)} for ${body.slice(0, 300)}`);
    };
    let next = 0;
    const workers = Array.from({ length: 8 }, async () => {
      while (next < opts.requests) await one(next++);
    });
    const t = performance.now();
    await Promise.all(workers);
    const secs = (performance.now() - t) / 1000;
    const health = await fetch(`${srv.url}/_logseal/health`);
    log(NAME, `${sent} requests in ${secs.toFixed(1)} s; statuses: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}; health after: ${health.status}`);
    for (const f of fives.slice(0, 10)) log(NAME, `5xx: ${f}`);
    for (const f of faultLines(srv).slice(0, 5)) log(NAME, `server fault: ${f.slice(0, 600)}`);
    return { ok: fives.length === 0 && health.status === 200, summary: `${sent} requests over ${ops.length} operations, ${fives.length} answered 5xx` };
  } finally {
    await srv.stop();
    removeDir(dir);
  }
}
