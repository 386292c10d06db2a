/**
 * What the grant operations share: grant ids and tokens, the key a grant operation names, grantee and retiring
 * principal checks, the grant operations each kind of key supports, and the rules for grants created through a grant.
 */
import { randomBytes } from 'node:crypto';
import type { Principal } from '../../auth/identity.js';
import { isIamEntityArn } from '../../auth/policy/index.js';
import type { RequestContext } from '../../common/operation.js';
import { InvalidArnException, InvalidGrantIdException, InvalidGrantTokenException } from '../../protocol/generated/kms.js';
import { contextEquals, contextIncludes, isGrantPrincipal } from '../authorize.js';
import type { KmsCore } from '../core.js';
import { parseKeyRef } from '../keyRefs.js';
import { messages } from '../messages.js';
import type { GrantConstraints, GrantRecord, KmsKey } from '../model.js';

/** AWS grant ids: 64 lowercase hex digits. */
const GRANT_ID_RE = /^[0-9a-f]{64}$/;
const TOKEN_VERSION = 1;
const GRANT_ID_BYTES = 32;
const TOKEN_NONCE_BYTES = 16;
const TOKEN_BYTES = 1 + GRANT_ID_BYTES + TOKEN_NONCE_BYTES;

export function newGrantId(): string {
  return randomBytes(GRANT_ID_BYTES).toString('hex');
}

/**
 * A grant token: version, grant id and a random nonce, base64url. Every CreateGrant call returns a new token, even
 * for an existing grant (as KMS does); all tokens of a grant name it interchangeably.
 */
export function newGrantToken(grantId: string): string {
  return Buffer.concat([Buffer.from([TOKEN_VERSION]), Buffer.from(grantId, 'hex'), randomBytes(TOKEN_NONCE_BYTES)]).toString('base64url');
}

/** The grant id a token names, or undefined when the text is not a grant token. */
export function grantIdOfToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== TOKEN_BYTES || bytes[0] !== TOKEN_VERSION) return undefined;
  return bytes.subarray(1, 1 + GRANT_ID_BYTES).toString('hex');
}

/**
 * The `GrantTokens` parameter of any operation. Grants here take effect at once, so a token adds no permission; it
 * must still be a well-formed grant token.
 */
export function validateGrantTokens(tokens: readonly string[] | undefined): void {
  for (const t of tokens ?? []) {
    if (grantIdOfToken(t) === undefined) throw new InvalidGrantTokenException(messages.invalidGrantToken);
  }
}

export function requireGrantId(grantId: string): void {
  if (!GRANT_ID_RE.test(grantId)) throw new InvalidGrantIdException(messages.invalidGrantId(grantId));
}

/** The key of a grant operation: key id or key ARN (another account's key by its ARN); aliases are refused. */
export async function loadGrantKey(core: KmsCore, ref: string, ctx: RequestContext): Promise<KmsKey> {
  const kind = parseKeyRef(ref).kind;
  if (kind === 'aliasName' || kind === 'aliasArn') throw new InvalidArnException(messages.grantAliasKeyId);
  return (await core.resolve(ref, ctx, { aliases: false })).key;
}

// --- principals ------------------------------------------------------------------------------------------------

const ROOT_RE = /^arn:aws:iam::\d{12}:root$/;
/** IAM users and roles (with paths) and role sessions: these must exist. */
const IAM_ENTITY_RE = /^arn:aws:(?:iam::\d{12}:(?:user|role)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+|sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+)$/;
const FEDERATED_USER_RE = /^arn:aws:sts::\d{12}:federated-user\/[\w+=,.@-]+$/;
/** Service principals, as KMS lists them for AWS services' grants (`dynamodb.us-west-2.amazonaws.com`). */
const SERVICE_RE = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/;

/** InvalidArnException unless `principal` is an account, an existing IAM user, role or session, or a service. */
export function checkGrantPrincipal(core: KmsCore, principal: string): void {
  if (ROOT_RE.test(principal) || FEDERATED_USER_RE.test(principal) || SERVICE_RE.test(principal)) return;
  if (IAM_ENTITY_RE.test(principal) && core.principalExists(principal)) return;
  throw new InvalidArnException(messages.invalidGrantPrincipal(principal));
}

/** The unique id a grant binds a grantee or retiring principal to: IAM users and roles only. */
export function principalId(core: KmsCore, principal: string): string | undefined {
  return isIamEntityArn(principal) ? core.principals.idOf(principal) : undefined;
}

