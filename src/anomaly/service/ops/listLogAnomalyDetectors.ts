import type { RequestContext } from '../../../common/operation.js';
import type { LogsCore } from '../../../logs/core.js';
import { messages as logsMessages } from '../../../logs/messages.js';
import { decodeListToken, encodeListToken } from '../../../logs/tokens.js';
import { InvalidParameterException, type ListLogAnomalyDetectorsRequest, type ListLogAnomalyDetectorsResponse } from '../../../protocol/generated/logs.js';
import { anomalyService } from '../service.js';
import { detectorEntry } from '../wire.js';
import { DEFAULT_PAGE_SIZE } from './detectorHelpers.js';

const TOKEN_KIND = 'detectors';

/** The caller's detectors in creation order, optionally only those of one log group. Needs no key: settings only. */
export async function listLogAnomalyDetectors(
  core: LogsCore,
  input: ListLogAnomalyDetectorsRequest,
  ctx: RequestContext,
): Promise<ListLogAnomalyDetectorsResponse> {
  const position = decodeListToken(TOKEN_KIND, input.nextToken);
  if (position !== undefined && !/^\d+$/.test(position)) throw new InvalidParameterException(logsMessages.invalidNextToken);
  const page = await anomalyService(core).store.listDetectors(ctx.principal.accountId, ctx.region, {
    limit: input.limit ?? DEFAULT_PAGE_SIZE,
    ...(position !== undefined ? { afterSeq: Number(position) } : {}),
    ...(input.filterLogGroupArn !== undefined ? { logGroupArn: input.filterLogGroupArn } : {}),
  });
  const out: ListLogAnomalyDetectorsResponse = { anomalyDetectors: page.items.map(detectorEntry) };
  if (page.next !== undefined) out.nextToken = encodeListToken(TOKEN_KIND, page.next);
  return out;
}
