import { parseDetectorArn } from '../../anomaly/service/arns.js';
import { messages as anomalyMessages } from '../../anomaly/service/messages.js';
import { anomalyService } from '../../anomaly/service/service.js';
import type { RequestContext } from '../../common/operation.js';
import {
  InvalidParameterException,
  OperationAbortedException,
  ResourceNotFoundException,
  TooManyTagsException,
} from '../../protocol/generated/logs.js';
import { parseGroupIdentifier } from '../arns.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import type { LogGroupRecord } from '../model.js';

/** AWS's quota of tags per CloudWatch Logs resource. */
export const MAX_TAGS = 50;

/** Refuses tag keys in AWS's reserved `aws:` namespace. */
export function validateTags(tags: Record<string, string>): void {
  for (const k of Object.keys(tags)) {
    if (k.toLowerCase().startsWith('aws:')) throw new InvalidParameterException(messages.reservedTagKey);
  }
}

/** The tags after adding `add` (existing keys take the new value), refused beyond the quota. */
export function mergeTags(current: Record<string, string>, add: Record<string, string>): Record<string, string> {
  validateTags(add);
  const out = { ...current, ...add };
  if (Object.keys(out).length > MAX_TAGS) throw new TooManyTagsException(messages.tooManyTags);
  return out;
}

export function removeTags(current: Record<string, string>, keys: readonly string[]): Record<string, string> {
  const out = { ...current };
  for (const k of keys) delete out[k];
  return out;
}

/** A resource the ARN-based tagging operations serve: its tags, and how to replace them. */
export interface TaggedResource {
  tags: Record<string, string>;
  /** Writes the tags computed from the current ones. */
  update(change: (current: Record<string, string>) => Record<string, string>): Promise<void>;
}

/**
 * The resource a tagging `resourceArn` names: a log group (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME`) or an
 * anomaly detector (`arn:aws:logs:REGION:ACCOUNT:anomaly-detector:ID`). Destinations, the other taggable resource,
 * are not served here, so their ARNs name nothing.
 */
export async function taggedResource(core: LogsCore, ctx: RequestContext, resourceArn: string): Promise<TaggedResource> {
  if (!resourceArn.startsWith('arn:')) throw new InvalidParameterException(messages.invalidResourceArn(resourceArn));
  if (parseDetectorArn(resourceArn)) return taggedDetector(core, ctx, resourceArn);
  const group = await taggedGroup(core, ctx, resourceArn);
  return {
    tags: group.tags,
    update: (change) => core.store.logs.updateGroup({ ...group, tags: change(group.tags) }),
  };
}

/** The log group a tagging `resourceArn` names, of the caller's account and region. */
async function taggedGroup(core: LogsCore, ctx: RequestContext, resourceArn: string): Promise<LogGroupRecord> {
  const ref = parseGroupIdentifier(resourceArn);
  if (!ref || ref.accountId !== ctx.principal.accountId || ref.region !== ctx.region) throw new ResourceNotFoundException(messages.groupNotFound);
  return core.mustGroup(ctx, ref.name);
}

/** Tries of a detector tag write that loses a race with the scheduler (which rewrites the row every run). */
const DETECTOR_TAG_TRIES = 3;

/**
 * A detector's tags live with its plaintext settings: tagging needs no key, so a detector whose key is disabled can
 * still be tagged, as its tags are not log data. A write names the revision it read; a concurrent write (a scheduler
 * run) makes it read again rather than lose either change.
 */
async function taggedDetector(core: LogsCore, ctx: RequestContext, arn: string): Promise<TaggedResource> {
  const service = anomalyService(core);
  const first = await service.mustDetector(ctx, arn);
  return {
    tags: first.tags,
    async update(change) {
      let d = first;
      for (let i = 0; i < DETECTOR_TAG_TRIES; i++) {
        if (await service.store.updateDetector({ ...d, tags: change(d.tags) })) return;
        d = await service.mustDetector(ctx, arn);
      }
      throw new OperationAbortedException(anomalyMessages.concurrentUpdate);
    },
  };
}
