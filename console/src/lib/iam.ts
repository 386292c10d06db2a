import { ListRolesCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import type { Aws } from './aws.js';
import { isUnknownOperation } from './errors.js';
import { allPages } from './load.js';

export interface IamPrincipal {
  kind: 'user' | 'role';
  name: string;
  arn: string;
}

export async function listUsers(aws: Aws): Promise<IamPrincipal[]> {
  return allPages(async (Marker) => {
    const out = await aws.iam.send(new ListUsersCommand({ Marker }));
    return { items: (out.Users ?? []).map((u) => ({ kind: 'user' as const, name: u.UserName!, arn: u.Arn! })), next: out.IsTruncated ? out.Marker : undefined };
  });
}

export async function listRoles(aws: Aws): Promise<IamPrincipal[]> {
  return allPages(async (Marker) => {
    const out = await aws.iam.send(new ListRolesCommand({ Marker }));
    return { items: (out.Roles ?? []).map((r) => ({ kind: 'role' as const, name: r.RoleName!, arn: r.Arn! })), next: out.IsTruncated ? out.Marker : undefined };
  });
}

/** One page of the account's users (ListUsers with MaxItems and Marker). */
export async function listUsersPage(aws: Aws, Marker: string | undefined, MaxItems: number): Promise<{ items: IamPrincipal[]; next?: string }> {
  const out = await aws.iam.send(new ListUsersCommand({ Marker, MaxItems }));
  return { items: (out.Users ?? []).map((u) => ({ kind: 'user' as const, name: u.UserName!, arn: u.Arn! })), next: out.IsTruncated ? out.Marker : undefined };
}

/** One page of the account's roles (ListRoles with MaxItems and Marker). */
export async function listRolesPage(aws: Aws, Marker: string | undefined, MaxItems: number): Promise<{ items: IamPrincipal[]; next?: string }> {
  const out = await aws.iam.send(new ListRolesCommand({ Marker, MaxItems }));
  return { items: (out.Roles ?? []).map((r) => ({ kind: 'role' as const, name: r.RoleName!, arn: r.Arn! })), next: out.IsTruncated ? out.Marker : undefined };
}

/** The account's users and roles, or null when this server does not serve IAM's list operations yet. */
export async function listPrincipals(aws: Aws): Promise<IamPrincipal[] | null> {
  try {
    const [users, roles] = await Promise.all([listUsers(aws), listRoles(aws)]);
    return [...users, ...roles];
  } catch (err) {
    if (isUnknownOperation(err)) return null;
    throw err;
  }
}
