import type { BackgroundTask } from '../common/background.js';
import type { OperationDef, OperationTable } from '../common/operation.js';
import { compactionTask } from './compaction.js';
import { LogsCore, type LogsDeps } from './core.js';
import { logsOps } from './operations.js';
import type { LogsOpTable } from './opTypes.js';
import { retentionTask } from './retention.js';
import { insightsExpiryTask } from '../insights/service.js';

export { LogsCore, type LogsDeps } from './core.js';

/**
 * The CloudWatch Logs operations served, by model name. Each operation lives in `ops/<operation>.ts` and is listed
 * in `operations.ts`; operations of the model absent from it answer as unknown operations.
 */
export const allLogsOps: LogsOpTable = { ...logsOps };

export function logsOperations(core: LogsCore, ops: LogsOpTable = allLogsOps): OperationTable {
  const table: Record<string, OperationDef> = {};
  for (const [name, op] of Object.entries(ops)) {
    const def: OperationDef = { handler: (input, ctx) => op.run(core, input, ctx), readOnly: op.readOnly };
    if (op.maxBodyBytes !== undefined) def.maxBodyBytes = op.maxBodyBytes;
    if (op.decodeJson !== undefined) def.decodeJson = op.decodeJson;
    table[name] = def;
  }
  return table;
}

/** Background tasks of CloudWatch Logs (retention, compaction). */
export type LogsBackgroundFactory = (core: LogsCore) => BackgroundTask;
export const logsBackground: LogsBackgroundFactory[] = [(core) => retentionTask(core), (core) => compactionTask(core), (core) => insightsExpiryTask(core)];

export function createLogs(deps: LogsDeps, background: readonly LogsBackgroundFactory[] = logsBackground): {
  core: LogsCore;
  operations: OperationTable;
  background: BackgroundTask[];
} {
  const core = new LogsCore(deps);
  return { core, operations: logsOperations(core), background: background.map((f) => f(core)) };
}
