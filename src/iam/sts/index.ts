import type { OperationTable } from '../../common/operation.js';
import { getCallerIdentity } from './ops/getCallerIdentity.js';

/** STS operations served so far. Operations of the model that are absent answer as unknown operations. */
export function stsOperations(): OperationTable {
  return {
    GetCallerIdentity: { handler: getCallerIdentity, readOnly: true },
  };
}
