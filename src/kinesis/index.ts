import type { BackgroundTask } from '../common/background.js';
import type { OperationTable } from '../common/operation.js';
import { KinesisCore, type KinesisDeps } from './core.js';
import { kinesisOperations } from './operations.js';
import { kinesisRetentionTask } from './retention.js';

export { KinesisCore, type KinesisDeps } from './core.js';

export function createKinesis(deps: KinesisDeps): { core: KinesisCore; operations: OperationTable; background: BackgroundTask[] } {
  const core = new KinesisCore(deps);
  return { core, operations: kinesisOperations(core), background: [kinesisRetentionTask(core)] };
}
