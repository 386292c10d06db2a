/**
 * The key policy document as the console reads and writes it, and the structural checks the JSON editor runs before
 * it sends a policy to PutKeyPolicy (KMS then applies its own, and its message is shown as it is).
 */
export type StringOrList = string | string[];

export interface PrincipalMap {
  AWS?: StringOrList;
  Service?: StringOrList;
  Federated?: StringOrList;
  CanonicalUser?: StringOrList;
}

export type ConditionValue = string | number | boolean | Array<string | number | boolean>;

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | PrincipalMap;
  NotPrincipal?: '*' | PrincipalMap;
  Action?: StringOrList;
  NotAction?: StringOrList;
  Resource?: StringOrList;
  NotResource?: StringOrList;
  Condition?: Record<string, Record<string, ConditionValue>>;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: Statement | Statement[];
}

/** KMS's limit on a key policy (32 KiB). */
export const MAX_POLICY_CHARS = 32768;

const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

export type PolicyCheck = { ok: true; document: PolicyDocument } | { ok: false; problems: string[] };

/** Parses and checks the structure of a key policy; problems are phrased for a person, one per line. */
export function checkPolicyText(text: string): PolicyCheck {
  if (text.length > MAX_POLICY_CHARS) return { ok: false, problems: [`The policy is ${text.length} characters long; a key policy can have at most ${MAX_POLICY_CHARS}.`] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`This is not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const problems = documentProblems(parsed);
  return problems.length === 0 ? { ok: true, document: parsed as PolicyDocument } : { ok: false, problems };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function documentProblems(doc: unknown): string[] {
  if (!isObject(doc)) return ['A policy must be a JSON object: { "Version": "2012-10-17", "Statement": [ … ] }.'];
  const problems: string[] = [];
  for (const k of Object.keys(doc)) if (!DOCUMENT_KEYS.has(k)) problems.push(`Unknown top-level element "${k}" (allowed: Version, Id, Statement).`);
  if (doc.Version !== undefined && doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') {
    problems.push('"Version" must be "2012-10-17" (or the older "2008-10-17").');
  }
  if (doc.Id !== undefined && typeof doc.Id !== 'string') problems.push('"Id" must be a string.');
  const st = doc.Statement;
  if (st === undefined) problems.push('The policy has no "Statement".');
  else if (Array.isArray(st)) {
    if (st.length === 0) problems.push('"Statement" is empty: the key would allow nobody anything.');
    st.forEach((s, i) => problems.push(...statementProblems(s, `Statement ${i + 1}`)));
  } else problems.push(...statementProblems(st, 'The statement'));
  return problems.concat(duplicateSids(st));
}

function statementProblems(s: unknown, where: string): string[] {
  if (!isObject(s)) return [`${where} must be a JSON object.`];
  const p: string[] = [];
  for (const k of Object.keys(s)) if (!STATEMENT_KEYS.has(k)) p.push(`${where}: unknown element "${k}".`);
  if (s.Sid !== undefined && typeof s.Sid !== 'string') p.push(`${where}: "Sid" must be a string.`);
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') p.push(`${where}: "Effect" must be "Allow" or "Deny".`);
  p.push(...exactlyOne(s, 'Principal', 'NotPrincipal', where, 'who it applies to'));
  p.push(...exactlyOne(s, 'Action', 'NotAction', where, 'which actions it covers'));
  p.push(...exactlyOne(s, 'Resource', 'NotResource', where, 'which resources it covers ("*" is this key)'));
  for (const k of ['Principal', 'NotPrincipal'] as const) if (s[k] !== undefined) p.push(...principalProblems(s[k], `${where}: "${k}"`));
  for (const k of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (s[k] !== undefined && !isStringOrList(s[k])) p.push(`${where}: "${k}" must be a string or a list of strings.`);
  }
  if (s.Condition !== undefined) p.push(...conditionProblems(s.Condition, where));
  return p;
}

function exactlyOne(s: Record<string, unknown>, a: string, b: string, where: string, what: string): string[] {
  if (s[a] !== undefined && s[b] !== undefined) return [`${where}: use "${a}" or "${b}", not both.`];
  if (s[a] === undefined && s[b] === undefined) return [`${where}: needs "${a}" (${what}).`];
  return [];
}

function isStringOrList(v: unknown): boolean {
  return typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'));
}

function principalProblems(v: unknown, where: string): string[] {
  if (v === '*') return [];
  if (!isObject(v)) return [`${where} must be "*" or an object such as { "AWS": "arn:aws:iam::111122223333:root" }.`];
  const p: string[] = [];
  for (const [type, value] of Object.entries(v)) {
    if (!PRINCIPAL_TYPES.has(type)) p.push(`${where}: unknown principal type "${type}" (allowed: AWS, Service, Federated, CanonicalUser).`);
    else if (!isStringOrList(value)) p.push(`${where}: "${type}" must be a string or a list of strings.`);
  }
  return p;
}

function conditionProblems(c: unknown, where: string): string[] {
  if (!isObject(c)) return [`${where}: "Condition" must be an object of operators, such as { "StringEquals": { "aws:SourceAccount": "111122223333" } }.`];
  const p: string[] = [];
  for (const [op, clause] of Object.entries(c)) {
    if (!isObject(clause)) {
      p.push(`${where}: condition "${op}" must map condition keys to values.`);
      continue;
    }
    for (const [key, value] of Object.entries(clause)) {
      const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
      if (!(scalar(value) || (Array.isArray(value) && value.every(scalar)))) p.push(`${where}: the value of "${op}" → "${key}" must be a string, number, boolean or a list of them.`);
    }
  }
  return p;
}

function duplicateSids(st: unknown): string[] {
  if (!Array.isArray(st)) return [];
  const seen = new Set<string>();
  const p: string[] = [];
  for (const s of st) {
    if (!isObject(s) || typeof s.Sid !== 'string' || s.Sid === '') continue;
    if (seen.has(s.Sid)) p.push(`Two statements have the Sid "${s.Sid}"; each Sid must be unique.`);
    seen.add(s.Sid);
  }
  return p;
}

export function statementsOf(doc: PolicyDocument): Statement[] {
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

export function listOf(v: StringOrList | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Policies are shown and sent as two-space JSON, so what a person reviews is byte for byte what KMS stores. */
export function policyText(doc: PolicyDocument): string {
  return JSON.stringify(doc, null, 2);
}
