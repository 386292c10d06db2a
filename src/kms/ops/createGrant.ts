import type { RequestContext } from '../../common/operation.js';
import type { CreateGrantRequest, CreateGrantResponse, GrantConstraints as WireConstraints } from '../../protocol/generated/kms.js';
import { addEncryptionContext, baseConditionContext } from '../authorize.js';
import type { KmsCore } from '../core.js';
import { ValidationException } from '../errors.js';
import { messages } from '../messages.js';
import type { GrantConstraints, GrantRecord, KmsKey } from '../model.js';
import { checkDryRun } from './cryptoHelpers.js';
import {
  principalId,
  checkGrantPrincipal,
  constraintsAllowedFor,
  grantOperationsFor,
  loadGrantKey,
  newGrantId,
  newGrantToken,
  parentGrants,
  validateGrantTokens,
} from './grantHelpers.js';

/** The grant a CreateGrant request asks for, checked for shape (not yet against the key). */
interface NewGrant {
  grantee: string;
  retiring?: string;
  operations: string[];
  constraints?: GrantConstraints;
  name?: string;
}

export async function createGrant(core: KmsCore, input: CreateGrantRequest, ctx: RequestContext): Promise<CreateGrantResponse> {
  const key = await loadGrantKey(core, input.KeyId, ctx);
  validateGrantTokens(input.GrantTokens);
  const wanted = newGrantOf(input);
  await authorizeCreateGrant(core, ctx, key, wanted);
  core.requireUsable(key);
  checkAgainstKey(core, key, wanted);
  checkDryRun(input.DryRun);

  // A named grant with the same properties is a retry: the existing grant, with a fresh token.
  const existing = wanted.name === undefined ? undefined : (await core.store.kms.listGrants(key.accountId, key.region, key.keyId)).find((g) => sameGrant(core, g, wanted));
  if (existing) return { GrantId: existing.grantId, GrantToken: newGrantToken(existing.grantId) };

  const grant = grantRecord(core, key, ctx, wanted);
  await core.store.kms.putGrant(grant);
  core.forgetGrants(key);
  return { GrantId: grant.grantId, GrantToken: newGrantToken(grant.grantId) };
}

function newGrantOf(input: CreateGrantRequest): NewGrant {
  if (input.GranteeServicePrincipal !== undefined || input.RetiringServicePrincipal !== undefined) {
    throw new ValidationException(messages.servicePrincipalGrantsUnsupported);
  }
  if (input.GranteePrincipal === undefined) throw new ValidationException(messages.granteeRequired);
  const operations = [...new Set<string>(input.Operations)];
  if (operations.length === 1 && operations[0] === 'CreateGrant') throw new ValidationException(messages.grantOnlyCreateGrant);
  const wanted: NewGrant = { grantee: input.GranteePrincipal, operations };
  if (input.RetiringPrincipal !== undefined) wanted.retiring = input.RetiringPrincipal;
  const constraints = constraintsOf(input.Constraints);
  if (constraints) wanted.constraints = constraints;
  if (input.Name !== undefined) wanted.name = input.Name;
  return wanted;
}

function constraintsOf(c: WireConstraints | undefined): GrantConstraints | undefined {
  if (!c) return undefined;
  if (c.SourceArn !== undefined) throw new ValidationException(messages.sourceArnConstraintUnsupported);
  if (c.EncryptionContextEquals && c.EncryptionContextSubset) throw new ValidationException(messages.grantMoreThanOneConstraint);
  if (c.EncryptionContextEquals) return { encryptionContextEquals: { ...c.EncryptionContextEquals } };
  if (c.EncryptionContextSubset) return { encryptionContextSubset: { ...c.EncryptionContextSubset } };
  return undefined;
}

/**
 * kms:CreateGrant on the key with the grant condition keys. A grant that allows CreateGrant authorizes only grants
 * for some of its operations with constraints at least as strict as its own.
 */
