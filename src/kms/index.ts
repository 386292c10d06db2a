import type { BackgroundTask } from '../common/background.js';
import type { OperationDef, OperationTable } from '../common/operation.js';
import { KmsCore, type KmsDeps } from './core.js';
import { cryptoOps } from './cryptoOps.js';
import { grantOps } from './grantOps.js';
import { importOps } from './importOps.js';
import { lifecycleOps } from './lifecycleOps.js';
import type { KmsOpTable } from './opTypes.js';
import { KmsScheduler } from './scheduler.js';

export { KmsCore, type KmsDeps } from './core.js';

/**
 * The KMS operations served, by model name. Each operation lives in `ops/<operation>.ts` and is listed in
 * `lifecycleOps.ts` (keys, aliases, policies, rotation, deletion, multi-Region), `cryptoOps.ts` (cryptographic
 * operations), `grantOps.ts` or `importOps.ts`. Operations of the model absent from all answer as unknown operations.
 */
export const kmsOps: KmsOpTable = { ...lifecycleOps, ...cryptoOps, ...grantOps, ...importOps };

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
  for (const [name, op] of Object.entries(kmsOps)) {
    table[name] = { handler: (input, ctx) => op.run(core, input, ctx), readOnly: op.readOnly };
  }
  return table;
}

/** Background tasks of KMS; each module that needs one adds it in `kmsBackground`. */
export type KmsBackgroundFactory = (core: KmsCore) => BackgroundTask;

export function createKms(deps: KmsDeps, background: readonly KmsBackgroundFactory[] = kmsBackground): {
  core: KmsCore;
  operations: OperationTable;
  background: BackgroundTask[];
} {
  const core = new KmsCore(deps);
  return { core, operations: kmsOperations(core), background: background.map((f) => f(core)) };
}

/** Filled in by the scheduler module (deletion, rotation, import expiry). */
export const kmsBackground: KmsBackgroundFactory[] = [(core) => new KmsScheduler(core)];
