/**
 * IAM domain types: logseal's own shapes, not wire shapes (`src/iam/wire.ts` maps them to the model's `User`, `Role`,
 * `Policy`, …). IAM is global: every entity belongs to an account, never to a region.
 */

export interface IamTag {
  key: string;
  value: string;
}

/** What an inline policy or a managed-policy attachment belongs to. */
export type EntityKind = 'user' | 'group' | 'role';

interface EntityBase {
  accountId: string;
  /** Always starts and ends with `/`; `/` by default. */
  path: string;
  arn: string;
  createdAt: number;
}

export interface IamUser extends EntityBase {
  /** `AIDA…`, 21 characters; survives renames. */
  userId: string;
  userName: string;
  tags: IamTag[];
}

export interface IamGroup extends EntityBase {
  /** `AGPA…` */
  groupId: string;
  groupName: string;
}

export interface IamRole extends EntityBase {
  /** `AROA…` */
  roleId: string;
  roleName: string;
  /** The trust policy, as the caller wrote it. */
  assumeRolePolicy: string;
  /**
   * The IAM users and roles the trust policy names, bound to their unique ids when it was stored (ARN as written →
   * `AIDA…`/`AROA…`). Absent on roles stored before bindings existed.
   */
  trustPrincipals?: Record<string, string>;
  description?: string;
  /** Seconds, 3600–43200. */
  maxSessionDuration: number;
  tags: IamTag[];
  /** When and where the role was last assumed. */
  lastUsed?: { at: number; region: string };
}

export interface ManagedPolicy {
  accountId: string;
  /** `ANPA…` */
  policyId: string;
  policyName: string;
  path: string;
  arn: string;
  description?: string;
  /** `v1`, `v2`, … */
  defaultVersionId: string;
  /** The number the next version gets (versions are never renumbered, even after deletions). */
  nextVersion: number;
  tags: IamTag[];
  createdAt: number;
  updatedAt: number;
}

export interface PolicyVersion {
  accountId: string;
  policyArn: string;
  versionId: string;
  document: string;
  createdAt: number;
}

export interface InlinePolicy {
  accountId: string;
  kind: EntityKind;
  /** The owner's unique id (`AIDA…`, `AGPA…`, `AROA…`), so that renaming the owner keeps its policies. */
  ownerId: string;
  policyName: string;
  document: string;
}

/** Who a set of temporary credentials stands for. */
export interface SessionPrincipal {
  type: 'root' | 'user' | 'assumed-role';
  arn: string;
  /** The account id (root), `AIDA…` (user) or `AROA…:session` (role session). */
  userId: string;
  /** The user name, or the role name for a role session. */
  name?: string;
  /** Role sessions: the role's ARN (with its path). */
  roleArn?: string;
}

/** Temporary credentials issued by STS (`ASIA…`). */
export interface SessionRecord {
  accessKeyId: string;
  accountId: string;
  principal: SessionPrincipal;
  /** The secret access key, sealed under the keyring. */
  sealedSecret: Buffer;
  /** SHA-256 of the session token; the token itself is never stored. */
  tokenHash: Buffer;
  createdAt: number;
  expiresAt: number;
}
