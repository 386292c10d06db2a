import type { RequestContext } from '../../../common/operation.js';
import type { LogsCore } from '../../../logs/core.js';
import { messages as logsMessages } from '../../../logs/messages.js';
import { decodeListToken, encodeListToken } from '../../../logs/tokens.js';
import {
  InvalidParameterException,
  type Anomaly as WireAnomaly,
  type ListAnomaliesRequest,
  type ListAnomaliesResponse,
  type SuppressionState,
} from '../../../protocol/generated/logs.js';
import type { Anomaly } from '../../model.js';
import type { DetectorRecord } from '../model.js';
import { anomalyService, type AnomalyService } from '../service.js';
import { anomalyEntry } from '../wire.js';
import { DEFAULT_PAGE_SIZE } from './detectorHelpers.js';

const TOKEN_KIND = 'anomalies';
const DETECTORS_PER_PAGE = 100;

/** Where a page ends: the detector (by `seq`) and the last anomaly id listed of it. */
interface Position {
  seq: number;
  anomalyId: string;
}

/**
 * Anomalies of one detector, or of all the caller's detectors, ordered by detector (creation order) and anomaly id.
 * Each detector's state is opened with its key, so a detector whose key KMS refuses makes the call fail (its
 * findings are never silently left out).
 */
export async function listAnomalies(core: LogsCore, input: ListAnomaliesRequest, ctx: RequestContext): Promise<ListAnomaliesResponse> {
  const service = anomalyService(core);
  const limit = input.limit ?? DEFAULT_PAGE_SIZE;
  const after = decodePosition(input.nextToken);
  const out: WireAnomaly[] = [];
  let last: Position | undefined;
  let more = false;
  for await (const d of detectorsFrom(service, ctx, input.anomalyDetectorArn, after?.seq)) {
    if (out.length === limit) {
      more = true; // this detector may hold some: the next page tells
      break;
    }
    const found = await anomaliesOf(service, ctx, d, input.suppressionState);
    const start = after !== undefined && d.seq === after.seq ? found.findIndex((a) => a.anomalyId > after.anomalyId) : 0;
    if (start < 0) continue;
    const taken = found.slice(start, start + limit - out.length);
    for (const a of taken) out.push(anomalyEntry(a));
    if (taken.length > 0) last = { seq: d.seq, anomalyId: taken[taken.length - 1]!.anomalyId };
    if (start + taken.length < found.length) {
      more = true;
      break;
    }
  }
  const res: ListAnomaliesResponse = { anomalies: out };
  if (more && last !== undefined) res.nextToken = encodeListToken(TOKEN_KIND, `${last.seq}:${last.anomalyId}`);
  return res;
}

/** The detector named, or every detector of the caller from `fromSeq` on, in creation order. */
async function* detectorsFrom(service: AnomalyService, ctx: RequestContext, arn: string | undefined, fromSeq: number | undefined): AsyncGenerator<DetectorRecord> {
  if (arn !== undefined) {
    const d = await service.mustDetector(ctx, arn);
    if (fromSeq === undefined || d.seq >= fromSeq) yield d;
    return;
  }
  let afterSeq = fromSeq === undefined ? 0 : fromSeq - 1;
  for (;;) {
    const page = await service.store.listDetectors(ctx.principal.accountId, ctx.region, { limit: DETECTORS_PER_PAGE, afterSeq });
    yield* page.items;
    if (page.next === undefined) return;
    afterSeq = Number(page.next);
  }
}

/** A detector's anomalies in the requested suppression state, by id. */
async function anomaliesOf(service: AnomalyService, ctx: RequestContext, d: DetectorRecord, state: SuppressionState | undefined): Promise<Anomaly[]> {
  const sealed = await service.store.getSealed(d.accountId, d.region, d.detectorId);
  if (!sealed) return []; // deleted meanwhile
  const { engine } = await service.openSealed(sealed.detector, sealed.state, ctx);
  const wanted = state === undefined ? undefined : state === 'SUPPRESSED';
  return engine
    .anomalies()
    .filter((a) => wanted === undefined || a.suppressed === wanted)
    .sort((a, b) => (a.anomalyId < b.anomalyId ? -1 : a.anomalyId > b.anomalyId ? 1 : 0));
}

function decodePosition(token: string | undefined): Position | undefined {
  const text = decodeListToken(TOKEN_KIND, token);
  if (text === undefined) return undefined;
  const m = /^(\d+):([0-9a-f-]{36})$/.exec(text);
  if (!m) throw new InvalidParameterException(logsMessages.invalidNextToken);
  return { seq: Number(m[1]), anomalyId: m[2]! };
}
