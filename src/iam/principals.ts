import type { Store } from '../store/types.js';

const ASSUMED_ROLE = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;
const ROLE = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/**
 * Which IAM user and role ARNs exist, answered from memory: policy parsing asks synchronously (KMS key policies and
 * trust policies naming principals). Loaded once at start and kept current by this process's IAM operations; another
 * process sharing the database would not be seen until a restart (fine for SQLite's single process).
 */
export class PrincipalIndex {
  private readonly arns = new Set<string>();
  /** `account/rolename`, lower-cased: a session ARN names its role without the role's path. */
  private readonly roles = new Set<string>();
  private loading: Promise<void> | undefined;

  /** Loads every user and role ARN; safe to call more than once. */
  load(store: Store): Promise<void> {
    this.loading ??= store.iam.principalArns().then((arns) => {
      for (const arn of arns) this.add(arn);
    });
    return this.loading;
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
