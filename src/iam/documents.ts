/**
 * IAM's checks on policy documents, on top of the policy grammar in src/auth/policy: identity policies (inline and
 * managed) and role trust policies, with IAM's MalformedPolicyDocument and LimitExceeded wording.
 */
import { createHash } from 'node:crypto';
import { CompiledPolicyCache, compilePolicy, parsePolicy, PolicyError, PolicyReason, type CompiledPolicy, type Policy } from '../auth/policy/index.js';
import { parseStrictJson, type Json } from '../auth/policy/json.js';
import { LimitExceededException, MalformedPolicyDocumentException } from '../protocol/generated/iam.js';
import { messages } from './messages.js';

/** IAM counts policy sizes in characters, whitespace excluded. */
export function policySize(document: string): number {
  return document.replace(/\s/g, '').length;
}

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function statementsOf(doc: Json): Record<string, Json>[] {
  if (!isObject(doc)) return [];
  const s = doc['Statement'];
  const list = Array.isArray(s) ? s : [s];
  return list.filter(isObject);
}

/**
 * Validates an identity-based policy (inline or managed). Managed policies must also be written in policy language
 * version 2012-10-17; IAM checks that right after the grammar.
 */
export function validateIdentityPolicy(document: string, opts: { managed: boolean }): Policy {
  if (opts.managed && policySize(document) > 6144) throw new LimitExceededException(messages.managedPolicySize);
  let policy: Policy | undefined;
  let refusal: PolicyError | undefined;
  try {
    policy = parsePolicy(document, { kind: 'identity' });
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    if (err.message === PolicyReason.syntax) throw new MalformedPolicyDocumentException(err.message);
    refusal = err;
  }
  if (opts.managed) {
    const version = policy ? policy.version : (JSON.parse(document) as Record<string, unknown>)['Version'];
    if (version !== '2012-10-17') throw new MalformedPolicyDocumentException(messages.policyVersionRequired);
  }
  if (refusal) throw new MalformedPolicyDocumentException(refusal.message);
  return policy!;
}

// ---- trust policies --------------------------------------------------------------------------------------------

const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);
const ACCOUNT_ID = /^\d{12}$/;
const AWS_PRINCIPAL = /^arn:aws:(?:iam::\d{12}:(?:root|user\/[\w+=,.@/-]+|role\/[\w+=,.@/-]+)|sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+)$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(?:amazonaws\.com(?:\.cn)?|amazon\.com)$/;

function trustActionAllowed(action: string): boolean {
  const a = action.toLowerCase();
  return TRUST_ACTIONS.has(a) || a === 'sts:*';
}

/**
 * A trust policy has no Resource (IAM refuses one); the grammar wants one in every statement of a resource policy,
 * so `*` is put in for parsing. The role being assumed is then the only resource it is evaluated against.
 */
function withImplicitResource(doc: Json): string {
  if (isObject(doc)) {
    const s = doc['Statement'];
    if (Array.isArray(s)) doc['Statement'] = s.map((x) => (isObject(x) ? { ...x, Resource: '*' } : x));
    else if (isObject(s)) doc['Statement'] = { ...s, Resource: '*' };
  }
  return JSON.stringify(doc);
}

/** The first principal IAM would name as invalid, in its own wording. */
function invalidPrincipalMessage(statements: Record<string, Json>[]): string | undefined {
  for (const st of statements) {
    const p = st['Principal'] ?? st['NotPrincipal'];
    if (typeof p === 'string' && p !== '*') return messages.invalidPrincipal('AWS', p);
    if (!isObject(p)) continue;
    for (const [kind, ids] of Object.entries(p)) {
      for (const id of Array.isArray(ids) ? ids : [ids]) {
        if (typeof id !== 'string') continue;
        if (kind === 'AWS' && id !== '*' && !ACCOUNT_ID.test(id) && !AWS_PRINCIPAL.test(id)) return messages.invalidPrincipal('AWS', id);
        if (kind === 'Service' && !SERVICE_PRINCIPAL.test(id)) return messages.invalidPrincipal('SERVICE', id);
      }
    }
  }
  return undefined;
}

/** Parses a trust policy as the grammar sees it (with the implicit resource); the document must be valid JSON. */
function parseTrust(document: string): Policy {
  return parsePolicy(withImplicitResource(parseStrictJson(document)), { kind: 'resource' });
}

/**
 * Validates a role trust policy. `principalExists` answers for IAM user and role ARNs (IAM refuses a trust policy
 * naming one that does not exist).
 */
export function validateTrustPolicy(document: string, principalExists: (arn: string) => boolean): Policy {
  let doc: Json;
  try {
    // Strict: a member named twice is refused like any other JSON IAM cannot read unambiguously.
    doc = parseStrictJson(document);
  } catch {
    throw new MalformedPolicyDocumentException(messages.invalidJson);
  }
  if (policySize(document) > 2048) throw new LimitExceededException(messages.trustPolicySize);
  const statements = statementsOf(doc);
  if (statements.some((s) => 'Resource' in s || 'NotResource' in s)) throw new MalformedPolicyDocumentException(messages.trustPolicyResource);
  let policy: Policy;
  try {
    policy = parseTrust(document);
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    const reason = err.message === PolicyReason.invalidPrincipals ? (invalidPrincipalMessage(statements) ?? err.message) : err.message;
    throw new MalformedPolicyDocumentException(reason);
  }
  for (const st of policy.statements) {
    if (st.notAction || !(st.action ?? []).every(trustActionAllowed)) throw new MalformedPolicyDocumentException(messages.trustPolicyActions);
  }
  for (const st of policy.statements) {
    for (const arn of (st.principal ?? st.notPrincipal)?.arns ?? []) {
      if (!principalExists(arn)) throw new MalformedPolicyDocumentException(messages.invalidPrincipal('AWS', arn));
    }
  }
  return policy;
}

// ---- compiled documents ----------------------------------------------------------------------------------------

/** Compiled policies by document text: a document is parsed and compiled once, however many entities share it. */
export class CompiledDocuments {
  private readonly cache = new CompiledPolicyCache();

  identity(document: string): CompiledPolicy {
    return this.cache.get(`identity:${digest(document)}`, 0, () => compilePolicy(parsePolicy(document, { kind: 'identity' })));
  }

  /** A stored trust policy, parsed (the same grammar as when it was validated). */
  parseTrust(document: string): Policy {
    return parseTrust(document);
  }

  /**
   * A trust policy, its IAM users and roles matched by the unique ids they were bound to when it was stored
   * (`principalIds`), so one compiled form per (document, bindings).
   */
  trust(document: string, bindings: Readonly<Record<string, string>>): CompiledPolicy {
    const key = `trust:${digest(document)}:${digest(JSON.stringify(bindings))}`;
    return this.cache.get(key, 0, () => compilePolicy(parseTrust(document), { principalIds: (arn) => bindings[arn] }));
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}
