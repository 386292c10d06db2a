import { compileCondition, evaluateCondition, type CompiledCondition } from './conditions.js';
import { ContextIndex } from './context.js';
import { compilePrincipal, matchNotPrincipal, matchPrincipal, type CompiledPrincipal, type PrincipalMatch } from './principal.js';
import { PatternSet, parseTemplate } from './template.js';
import type { CompileOptions, Effect, Evaluation, Policy, PolicyRequest, Statement } from './types.js';

interface CompiledStatement {
  /** Sid, or the statement's index when it has none. */
  label: string;
  effect: Effect;
  /** Action (or NotAction) patterns, case-insensitive. */
  actions: PatternSet;
  notAction: boolean;
  /** Resource (or NotResource) patterns, case-sensitive, with variables when the policy has them. */
  resources: PatternSet;
  notResource: boolean;
  /** null: no principal element (identity policy), the statement applies to its holder. */
  principal: CompiledPrincipal | null;
  notPrincipal: boolean;
  conditions: CompiledCondition[];
}

/** A policy ready for evaluation: every pattern, number, date and CIDR is parsed. Immutable; share it freely. */
export interface CompiledPolicy {
  readonly statements: readonly CompiledStatement[];
  /** Whether some statement reads the request context (conditions or variables), to skip indexing it otherwise. */
  readonly usesContext: boolean;
  /**
   * Every condition key (lower-cased) that evaluation can read: the keys of the conditions and of the `${…}` variables
   * in Resource/NotResource and condition values. The decision is a function of the principal, action, resource and
   * these keys' values alone (decisionCache.ts relies on it).
   */
  readonly contextKeys: readonly string[];
}

function compileStatement(s: Statement, variables: boolean, opts: CompileOptions): CompiledStatement | null {
  if (s.ineffective) return null;
  const spec = s.principal ?? s.notPrincipal;
  const resources = s.resource ?? s.notResource ?? [];
  return {
    label: s.sid ? s.sid : String(s.index),
    effect: s.effect,
    actions: new PatternSet(s.action ?? s.notAction ?? [], { mode: 'plain', ignoreCase: true, variables: false }),
    notAction: s.notAction !== undefined,
    resources: new PatternSet(resources, { mode: 'resource', ignoreCase: false, variables }),
    notResource: s.notResource !== undefined,
    principal: spec ? compilePrincipal(spec, opts.principalIds) : null,
    notPrincipal: s.notPrincipal !== undefined,
    conditions: s.conditions.map((c) => compileCondition(c, variables)),
  };
}

/** Compiles a parsed policy once, for any number of evaluations. */
export function compilePolicy(policy: Policy, opts: CompileOptions = {}): CompiledPolicy {
  // Policy variables exist only in the 2012-10-17 language.
  const variables = policy.version === '2012-10-17';
  const statements = policy.statements.map((s) => compileStatement(s, variables, opts)).filter((s) => s !== null);
  const usesContext =
    statements.some((s) => s.conditions.length > 0) ||
    (variables && policy.statements.some((s) => (s.resource ?? s.notResource ?? []).some((r) => r.includes('${'))));
  return { statements, usesContext, contextKeys: contextKeysOf(policy, variables) };
}

/** The condition keys a policy can read (a superset is harmless; a key missing here would make caching wrong). */
function contextKeysOf(policy: Policy, variables: boolean): string[] {
  const keys = new Set<string>();
  const addVariables = (source: string): void => {
    if (!variables) return;
    for (const p of parseTemplate(source, true).parts) if (p.kind === 'var') keys.add(p.key);
  };
  for (const s of policy.statements) {
    if (s.ineffective) continue;
    for (const r of s.resource ?? s.notResource ?? []) addVariables(r);
    for (const c of s.conditions) {
      keys.add(c.key.toLowerCase());
      for (const v of c.values) addVariables(v);
    }
  }
  return [...keys].sort();
}

function principalMatch(s: CompiledStatement, req: PolicyRequest): PrincipalMatch {
  if (!s.principal) return 'direct';
  return s.notPrincipal ? matchNotPrincipal(s.principal, req.principal) : matchPrincipal(s.principal, req.principal);
}

/**
 * Evaluates one policy for one request. Statements are tested cheapest first (action, principal, resource,
 * conditions). The result reports explicit Deny and Allow separately; combining several policies (key policy, IAM
 * policies, grants) is the caller's decision.
 */
export function evaluate(compiled: CompiledPolicy, req: PolicyRequest): Evaluation {
  const result: Evaluation = { explicitDeny: false, allowed: false, allowedViaAccount: false, matchedStatements: [] };
  const ctx = compiled.usesContext ? new ContextIndex(req.context) : null;
  for (const s of compiled.statements) {
    if (s.actions.test(req.action, null) === s.notAction) continue;
    const who = principalMatch(s, req);
    if (who === null) continue;
    if (s.resources.test(req.resource, ctx) === s.notResource) continue;
    let ok = true;
    for (const c of s.conditions) {
      if (!evaluateCondition(c, ctx!, s.effect)) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    result.matchedStatements.push(s.label);
    // A Deny naming an account applies to every principal of that account.
    if (s.effect === 'Deny') result.explicitDeny = true;
    else if (who === 'direct') result.allowed = true;
    else result.allowedViaAccount = true;
  }
  return result;
}
