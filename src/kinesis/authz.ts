/**
 * The IAM action and resource of every Kinesis operation served, for `src/auth/authorize.ts`: the action is
 * `kinesis:<Operation>` on the stream's ARN (Service Authorization Reference, "Actions defined by Amazon Kinesis Data
 * Streams"); ListStreams has no resource type (`*`). GetRecords is checked on the stream its shard iterator names.
 * `aws:ResourceTag/…` carries the stream's tags.
 */
import type { Permission, PermissionMap, PermissionRule } from '../auth/authorize.js';
import { requestTagKeys } from '../auth/authorize.js';
import type { RequestContext } from '../common/operation.js';
import { AccessDeniedException } from '../protocol/generated/kinesis.js';
import { streamArn } from './arns.js';
import { streamRef, type KinesisCore } from './core.js';
import { kinesisOps } from './operations.js';

/** Kinesis answers a denial with AccessDeniedException (HTTP 400). */
export const kinesisDenied = (message: string) => new AccessDeniedException(message);

export function kinesisPermissions(core: KinesisCore): PermissionMap {
  const onStream =
    (action: string, context?: (input: any) => Record<string, unknown>): PermissionRule =>
    (input: { StreamName?: string; StreamARN?: string }, ctx: RequestContext) => {
      let ref;
      try {
        ref = streamRef(ctx, input);
      } catch {
        // The operation refuses the request itself; nothing to authorize first.
        return [];
      }
      const perm: Permission = {
        action: `kinesis:${action}`,
        resource: streamArn(ref.region, ref.accountId, ref.name),
        resourceTags: async () => (await core.store.kinesis.getStream(ref.accountId, ref.region, ref.name))?.settings.tags,
      };
      if (context) perm.context = context(input);
      return [perm];
    };
  const map: Record<string, PermissionRule> = {};
  for (const name of Object.keys(kinesisOps)) map[name] = onStream(name);
  map.CreateStream = onStream('CreateStream', (input: { Tags?: Record<string, string> }) => (input.Tags ? requestTagKeys(input.Tags) : {}));
  map.AddTagsToStream = onStream('AddTagsToStream', (input: { Tags: Record<string, string> }) => requestTagKeys(input.Tags));
  map.RemoveTagsFromStream = onStream('RemoveTagsFromStream', (input: { TagKeys: string[] }) => requestTagKeys(undefined, input.TagKeys));
  map.ListStreams = () => [{ action: 'kinesis:ListStreams', resource: '*' }];
  map.GetRecords = (input: { ShardIterator: string }) => {
    const it = core.peekIterator(input.ShardIterator);
    // An iterator that does not open is refused by the operation (InvalidArgumentException), as AWS does.
    if (!it) return [];
    return [{ action: 'kinesis:GetRecords', resource: streamArn(it.region, it.accountId, it.name) }];
  };
  return map;
}
