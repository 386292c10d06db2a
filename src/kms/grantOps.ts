import type { KmsOpTable } from './opTypes.js';
import { createGrant } from './ops/createGrant.js';
import { listGrants } from './ops/listGrants.js';
import { listRetirableGrants } from './ops/listRetirableGrants.js';
import { retireGrant } from './ops/retireGrant.js';
import { revokeGrant } from './ops/revokeGrant.js';

/** Grants: CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant. */
export const grantOps: KmsOpTable = {
  CreateGrant: { run: createGrant },
  ListGrants: { run: listGrants, readOnly: true },
  ListRetirableGrants: { run: listRetirableGrants, readOnly: true },
  RetireGrant: { run: retireGrant },
  RevokeGrant: { run: revokeGrant },
};
