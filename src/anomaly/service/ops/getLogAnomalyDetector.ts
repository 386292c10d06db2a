import type { RequestContext } from '../../../common/operation.js';
import type { LogsCore } from '../../../logs/core.js';
import type { GetLogAnomalyDetectorRequest, GetLogAnomalyDetectorResponse } from '../../../protocol/generated/logs.js';
import { anomalyService } from '../service.js';
import { detectorDescription } from '../wire.js';

/**
 * A detector's settings and status. Reading a detector needs its key as well as the detector ("a user must have
 * permissions for both"): the data key is unwrapped, so a disabled, deleted or revoked key makes this fail.
 */
export async function getLogAnomalyDetector(core: LogsCore, input: GetLogAnomalyDetectorRequest, ctx: RequestContext): Promise<GetLogAnomalyDetectorResponse> {
  const service = anomalyService(core);
  const { detector, state } = await service.mustSealed(ctx, input.anomalyDetectorArn);
  await service.unwrap(detector, state, ctx);
  return detectorDescription(detector);
}
