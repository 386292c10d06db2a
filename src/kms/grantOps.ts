import type { KmsOpTable } from './opTypes.js';

/** Grants: CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant. */
export const grantOps: KmsOpTable = {};
