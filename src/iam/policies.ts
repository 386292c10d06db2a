import type { Principal } from '../auth/identity.js';
import type { CompiledPolicy } from '../auth/policy/index.js';
import type { IdentityPolicySource } from '../kms/authorize.js';
import type { Store } from '../store/types.js';
import type { CompiledDocuments } from './documents.js';
import type { EntityKind } from './model.js';

interface Cached {
  revision: number;
  policies: CompiledPolicy[];
}

const MAX_CACHED = 10_000;

/**
 * The identity-based policies in force for a principal: a user's inline and attached managed policies plus those
 * of its groups; a role session's role's. The answer is cached per principal and reused while the account's IAM
 * revision (changed by every IAM write, in the writing transaction) is unchanged, so any change is seen by the next
 * request, in this process or another. A request made with root credentials needs no identity policy.
 */
export class IamPolicySource implements IdentityPolicySource {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly store: Store,
    private readonly documents: CompiledDocuments,
  ) {}

  async policiesFor(p: Principal): Promise<CompiledPolicy[]> {
    const owner = ownerOf(p);
    if (!owner) return [];
    const key = `${p.accountId}/${owner.kind}/${owner.id}`;
    // Read before the documents: a change committed in between is then seen as a newer revision next time.
    const revision = await this.store.iam.revision(p.accountId);
    const hit = this.cache.get(key);
    if (hit && hit.revision === revision) return hit.policies;
    const policies = (await this.documentsFor(p.accountId, owner.kind, owner.id)).map((d) => this.documents.identity(d));
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(key, { revision, policies });
    return policies;
  }

  /** The policy documents in force for a user (with its groups') or a role. */
  async documentsFor(accountId: string, kind: 'user' | 'role', id: string): Promise<string[]> {
    const owners: { kind: EntityKind; id: string }[] = [{ kind, id }];
    if (kind === 'user') {
      if (!(await this.store.iam.getUserById(accountId, id))) return [];
      for (const g of await this.store.iam.groupsOfUser(accountId, id)) owners.push({ kind: 'group', id: g.groupId });
    } else if (!(await this.store.iam.getRoleById(accountId, id))) {
      return [];
    }
    const docs: string[] = [];
    for (const o of owners) {
      for (const ip of await this.store.iam.listInlinePolicies(accountId, o.kind, o.id)) docs.push(ip.document);
      for (const arn of await this.store.iam.attachedPolicies(accountId, o.kind, o.id)) {
        const doc = await this.defaultDocument(accountId, arn);
        if (doc !== undefined) docs.push(doc);
      }
    }
    return docs;
  }

  private async defaultDocument(accountId: string, arn: string): Promise<string | undefined> {
    const policy = await this.store.iam.getPolicy(accountId, arn);
    if (!policy) return undefined;
    return (await this.store.iam.getPolicyVersion(accountId, arn, policy.defaultVersionId))?.document;
  }
}

/** Whose policies apply: the user, or the role of a role session (its id is the part of `AROA…:session` before `:`). */
function ownerOf(p: Principal): { kind: 'user' | 'role'; id: string } | undefined {
  if (p.type === 'user') return { kind: 'user', id: p.userId };
  if (p.type === 'assumed-role') return { kind: 'role', id: p.userId.slice(0, p.userId.indexOf(':')) };
  return undefined;
}
