/**
 * "Can CloudWatch Logs use this key here?" answered from the key policy alone, in the browser: the request
 * CloudWatch Logs makes is evaluated for the principal `logs.<region>.amazonaws.com` with the encryption context it
 * sends (the log group or anomaly detector ARN) and `aws:SourceAccount` / `aws:SourceArn`. Service principals are
 * never allowed through the account's IAM policies, so the key policy is the whole answer (grants aside).
 *
 * This covers the policy language a key policy for a service uses: Principal/NotPrincipal, Action/NotAction,
 * Resource/NotResource, and the String*, Arn*, Bool and Null conditions with IfExists and ForAnyValue/ForAllValues.
 * A condition it does not understand counts as not met, and is reported, so the answer is never a false "yes".
 */
import { listOf, statementsOf, type ConditionValue, type PolicyDocument, type Statement } from './document.js';
import { anomalyDetectorStatement, DETECTOR_CONTEXT_KEY, LOG_GROUP_CONTEXT_KEY, logsServicePrincipal, logsStatement, withStatement } from './keyPolicy.js';

export type LogsTarget = { kind: 'log-group' | 'anomaly-detector'; arn: string };

/** One concrete action per action family the CloudWatch Logs user guide grants. */
export const CHECKED_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:GenerateDataKey', 'kms:DescribeKey'] as const;

export interface StatementRef {
  index: number;
  sid?: string;
}

export interface NearMiss extends StatementRef {
  /** Why a statement that names CloudWatch Logs does not apply here. */
  reasons: string[];
}

export interface LogsAccessAnswer {
  allowed: boolean;
  /** Actions no statement allows for this request. */
  missing: string[];
  /** Deny statements that apply (a fix cannot simply add a statement then). */
  deniedBy: StatementRef[];
  /** Statements naming CloudWatch Logs that do not match this request, and why. */
  nearMisses: NearMiss[];
  /** Condition operators this check does not evaluate. */
  unsupported: string[];
  /** The statement to add when something is missing and nothing denies. */
  fix?: Statement;
}

export interface LogsAccessQuestion {
  region: string;
  accountId: string;
  keyArn: string;
  target: LogsTarget;
}

type Context = Map<string, string[]>;

/**
 * The request context of CloudWatch Logs calling KMS for the target (condition keys lowercased). For a detector the
 * encryption context carries its ARN under both keys the user guide's two detector statements name (the Encryption
 * SDK's `aws-crypto-ec:` one and the plain one), as logseal's server sends it, so either statement is enough.
 */
export function logsRequestContext(q: LogsAccessQuestion): Context {
  const ecKeys = q.target.kind === 'log-group' ? [LOG_GROUP_CONTEXT_KEY] : [LOG_GROUP_CONTEXT_KEY, DETECTOR_CONTEXT_KEY];
  const ctx: Context = new Map();
  for (const k of ecKeys) ctx.set(k.toLowerCase(), [q.target.arn]);
  ctx.set('kms:encryptioncontextkeys', ecKeys.map((k) => k.slice('kms:EncryptionContext:'.length)));
  ctx.set('aws:sourceaccount', [q.accountId]);
  ctx.set('aws:sourcearn', [q.target.arn]);
  ctx.set('aws:principalservicename', ['logs.amazonaws.com']);
  return ctx;
}

export function checkLogsAccess(doc: PolicyDocument, q: LogsAccessQuestion): LogsAccessAnswer {
  const principal = logsServicePrincipal(q.region);
  const ctx = logsRequestContext(q);
  const unsupported = new Set<string>();
  const statements = statementsOf(doc);
  const deniedBy: StatementRef[] = [];
  const allowedActions = new Set<string>();
  statements.forEach((s, index) => {
    for (const action of CHECKED_ACTIONS) {
      if (!applies(s, principal, action, q.keyArn) || conditionFailures(s, ctx, unsupported).length > 0) continue;
      if (s.Effect === 'Deny') {
        if (!deniedBy.some((d) => d.index === index)) deniedBy.push(ref(s, index));
      } else allowedActions.add(action);
    }
  });
  const missing = CHECKED_ACTIONS.filter((a) => !allowedActions.has(a));
  const allowed = missing.length === 0 && deniedBy.length === 0;
  const answer: LogsAccessAnswer = { allowed, missing, deniedBy, nearMisses: nearMisses(statements, principal, ctx, q.keyArn), unsupported: [...unsupported] };
  if (missing.length > 0 && deniedBy.length === 0) answer.fix = fixStatement(q);
  return answer;
}

/** The statement that makes the answer "yes": the user guide's statement for the target's kind. */
export function fixStatement(q: LogsAccessQuestion): Statement {
  return q.target.kind === 'log-group' ? logsStatement(q.region, q.accountId) : anomalyDetectorStatement(q.region, q.accountId);
}

export function applyFix(doc: PolicyDocument, q: LogsAccessQuestion): PolicyDocument {
  return withStatement(doc, fixStatement(q));
}

function ref(s: Statement, index: number): StatementRef {
  return s.Sid ? { index, sid: s.Sid } : { index };
}

