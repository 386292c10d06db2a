import { lowerName } from './context.js';
import { evaluate, type CompiledPolicy } from './evaluate.js';
import type { ConditionContext, ContextValue, Evaluation, PolicyRequest } from './types.js';

/**
 * Policy decisions remembered per compiled policy. `evaluate` is a pure function of the compiled policy, the
 * principal as policies match it, the action, the resource and the values of the condition keys the policy reads
 * (`CompiledPolicy.contextKeys`); the cache key is exactly those inputs, so a hit returns what evaluation would.
 * Everything else a KMS or IAM decision depends on stays outside and is checked on every request: grants, the key's
 * state, the other policies of the caller. A changed policy is a new compiled object (compiled per policy version,
 * IAM revision), whose decisions start empty; the old object's go with it (WeakMap).
 *
 * What it saves: indexing the ~20-key condition context case-insensitively and testing every statement
 * (docs/decisions/0021-per-core-cost.md). The key is built by walking the context once and keeping only the keys the
 * policy reads, in the context's own order (two contexts giving the same string hold the same values for every key
 * the policy reads, spellings included, so they get the same decision).
 *
 * Policies that read `aws:CurrentTime` are not cached: it changes every millisecond, and every request would add an
 * entry that is never used again.
 */
const MAX_PER_POLICY = 1024;

interface PolicyDecisions {
  /** The policy's context keys, for membership tests while walking a context. */
  readonly reads: ReadonlySet<string>;
  readonly cacheable: boolean;
  readonly entries: Map<string, Evaluation>;
}

const decisions = new WeakMap<CompiledPolicy, PolicyDecisions>();

function decisionsOf(compiled: CompiledPolicy): PolicyDecisions {
  let d = decisions.get(compiled);
  if (d === undefined) {
    const reads = new Set(compiled.contextKeys);
    d = { reads, cacheable: !reads.has('aws:currenttime'), entries: new Map() };
    decisions.set(compiled, d);
  }
  return d;
}

/** `evaluate(compiled, req)`, answered from memory when the same inputs were evaluated before. Do not mutate it. */
export function evaluateCached(compiled: CompiledPolicy, req: PolicyRequest): Evaluation {
  const d = decisionsOf(compiled);
  if (!d.cacheable) return evaluate(compiled, req);
  const key = decisionKey(d.reads, req);
  const hit = d.entries.get(key);
  if (hit !== undefined) return hit;
  const ev = evaluate(compiled, req);
  Object.freeze(ev.matchedStatements);
  Object.freeze(ev);
  if (d.entries.size >= MAX_PER_POLICY) d.entries.clear();
  d.entries.set(key, ev);
  return ev;
}

/** Number of remembered decisions of a policy (tests). */
export function cachedDecisions(compiled: CompiledPolicy): number {
  return decisions.get(compiled)?.entries.size ?? 0;
}

/**
 * The inputs of a decision as one string. Every variable-length part is length-prefixed and every value tagged with
 * its type, so that two different inputs never give the same string.
 */
function decisionKey(reads: ReadonlySet<string>, req: PolicyRequest): string {
  const p = req.principal;
  let k = p.type + str(p.arn) + str(p.accountId) + str(p.roleArn) + str(p.userId) + str(p.roleId) + str(req.action) + str(req.resource);
  if (reads.size === 0) return k;
  const ctx: ConditionContext = req.context;
  for (const name in ctx) {
    if (!Object.hasOwn(ctx, name)) continue;
    const lk = lowerName(name);
    if (reads.has(lk)) k += str(lk) + value(ctx[name]);
  }
  return k;
}

function str(s: string | undefined): string {
  return s === undefined ? '~' : `${s.length}:${s}`;
}

function value(v: ContextValue): string {
  if (v === undefined) return 'u';
  if (v === null) return 'z';
  if (Array.isArray(v)) {
    let s = `[${v.length}`;
    for (const x of v as readonly ContextValue[]) s += value(x);
    return s;
  }
  if (typeof v === 'string') return 's' + str(v);
  if (typeof v === 'number') return `n${Object.is(v, -0) ? '-0' : String(v)};`;
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (v instanceof Date) return `d${v.getTime()};`;
  if (v instanceof Uint8Array) return 'b' + str(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'));
  // Nothing else is a context value; an unknown kind is never equal to anything.
  return `?${Math.random()};`;
}
