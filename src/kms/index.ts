import type { OperationDef, OperationTable, RequestContext } from '../common/operation.js';
import { KmsCore, type KmsDeps } from './core.js';
import { createKey } from './ops/createKey.js';
import { describeKey } from './ops/describeKey.js';

export { KmsCore, type KmsDeps } from './core.js';

type KmsOp = (core: KmsCore, input: any, ctx: RequestContext) => Promise<unknown>;

/**
 * The KMS operations served, by model name. Each operation lives in `ops/<operation>.ts`; operations of the model
 * that are absent here answer as unknown operations (see `notImplemented`).
 */
const ops: Record<string, { run: KmsOp; readOnly?: boolean }> = {
  CreateKey: { run: createKey },
  DescribeKey: { run: describeKey, readOnly: true },
};

/** Modelled operations logseal deliberately does not serve (custom key stores are out of scope). */
export const notImplemented: readonly string[] = [
  'ConnectCustomKeyStore',
  'CreateCustomKeyStore',
  'DeleteCustomKeyStore',
  'DescribeCustomKeyStores',
  'DisconnectCustomKeyStore',
  'UpdateCustomKeyStore',
];

export function kmsOperations(core: KmsCore): OperationTable {
  const table: Record<string, OperationDef> = {};
  for (const [name, op] of Object.entries(ops)) {
    table[name] = { handler: (input, ctx) => op.run(core, input, ctx), readOnly: op.readOnly };
  }
  return table;
}

export function createKms(deps: KmsDeps): { core: KmsCore; operations: OperationTable } {
  const core = new KmsCore(deps);
  return { core, operations: kmsOperations(core) };
}
