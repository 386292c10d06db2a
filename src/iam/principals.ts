import type { Store } from '../store/types.js';

const ASSUMED_ROLE = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;
const ROLE = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/**
 * Which IAM users and roles exist, by ARN and by unique id (`AIDA…`, `AROA…`), answered from memory: policy parsing
 * asks synchronously (KMS key policies, trust policies and grants naming principals), and a policy naming a user or
 * role is bound to its unique id when it is stored, so that a principal deleted and re-created under the same name
 * is not the one the policy named (IAM user guide, "Unique identifiers"). Loaded once at start and kept current by
 * this process's IAM operations; with several instances on one database, each reloads it every few seconds
 * (`reload`) to see the others' changes.
 */
export class PrincipalIndex {
  /** Lower-cased ARN → unique id. */
  private idsByArn = new Map<string, string>();
  /** Unique id → current ARN (a renamed user keeps its id and gets a new ARN). */
  private arnsById = new Map<string, string>();
  /** `account/rolename`, lower-cased: a session ARN names its role without the role's path. */
  private roles = new Set<string>();
  private loading: Promise<void> | undefined;

  /** Loads every user and role; safe to call more than once. */
  load(store: Store): Promise<void> {
    this.loading ??= store.iam.principals().then((list) => {
      for (const p of list) this.add(p.arn, p.id);
    });
    return this.loading;
  }

  /** Replaces the index with what the store holds now. */
  async reload(store: Store): Promise<void> {
    const list = await store.iam.principals();
    const next = new PrincipalIndex();
    for (const p of list) next.add(p.arn, p.id);
    this.idsByArn = next.idsByArn;
    this.arnsById = next.arnsById;
    this.roles = next.roles;
  }

  add(arn: string, id: string): void {
    this.idsByArn.set(arn.toLowerCase(), id);
    this.arnsById.set(id, arn);
    const role = ROLE.exec(arn);
    if (role) this.roles.add(`${role[1]}/${role[2]!.toLowerCase()}`);
  }

  remove(arn: string): void {
    const id = this.idsByArn.get(arn.toLowerCase());
    this.idsByArn.delete(arn.toLowerCase());
    if (id !== undefined && this.arnsById.get(id) === arn) this.arnsById.delete(id);
    const role = ROLE.exec(arn);
    if (role) this.roles.delete(`${role[1]}/${role[2]!.toLowerCase()}`);
  }

  /** IAM names are unique regardless of case, so ARNs are compared ignoring case. */
  exists(arn: string): boolean {
    const session = ASSUMED_ROLE.exec(arn);
    if (session) return this.roles.has(`${session[1]}/${session[2]!.toLowerCase()}`);
    return this.idsByArn.has(arn.toLowerCase());
  }

  /** The unique id of the user or role an ARN names now, if it exists. */
  idOf(arn: string): string | undefined {
    return this.idsByArn.get(arn.toLowerCase());
  }

  /** The current ARN of a user or role by its unique id; undefined once it is deleted. */
  arnOf(id: string): string | undefined {
    return this.arnsById.get(id);
  }
}
