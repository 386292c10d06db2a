import type { RequestContext } from '../../../common/operation.js';
import type { LogsCore } from '../../../logs/core.js';
import type { DeleteLogAnomalyDetectorRequest } from '../../../protocol/generated/logs.js';
import { anomalyService } from '../service.js';

/**
 * Deletes a detector with everything it learnt and found. Needs no key: a detector whose key was lost can still be
 * deleted (and created again with another key, the only way to change a detector's key).
 */
export async function deleteLogAnomalyDetector(core: LogsCore, input: DeleteLogAnomalyDetectorRequest, ctx: RequestContext): Promise<void> {
  const service = anomalyService(core);
  const d = await service.mustDetector(ctx, input.anomalyDetectorArn);
  await service.store.deleteDetector(d.accountId, d.region, d.detectorId);
}
