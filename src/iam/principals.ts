import type { Store } from '../store/types.js';

const ASSUMED_ROLE = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;
const ROLE = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/**
 * Which IAM user and role ARNs exist, answered from memory: policy parsing asks synchronously (KMS key policies and
 * trust policies naming principals). Loaded once at start and kept current by this process's IAM operations; with
 * several instances on one database, each reloads it every few seconds (`reload`) to see the others' changes.
 */
export class PrincipalIndex {
  private arns = new Set<string>();
  /** `account/rolename`, lower-cased: a session ARN names its role without the role's path. */
  private roles = new Set<string>();
  private loading: Promise<void> | undefined;

  /** Loads every user and role ARN; safe to call more than once. */
  load(store: Store): Promise<void> {
    this.loading ??= store.iam.principalArns().then((arns) => {
      for (const arn of arns) this.add(arn);
    });
    return this.loading;
  }

  /** Replaces the index with what the store holds now. */
  async reload(store: Store): Promise<void> {
    const arns = await store.iam.principalArns();
    const next = new PrincipalIndex();
    for (const arn of arns) next.add(arn);
    this.arns = next.arns;
    this.roles = next.roles;
  }

  add(arn: string): void {
    this.arns.add(arn.toLowerCase());
    const role = ROLE.exec(arn);
    if (role) this.roles.add(`${role[1]}/${role[2]!.toLowerCase()}`);
  }

  remove(arn: string): void {
    this.arns.delete(arn.toLowerCase());
    const role = ROLE.exec(arn);
    if (role) this.roles.delete(`${role[1]}/${role[2]!.toLowerCase()}`);
  }

  /** IAM names are unique regardless of case, so ARNs are compared ignoring case. */
  exists(arn: string): boolean {
    const session = ASSUMED_ROLE.exec(arn);
    if (session) return this.roles.has(`${session[1]}/${session[2]!.toLowerCase()}`);
    return this.arns.has(arn.toLowerCase());
  }
}