/** A grant principal as ListGrants shows it: a deleted user or role by its unique id, a renamed user by its new ARN. */
export function shownGrantPrincipal(core: KmsCore, principal: string, id: string | undefined): string {
  return id === undefined ? principal : (core.principals.arnOf(id) ?? id);
}

/** The grant as ListGrants and ListRetirableGrants show it. */
export function shownGrant(core: KmsCore, g: GrantRecord): GrantRecord {
  const shown = { ...g, granteePrincipal: shownGrantPrincipal(core, g.granteePrincipal, g.granteePrincipalId) };
  if (g.retiringPrincipal !== undefined) shown.retiringPrincipal = shownGrantPrincipal(core, g.retiringPrincipal, g.retiringPrincipalId);
  return shown;
}

/** Whether the caller is the grant's grantee (by unique id for IAM users and roles, else by ARN). */
export function isGrantee(g: GrantRecord, p: Principal): boolean {
  return isGrantPrincipal(p, g.granteePrincipal, g.granteePrincipalId);
}

/** Whether the caller is the grant's retiring principal. */
export function isRetiringPrincipal(g: GrantRecord, p: Principal): boolean {
  return g.retiringPrincipal !== undefined && isGrantPrincipal(p, g.retiringPrincipal, g.retiringPrincipalId);
}

/** The account a principal ARN belongs to (undefined for service principals). */
export function accountOfPrincipal(principal: string): string | undefined {
  return /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

// --- grant operations ------------------------------------------------------------------------------------------

const ALWAYS = ['CreateGrant', 'DescribeKey', 'RetireGrant'];
const SYMMETRIC_ENCRYPTION = [
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateDataKeyWithoutPlaintext',
  'ReEncryptFrom',
  'ReEncryptTo',
];
const BY_USAGE: Record<KmsKey['keyUsage'], readonly string[]> = {
  ENCRYPT_DECRYPT: ['Decrypt', 'Encrypt', 'GetPublicKey', 'ReEncryptFrom', 'ReEncryptTo'],
  SIGN_VERIFY: ['GetPublicKey', 'Sign', 'Verify'],
  GENERATE_VERIFY_MAC: ['GenerateMac', 'VerifyMac'],
  KEY_AGREEMENT: ['DeriveSharedSecret', 'GetPublicKey'],
};

/** The grant operations a key supports (KMS's "grant operations" table). */
export function grantOperationsFor(key: KmsKey): ReadonlySet<string> {
  const own = key.keySpec === 'SYMMETRIC_DEFAULT' ? SYMMETRIC_ENCRYPTION : BY_USAGE[key.keyUsage];
  return new Set([...ALWAYS, ...own]);
}

/**
 * Whether encryption-context constraints can go on a grant for this key: only symmetric encryption keys have
 * operations that take an encryption context.
 */
export function constraintsAllowedFor(key: KmsKey): boolean {
  return key.keySpec === 'SYMMETRIC_DEFAULT';
}

// --- grants created through a grant ----------------------------------------------------------------------------


/**
 * A child grant's constraints must be at least as strict as its parent's: it may add pairs to a subset constraint
 * or turn it into an equals constraint, never the reverse.
 */
export function atLeastAsStrict(child: GrantConstraints | undefined, parent: GrantConstraints | undefined): boolean {
  if (parent?.encryptionContextEquals) {
    return child?.encryptionContextEquals !== undefined && contextEquals(child.encryptionContextEquals, parent.encryptionContextEquals);
  }
  if (parent?.encryptionContextSubset) {
    const required = parent.encryptionContextSubset;
    const narrowed = child?.encryptionContextEquals ?? child?.encryptionContextSubset;
    return narrowed !== undefined && contextIncludes(narrowed, required);
  }
  return true;
}

/**
 * The caller's grants that may authorize this CreateGrant: they allow CreateGrant and every requested operation,
 * with constraints no stricter than the new grant's. Their own constraints are then satisfied, so they are passed
 * to the authorizer without them.
 */
export function parentGrants(
  grants: readonly GrantRecord[],
  caller: Principal,
  operations: readonly string[],
  constraints: GrantConstraints | undefined,
): GrantRecord[] {
  return grants
    .filter((g) => isGrantee(g, caller) && g.operations.includes('CreateGrant'))
    .filter((g) => operations.every((op) => g.operations.includes(op)) && atLeastAsStrict(constraints, g.constraints))
    .map(({ constraints: _satisfied, ...g }) => g);
}
