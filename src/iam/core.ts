import type { CredentialResolver } from '../auth/credentials.js';
import type { Clock } from '../common/clock.js';
import type { RequestContext } from '../common/operation.js';
import { InvalidInputException, LimitExceededException, NoSuchEntityException } from '../protocol/generated/iam.js';
import type { Tag } from '../protocol/generated/iam.js';
import type { Keyring } from '../store/keyring.js';
import type { Store } from '../store/types.js';
import type { AccountService } from './accounts.js';
import { bindPrincipals, showPrincipals, type Policy } from '../auth/policy/index.js';
import { CompiledDocuments } from './documents.js';
import { ValidationError } from './errors.js';
import { messages } from './messages.js';
import type { EntityKind, IamGroup, IamRole, IamTag, IamUser, ManagedPolicy } from './model.js';
import { looksLikeArn } from './names.js';
import { IamPolicySource } from './policies.js';
import { PrincipalIndex } from './principals.js';

export interface IamDeps {
  store: Store;
  keyring: Keyring;
  clock: Clock;
  accounts: AccountService;
  /** Told when access keys change, so that SigV4 sees a deactivated or deleted key at once. */
  credentials: CredentialResolver;
}

const MAX_TAGS = 50;

/**
 * What every IAM and STS operation shares: finding entities by name with IAM's errors, the caller's own user, tags,
 * the principal index and the identity policy source.
 */
export class IamCore {
  readonly store: Store;
  readonly keyring: Keyring;
  readonly clock: Clock;
  readonly accounts: AccountService;
  readonly credentials: CredentialResolver;
  readonly principals = new PrincipalIndex();
  readonly documents = new CompiledDocuments();
  readonly policies: IamPolicySource;

  constructor(deps: IamDeps) {
    this.store = deps.store;
    this.keyring = deps.keyring;
    this.clock = deps.clock;
    this.accounts = deps.accounts;
    this.credentials = deps.credentials;
    this.policies = new IamPolicySource(deps.store, this.documents);
  }

  /** Loads the principal index; `principalExists` answers from it. */
  ready(): Promise<void> {
    return this.principals.load(this.store);
  }

  readonly principalExists = (arn: string): boolean => this.principals.exists(arn);

  /** The bindings to store with a trust policy: its IAM users and roles, by ARN as written, to their unique ids. */
  bindTrust(policy: Policy): Record<string, string> {
    return bindPrincipals(policy, (arn) => this.principals.idOf(arn));
  }

  /**
   * A role's trust policy bindings; a role stored before bindings existed binds to the principals of those names
   * now.
   */
  trustBindings(role: IamRole): Readonly<Record<string, string>> {
    if (role.trustPrincipals) return role.trustPrincipals;
    return this.bindTrust(this.documents.parseTrust(role.assumeRolePolicy));
  }

  /** The role as GetRole and ListRoles show it: a principal of its trust policy deleted since, by its unique id. */
  shownRole(role: IamRole): IamRole {
    const shown = showPrincipals(role.assumeRolePolicy, role.trustPrincipals, (id) => this.principals.arnOf(id));
    return shown === role.assumeRolePolicy ? role : { ...role, assumeRolePolicy: shown };
  }

  async mustUser(accountId: string, userName: string): Promise<IamUser> {
    const u = await this.store.iam.getUser(accountId, userName);
    if (!u) throw new NoSuchEntityException(messages.entityNotFound('user', userName));
    return u;
  }

  async mustGroup(accountId: string, groupName: string): Promise<IamGroup> {
    const g = await this.store.iam.getGroup(accountId, groupName);
    if (!g) throw new NoSuchEntityException(messages.entityNotFound('group', groupName));
    return g;
  }

  async mustRole(accountId: string, roleName: string): Promise<IamRole> {
    const r = await this.store.iam.getRole(accountId, roleName);
    if (!r) throw new NoSuchEntityException(messages.entityNotFound('role', roleName));
    return r;
  }

  /** The owner of an inline policy or attachment, by kind and name, with its unique id and display name. */
  async mustEntity(accountId: string, kind: EntityKind, name: string): Promise<{ id: string; name: string }> {
    switch (kind) {
      case 'user': {
        const u = await this.mustUser(accountId, name);
        return { id: u.userId, name: u.userName };
      }
      case 'group': {
        const g = await this.mustGroup(accountId, name);
        return { id: g.groupId, name: g.groupName };
      }
      case 'role': {
        const r = await this.mustRole(accountId, name);
        return { id: r.roleId, name: r.roleName };
      }
    }
  }

  /** A customer managed policy by ARN; `notFound` words the error as the operation does. */
  async mustPolicy(accountId: string, arn: string, notFound: (arn: string) => string = messages.policyNotFound): Promise<ManagedPolicy> {
    if (!looksLikeArn(arn)) throw new ValidationError(messages.invalidArn(arn));
    const p = await this.store.iam.getPolicy(accountId, arn);
    if (!p) throw new NoSuchEntityException(notFound(arn));
    return p;
  }

  /**
   * The user an operation with an optional `UserName` is about: the one named, else the calling user; `undefined`
   * for the account root calling without a name. Role sessions must name a user.
   */
  async subjectUser(ctx: RequestContext, userName: string | undefined): Promise<IamUser | undefined> {
    const p = ctx.principal;
    if (userName !== undefined) return this.mustUser(p.accountId, userName);
    if (p.type === 'root') return undefined;
    if (p.type === 'user') {
      // By id: the name a session was issued under may since have changed.
      const self = await this.store.iam.getUserById(p.accountId, p.userId);
      if (!self) throw new NoSuchEntityException(messages.entityNotFound('user', p.name ?? p.userId));
      return self;
    }
    throw new ValidationError(messages.userNameRequired);
  }

  /** Tags from a request: keys are unique regardless of case. */
  tagsFrom(tags: Tag[] | undefined): IamTag[] {
    const out: IamTag[] = [];
    const seen = new Set<string>();
    for (const t of tags ?? []) {
      const k = t.Key.toLowerCase();
      if (seen.has(k)) throw new InvalidInputException(messages.duplicateTagKeys);
      seen.add(k);
      out.push({ key: t.Key, value: t.Value });
    }
    return out;
  }

  /** Adds or overwrites tags (a key matching an existing one in any case replaces it), within the quota of 50. */
  mergeTags(existing: IamTag[], tags: Tag[], kind: EntityKind): IamTag[] {
    const merged = new Map(existing.map((t) => [t.key.toLowerCase(), t]));
    for (const t of this.tagsFrom(tags)) merged.set(t.key.toLowerCase(), t);
    if (merged.size > MAX_TAGS) throw new LimitExceededException(messages.tagQuota(kind));
    return [...merged.values()];
  }

  removeTags(existing: IamTag[], keys: string[]): IamTag[] {
    const drop = new Set(keys.map((k) => k.toLowerCase()));
    return existing.filter((t) => !drop.has(t.key.toLowerCase()));
  }

  /** Refuses a permissions boundary: not implemented, and ignoring one would grant more than the caller asked for. */
  refuseBoundary(boundary: string | undefined): void {
    if (boundary !== undefined) throw new ValidationError(messages.permissionsBoundaryUnsupported);
  }
}