async function authorizeCreateGrant(core: KmsCore, ctx: RequestContext, key: KmsKey, wanted: NewGrant): Promise<void> {
  const context = baseConditionContext(ctx, key);
  context['kms:GrantOperations'] = wanted.operations;
  context['kms:GranteePrincipal'] = wanted.grantee;
  if (wanted.retiring !== undefined) context['kms:RetiringPrincipal'] = wanted.retiring;
  // A grant is for an AWS resource when an AWS service (here: another logseal service) asks for it.
  context['kms:GrantIsForAWSResource'] = ctx.principal.type === 'service' || ctx.viaService !== undefined;
  const c = wanted.constraints;
  if (c) {
    context['kms:GrantConstraintType'] = c.encryptionContextEquals ? 'EncryptionContextEquals' : 'EncryptionContextSubset';
    // For CreateGrant, the encryption-context condition keys read the grant's constraint.
    addEncryptionContext(context, c.encryptionContextEquals ?? c.encryptionContextSubset);
  }
  const grants = parentGrants(await core.grantsFor(key), ctx.principal, wanted.operations, c);
  await core.authorizer.authorize({ ctx, key, action: 'kms:CreateGrant', context, grantOperation: 'CreateGrant', grants });
}

function checkAgainstKey(core: KmsCore, key: KmsKey, wanted: NewGrant): void {
  checkGrantPrincipal(core, wanted.grantee);
  if (wanted.retiring !== undefined) checkGrantPrincipal(core, wanted.retiring);
  const supported = grantOperationsFor(key);
  const invalid = wanted.operations.filter((op) => !supported.has(op));
  if (invalid.length) throw new ValidationException(messages.grantOperationsInvalid(invalid, key.arn));
  if (wanted.constraints && !constraintsAllowedFor(key)) throw new ValidationException(messages.grantConstraintsUnsupported(key.arn));
}

function grantRecord(core: KmsCore, key: KmsKey, ctx: RequestContext, wanted: NewGrant): GrantRecord {
  const g: GrantRecord = {
    grantId: newGrantId(),
    accountId: key.accountId,
    region: key.region,
    keyId: key.keyId,
    granteePrincipal: wanted.grantee,
    // The account whose principal created the grant (for a cross-account grant, not the key's account).
    issuingAccount: ctx.principal.accountId,
    operations: wanted.operations,
    createdAt: core.clock.now(),
  };
  if (wanted.name !== undefined) g.name = wanted.name;
  if (wanted.retiring !== undefined) g.retiringPrincipal = wanted.retiring;
  // IAM users and roles are bound to their unique ids: a principal re-created under the same name is not the grantee.
  const granteeId = principalId(core, wanted.grantee);
  if (granteeId !== undefined) g.granteePrincipalId = granteeId;
  const retiringId = wanted.retiring === undefined ? undefined : principalId(core, wanted.retiring);
  if (retiringId !== undefined) g.retiringPrincipalId = retiringId;
  if (wanted.constraints) g.constraints = wanted.constraints;
  return g;
}

function sameGrant(core: KmsCore, g: GrantRecord, wanted: NewGrant): boolean {
  return (
    g.name === wanted.name &&
    g.granteePrincipal === wanted.grantee &&
    g.granteePrincipalId === principalId(core, wanted.grantee) &&
    g.retiringPrincipal === wanted.retiring &&
    g.retiringPrincipalId === (wanted.retiring === undefined ? undefined : principalId(core, wanted.retiring)) &&
    g.operations.length === wanted.operations.length &&
    wanted.operations.every((op) => g.operations.includes(op)) &&
    canonical(g.constraints) === canonical(wanted.constraints)
  );
}

/** Constraints as a string that ignores the order of the pairs. */
function canonical(c: GrantConstraints | undefined): string {
  const sorted = (m: Record<string, string> | undefined) => (m ? Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : null);
  return JSON.stringify([sorted(c?.encryptionContextEquals), sorted(c?.encryptionContextSubset)]);
}
