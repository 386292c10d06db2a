/**
 * Log transformers: a log group's transformer is a log-group policy (`TRANSFORMER_POLICY`, the type AWS's account
 * policies use for transformers) whose document is the processor list. PutLogEvents transforms each accepted event
 * with it before the chunk is sealed; the transformed versions travel in the chunk's trailer (src/logs/chunks.ts,
 * format 3), encrypted like the messages. See docs/decisions/0020-log-transformers.md.
 */
import type { RequestContext } from '../../common/operation.js';
import type { Processor } from '../../protocol/generated/logs.js';
import { TransformedKind, type TransformedBatch } from '../chunks.js';
import type { LogsCore } from '../core.js';
import { groupTarget } from '../dataProtection/policies.js';
import type { LogGroupRecord } from '../model.js';
import { compileTransformer, type CompiledTransformer } from './processors.js';

export const TRANSFORMER_POLICY = 'TRANSFORMER_POLICY';
/**
 * How long an instance reuses a group's transformer before reading it again. A change made on this instance applies
 * to the next batch; one made on another instance sharing the database, within this time (the README's 5 seconds).
 */
export const TRANSFORMER_CACHE_MS = 5000;

const MAX_CACHED_GROUPS = 10_000;

export interface StoredTransformer {
  config: Processor[];
  createdAt: number;
  updatedAt: number;
}

interface Cached {
  at: number;
  compiled: CompiledTransformer | null;
}

const caches = new WeakMap<LogsCore, Map<number, Cached>>();

function cacheOf(core: LogsCore): Map<number, Cached> {
  let c = caches.get(core);
  if (!c) caches.set(core, (c = new Map()));
  return c;
}

/** The group's transformer as stored, or undefined. */
export async function getStoredTransformer(core: LogsCore, group: LogGroupRecord): Promise<StoredTransformer | undefined> {
  const [p] = await core.store.logPolicies.listPolicies(group.accountId, group.region, groupTarget(group), TRANSFORMER_POLICY);
  if (!p) return undefined;
  return { config: JSON.parse(p.document) as Processor[], createdAt: p.createdAt, updatedAt: p.updatedAt };
}

/** Stores (replaces) the group's transformer; the caller has validated it. */
export async function putStoredTransformer(core: LogsCore, group: LogGroupRecord, config: Processor[]): Promise<void> {
  const now = core.clock.now();
  const existing = await getStoredTransformer(core, group);
  await core.store.logPolicies.putPolicy({
    accountId: group.accountId,
    region: group.region,
    target: groupTarget(group),
    policyType: TRANSFORMER_POLICY,
    policyName: '',
    document: JSON.stringify(config),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  });
  cacheOf(core).delete(group.id);
}

/** Deletes the group's transformer; false when it had none. */
export async function deleteStoredTransformer(core: LogsCore, group: LogGroupRecord): Promise<boolean> {
  const n = await core.store.logPolicies.deletePolicies(group.accountId, group.region, groupTarget(group), TRANSFORMER_POLICY);
  cacheOf(core).delete(group.id);
  return n > 0;
}

async function transformerOf(core: LogsCore, group: LogGroupRecord): Promise<CompiledTransformer | null> {
  const cache = cacheOf(core);
  const now = core.clock.now();
  const hit = cache.get(group.id);
  if (hit && now - hit.at < TRANSFORMER_CACHE_MS && now >= hit.at) return hit.compiled;
  const stored = await getStoredTransformer(core, group);
  const compiled = stored ? compileTransformer(stored.config) : null;
  // Bounded: past this many groups the cache starts over (each entry is re-read within 5 seconds anyway).
  if (cache.size >= MAX_CACHED_GROUPS) cache.clear();
  cache.set(group.id, { at: now, compiled });
  return compiled;
}

/**
 * The ingest hook: the transformed versions of events `[start, end)` of a PutLogEvents batch, or undefined when the
 * group has no transformer. An event the transformer cannot handle is still stored, with the reason instead of a
 * transformed version (AWS's `@transformationError`).
 */
export async function transformBatch(
  core: LogsCore,
  group: LogGroupRecord,
  logStreamName: string,
  events: { message(i: number): string },
  start: number,
  end: number,
  ctx: RequestContext,
): Promise<TransformedBatch | undefined> {
  const t = await transformerOf(core, group);
  if (!t) return undefined;
  const meta = { logGroupName: group.name, logStreamName, accountId: ctx.principal.accountId, region: ctx.region };
  const kinds = new Uint8Array(end - start);
  const texts: string[] = new Array<string>(end - start);
  for (let i = start; i < end; i++) {
    const r = t.apply(events.message(i), meta);
    kinds[i - start] = r.ok ? TransformedKind.Transformed : TransformedKind.Error;
    texts[i - start] = r.ok ? r.json : r.error;
  }
  return { kinds, texts };
}