function nearMisses(statements: Statement[], principal: string, ctx: Context, keyArn: string): NearMiss[] {
  const out: NearMiss[] = [];
  statements.forEach((s, index) => {
    if (s.Effect !== 'Allow' || !principalMatches(s, principal)) return;
    const reasons: string[] = [];
    if (!CHECKED_ACTIONS.some((a) => actionMatches(s, a))) reasons.push('it allows none of the actions CloudWatch Logs uses');
    if (!resourceMatches(s, keyArn)) reasons.push('its Resource does not cover this key');
    reasons.push(...conditionFailures(s, ctx, new Set()));
    if (reasons.length > 0) out.push({ ...ref(s, index), reasons });
  });
  return out;
}

function applies(s: Statement, principal: string, action: string, keyArn: string): boolean {
  return principalMatches(s, principal) && actionMatches(s, action) && resourceMatches(s, keyArn);
}

function principalMatches(s: Statement, service: string): boolean {
  if (s.Principal !== undefined) return principalNames(s.Principal, service);
  if (s.NotPrincipal !== undefined) return !principalNames(s.NotPrincipal, service);
  return false;
}

function principalNames(p: Statement['Principal'], service: string): boolean {
  if (p === '*') return true;
  if (p === undefined) return false;
  // {"AWS": "*"} names everyone, service principals included.
  if (listOf(p.AWS).includes('*')) return true;
  return listOf(p.Service).some((x) => x.toLowerCase() === service.toLowerCase());
}

function actionMatches(s: Statement, action: string): boolean {
  if (s.Action !== undefined) return listOf(s.Action).some((a) => glob(a, true).test(action));
  if (s.NotAction !== undefined) return !listOf(s.NotAction).some((a) => glob(a, true).test(action));
  return false;
}

function resourceMatches(s: Statement, keyArn: string): boolean {
  if (s.Resource !== undefined) return listOf(s.Resource).some((r) => glob(r, false).test(keyArn));
  if (s.NotResource !== undefined) return !listOf(s.NotResource).some((r) => glob(r, false).test(keyArn));
  return false;
}

function glob(pattern: string, ignoreCase: boolean): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
}

/** Why the statement's conditions are not met by the request (empty when they are). */
function conditionFailures(s: Statement, ctx: Context, unsupported: Set<string>): string[] {
  const failures: string[] = [];
  for (const [operator, clause] of Object.entries(s.Condition ?? {})) {
    for (const [key, value] of Object.entries(clause)) {
      const verdict = evaluateCondition(operator, ctx.get(key.toLowerCase()), valuesOf(value));
      if (verdict === 'unsupported') {
        unsupported.add(operator);
        failures.push(`this check does not evaluate the condition operator ${operator}`);
      } else if (!verdict) failures.push(describeMiss(operator, key, ctx.get(key.toLowerCase()), value));
    }
  }
  return failures;
}

function valuesOf(v: ConditionValue): string[] {
  return (Array.isArray(v) ? v : [v]).map(String);
}

function describeMiss(operator: string, key: string, actual: string[] | undefined, expected: ConditionValue): string {
  const want = Array.isArray(expected) ? expected.join('", "') : String(expected);
  if (actual === undefined) return `its condition ${operator} needs ${key}, which CloudWatch Logs does not send for this request`;
  return `its condition ${operator} on ${key} ("${want}") does not match "${actual.join('", "')}"`;
}

type Matcher = (actual: string, expected: string) => boolean;

const MATCHERS: Record<string, Matcher> = {
  stringequals: (a, e) => a === e,
  stringequalsignorecase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  stringlike: (a, e) => glob(e, false).test(a),
  arnequals: arnLike,
  arnlike: arnLike,
  bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
};

const NEGATED: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
};

/**
 * IAM's rules: several values OR together; a missing key makes positive operators false and negated ones true;
 * `IfExists` makes a missing key true; ForAnyValue needs one context value to match, ForAllValues every one.
 */
export function evaluateCondition(operator: string, actual: string[] | undefined, expected: string[]): boolean | 'unsupported' {
  let op = operator.toLowerCase();
  let qualifier: 'any' | 'all' | undefined;
  if (op.startsWith('foranyvalue:')) [qualifier, op] = ['any', op.slice('foranyvalue:'.length)];
  else if (op.startsWith('forallvalues:')) [qualifier, op] = ['all', op.slice('forallvalues:'.length)];
  const ifExists = op.endsWith('ifexists');
  if (ifExists) op = op.slice(0, -'ifexists'.length);
  if (op === 'null') return expected.some((e) => (e.toLowerCase() === 'true') === (actual === undefined || actual.length === 0));
  const negatedOf = NEGATED[op];
  const matcher = MATCHERS[negatedOf ?? op];
  if (!matcher) return 'unsupported';
  if (actual === undefined || actual.length === 0) return ifExists || qualifier === 'all' || (negatedOf !== undefined && qualifier !== 'any');
  const one = (a: string) => expected.some((e) => matcher(a, e));
  const positive = qualifier === 'all' ? actual.every(one) : actual.some(one);
  if (negatedOf === undefined) return positive;
  // Negated: no value matches; with ForAnyValue, some value matches none of the expected ones.
  if (qualifier === 'any') return actual.some((a) => !one(a));
  return !actual.some(one);
}

/** ArnLike/ArnEquals compare the six colon-separated parts one by one; `*` alone matches any ARN. */
function arnLike(actual: string, pattern: string): boolean {
  if (pattern === '*') return true;
  const p = splitArn(pattern);
  const a = splitArn(actual);
  if (!p || !a) return false;
  return p.every((part, i) => glob(part, false).test(a[i]));
}

function splitArn(arn: string): string[] | null {
  const parts = arn.split(':');
  if (parts.length < 6) return null;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
