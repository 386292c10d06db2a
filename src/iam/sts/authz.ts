/**
 * The permissions of the STS operations served, for `src/auth/authorize.ts`. None is checked before the operation:
 * - AssumeRole is authorized by the operation itself (src/iam/sts/trust.ts): the role's trust policy as its resource
 *   policy, the caller's identity policies for `sts:AssumeRole` on the role, an explicit deny on either side winning;
 * - GetCallerIdentity needs no permission, and AWS answers it even when a policy denies `sts:GetCallerIdentity`;
 * - GetSessionToken needs none either: "No permissions are required for a user to get a session token … You cannot
 *   use policies to control authentication operations" (IAM user guide, "Permissions for GetSessionToken").
 */
import type { PermissionMap } from '../../auth/authorize.js';

const authorizedByTrustPolicy = () => [];
const needsNoPermission = () => [];

export const stsPermissions: PermissionMap = {
  AssumeRole: authorizedByTrustPolicy,
  GetCallerIdentity: needsNoPermission,
  GetSessionToken: needsNoPermission,
};
