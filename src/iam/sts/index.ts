import type { OperationTable } from '../../common/operation.js';
import type { IamCore } from '../core.js';
import { assumeRole } from './ops/assumeRole.js';
import { getCallerIdentity } from './ops/getCallerIdentity.js';
import { getSessionToken } from './ops/getSessionToken.js';

export { sessionPurgeTask } from './sessions.js';

/** STS operations served so far. Operations of the model that are absent answer as unknown operations. */
export function stsOperations(iam: IamCore): OperationTable {
  return {
    AssumeRole: { handler: (input, ctx) => assumeRole(iam, input, ctx) },
    GetCallerIdentity: { handler: getCallerIdentity, readOnly: true },
    GetSessionToken: { handler: (input, ctx) => getSessionToken(iam, input, ctx) },
  };
}
