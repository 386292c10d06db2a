/**
 * The IAM action and resource of every CloudWatch Logs operation, for `src/auth/authorize.ts`.
 *
 * Actions are the operations' names (Service Authorization Reference, "Actions defined by Amazon CloudWatch Logs").
 * The resource is the one AWS names in its denials, which is not always the ARN the reference documents:
 * - DescribeLogGroups is checked on `arn:aws:logs:R:A:log-group::log-stream:` (many recorded denials);
 * - the older log-group operations are checked on `…:log-group:NAME:log-stream:` (recorded for CreateLogGroup,
 *   DescribeLogStreams, FilterLogEvents and PutRetentionPolicy; DeleteRetentionPolicy and the *LogGroup tagging
 *   operations follow them, unrecorded). This is why policies name log groups as `log-group:NAME:*` and why the
 *   `arn` CloudWatch Logs reports for a group ends in `:*`;
 * - stream operations on `…:log-group:G:log-stream:S` (CreateLogStream, PutLogEvents, GetLogEvents recorded);
 * - DeleteLogGroup and the resource tagging operations (TagResource, UntagResource, ListTagsForResource) on the bare
 *   group ARN `…:log-group:NAME` (recorded); AssociateKmsKey and DisassociateKmsKey likewise (unrecorded; the bare
 *   ARN is the one their `resourceIdentifier` takes).
 * `aws:ResourceTag/…` carries the group's tags for group resources (streams have no tags).
 */
import type { Permission, PermissionMap, PermissionRule } from '../auth/authorize.js';
import { requestTagKeys } from '../auth/authorize.js';
import type { RequestContext } from '../common/operation.js';
import { AccessDeniedException } from '../protocol/generated/logs.js';
import { logGroupArn, logStreamArn, parseGroupIdentifier } from './arns.js';
import type { LogsCore } from './core.js';
import { messages } from './messages.js';
import { subscriptionPermissions } from './subscriptions/authz.js';
import { decodePtr } from '../insights/ptr.js';
import { queryStringUnmasks } from '../insights/unmask.js';

/** CloudWatch Logs answers a denial with AccessDeniedException (HTTP 400). */
export const logsDenied = (message: string) => new AccessDeniedException(message);

/** A group as a request names it: by name in the caller's account and region, or by ARN. */
interface GroupRef {
  accountId: string;
  region: string;
  name: string;
}

function ownGroup(ctx: RequestContext, name: string): GroupRef {
  return { accountId: ctx.principal.accountId, region: ctx.region, name };
}

/** `logGroupName`, or `logGroupIdentifier`/`resourceIdentifier` (a name or a group ARN); undefined if neither parses. */
function groupOf(ctx: RequestContext, name: string | undefined, identifier: string | undefined): GroupRef | undefined {
  if (name !== undefined) return ownGroup(ctx, name);
  const ref = identifier === undefined ? undefined : parseGroupIdentifier(identifier);
  if (!ref) return undefined;
  return { accountId: ref.accountId ?? ctx.principal.accountId, region: ref.region ?? ctx.region, name: ref.name };
}

/** Permissions on one log group; the group's tags are read only if a policy of the caller reads the context. */
class GroupPermissions {
  constructor(private readonly core: LogsCore) {}

  /** The older log-group operations: `…:log-group:NAME:log-stream:`. */
  scoped(action: string, g: GroupRef, context?: Record<string, unknown>): Permission {
    return this.on(action, `${logGroupArn(g.region, g.accountId, g.name)}:log-stream:`, g, context);
  }

  /** Operations checked on the bare group ARN. */
  bare(action: string, g: GroupRef, context?: Record<string, unknown>): Permission {
    return this.on(action, logGroupArn(g.region, g.accountId, g.name), g, context);
  }

  stream(action: string, g: GroupRef, stream: string): Permission {
    return { action, resource: logStreamArn(g.region, g.accountId, g.name, stream) };
  }

  private on(action: string, resource: string, g: GroupRef, context: Record<string, unknown> | undefined): Permission {
    const perm: Permission = { action, resource, resourceTags: async () => (await this.core.store.logs.getGroup(g.accountId, g.region, g.name))?.tags };
    if (context) perm.context = context;
    return perm;
  }
}

/**
 * The tagging operations take any taggable logs resource: when `resourceArn` names no log group, the permission is
 * the action on that ARN (never nothing: an unrecognised resource must not escape authorization).
 */
function orOtherResource(rule: PermissionRule, action: string, context?: (input: any) => Record<string, unknown>): PermissionRule {
  return async (input, ctx) => {
    const perms = await rule(input, ctx);
    if (perms.length > 0 || typeof input.resourceArn !== 'string') return perms;
    const perm: Permission = { action, resource: input.resourceArn };
    if (context) perm.context = context(input);
    return [perm];
  };
}

/** AssociateKmsKey / DisassociateKmsKey on `…:query-result:*`: the action on that ARN. */
function orQueryResults(rule: PermissionRule, action: string): PermissionRule {
  return async (input, ctx) => {
    const id = input.resourceIdentifier;
    if (typeof id === 'string' && /^arn:aws:logs:[^:]*:[^:]*:query-result:/.test(id)) return [{ action, resource: id }];
    return rule(input, ctx);
  };
}

/**
 * A rule on the group a request names. A request naming no group (or an identifier that is no log group ARN) is
 * refused by the operation itself, so it needs no permission.
 */
function onGroup(pick: (input: any) => { name?: string; identifier?: string }, perms: (g: GroupRef, input: any) => Permission[]): PermissionRule {
  return (input, ctx) => {
    const { name, identifier } = pick(input);
    const g = groupOf(ctx, name, identifier);
    return g ? perms(g, input) : [];
  };
}

const byName = (input: { logGroupName?: string; logGroupIdentifier?: string }) => ({ name: input.logGroupName, identifier: input.logGroupIdentifier });
const byResource = (input: { logGroupName?: string; resourceIdentifier?: string }) => ({ name: input.logGroupName, identifier: input.resourceIdentifier });
const byArn = (input: { resourceArn: string }) => ({ identifier: input.resourceArn.startsWith('arn:') ? input.resourceArn : undefined });

/** Anomaly detectors: `arn:aws:logs:R:A:anomaly-detector:ID`, as the request names them. */
const detector = (action: string): PermissionRule => (input: { anomalyDetectorArn?: string }) => [{ action, resource: input.anomalyDetectorArn ?? '*' }];

/** The caller's group a `@ptr` points at. */
async function pointerGroup(core: LogsCore, ctx: RequestContext, ptr: string | undefined): Promise<GroupRef | undefined> {
  const p = ptr === undefined ? undefined : decodePtr(ptr);
  if (!p || p.accountId !== ctx.principal.accountId || p.region !== ctx.region) return undefined;
  const group = await core.store.logs.getGroupById(p.groupId);
  return group && group.accountId === p.accountId && group.region === p.region ? { accountId: group.accountId, region: group.region, name: group.name } : undefined;
}

/** Reading unmasked data (`unmask: true`) also needs `logs:Unmask` on the group. */
function unmask(on: GroupPermissions, g: GroupRef, input: { unmask?: boolean }): Permission[] {
  return input.unmask === true ? [on.bare('logs:Unmask', g)] : [];
}

/** PutResourcePolicy and friends: the group ARN when `resourceArn` names a log group, else `*`. */
function resourcePolicyRule(action: string): PermissionRule {
  return (input: { resourceArn?: string }, ctx) => {
    const g = input.resourceArn === undefined ? undefined : groupOf(ctx, undefined, input.resourceArn);
    return [{ action, resource: g ? logGroupArn(g.region, g.accountId, g.name) : '*' }];
  };
}

export function logsPermissions(core: LogsCore): PermissionMap {
  const on = new GroupPermissions(core);
  return {
    CreateLogGroup: (input, ctx) => {
      const g = ownGroup(ctx, input.logGroupName);
      const perms = [on.scoped('logs:CreateLogGroup', g, requestTagKeys(input.tags))];
      // Tags at creation also need logs:TagResource, refused in CloudWatch Logs' own words.
      if (input.tags && Object.keys(input.tags).length > 0) {
        perms.push({ ...on.bare('logs:TagResource', g, requestTagKeys(input.tags)), deniedMessage: messages.createWithTagsDenied(ctx.principal.accountId) });
      }
      return perms;
    },
    DescribeLogGroups: (_input, ctx) => [{ action: 'logs:DescribeLogGroups', resource: `${logGroupArn(ctx.region, ctx.principal.accountId, '')}:log-stream:` }],
    DeleteLogGroup: onGroup(byName, (g) => [on.bare('logs:DeleteLogGroup', g)]),
    ListLogGroups: (_input, ctx) => [{ action: 'logs:ListLogGroups', resource: logGroupArn(ctx.region, ctx.principal.accountId, '*') }],
    PutLogGroupDeletionProtection: onGroup(byName, (g) => [on.bare('logs:PutLogGroupDeletionProtection', g)]),
    CreateLogStream: onGroup(byName, (g, input) => [on.stream('logs:CreateLogStream', g, input.logStreamName)]),
    DescribeLogStreams: onGroup(byName, (g) => [on.scoped('logs:DescribeLogStreams', g)]),
    DeleteLogStream: onGroup(byName, (g, input) => [on.stream('logs:DeleteLogStream', g, input.logStreamName)]),
    PutLogEvents: onGroup(byName, (g, input) => [on.stream('logs:PutLogEvents', g, input.logStreamName)]),
    GetLogEvents: onGroup(byName, (g, input) => [on.stream('logs:GetLogEvents', g, input.logStreamName), ...unmask(on, g, input)]),
    FilterLogEvents: onGroup(byName, (g, input) => [on.scoped('logs:FilterLogEvents', g), ...unmask(on, g, input)]),
    // Each log group of the session, by its bare ARN (unrecorded; the ARN the request names).
    StartLiveTail: (input: { logGroupIdentifiers?: string[] }, ctx) =>
      (input.logGroupIdentifiers ?? []).flatMap((id) => {
        const g = groupOf(ctx, undefined, id);
        return g ? [on.bare('logs:StartLiveTail', g)] : [];
      }),
    AssociateKmsKey: orQueryResults(onGroup(byResource, (g) => [on.bare('logs:AssociateKmsKey', g)]), 'logs:AssociateKmsKey'),
    DisassociateKmsKey: orQueryResults(onGroup(byResource, (g) => [on.bare('logs:DisassociateKmsKey', g)]), 'logs:DisassociateKmsKey'),
    PutRetentionPolicy: onGroup(byName, (g) => [on.scoped('logs:PutRetentionPolicy', g)]),
    DeleteRetentionPolicy: onGroup(byName, (g) => [on.scoped('logs:DeleteRetentionPolicy', g)]),
    // A resource ARN that is no log group (an anomaly detector) is checked as the ARN itself.
    TagResource: orOtherResource(onGroup(byArn, (g, input) => [on.bare('logs:TagResource', g, requestTagKeys(input.tags))]), 'logs:TagResource', (input) => requestTagKeys(input.tags)),
    UntagResource: orOtherResource(
      onGroup(byArn, (g, input) => [on.bare('logs:UntagResource', g, requestTagKeys(undefined, input.tagKeys))]),
      'logs:UntagResource',
      (input) => requestTagKeys(undefined, input.tagKeys),
    ),
    ListTagsForResource: orOtherResource(onGroup(byArn, (g) => [on.bare('logs:ListTagsForResource', g)]), 'logs:ListTagsForResource'),
    TagLogGroup: onGroup(byName, (g, input) => [on.scoped('logs:TagLogGroup', g, requestTagKeys(input.tags))]),
    UntagLogGroup: onGroup(byName, (g, input) => [on.scoped('logs:UntagLogGroup', g, requestTagKeys(undefined, input.tags))]),
    ListTagsLogGroup: onGroup(byName, (g) => [on.scoped('logs:ListTagsLogGroup', g)]),
    PutDataProtectionPolicy: onGroup(byName, (g) => [on.bare('logs:PutDataProtectionPolicy', g)]),
    GetDataProtectionPolicy: onGroup(byName, (g) => [on.bare('logs:GetDataProtectionPolicy', g)]),
    DeleteDataProtectionPolicy: onGroup(byName, (g) => [on.bare('logs:DeleteDataProtectionPolicy', g)]),
    // Transformers: on the group's ARN; TestTransformer names no resource.
    PutTransformer: onGroup(byName, (g) => [on.bare('logs:PutTransformer', g)]),
    GetTransformer: onGroup(byName, (g) => [on.bare('logs:GetTransformer', g)]),
    DeleteTransformer: onGroup(byName, (g) => [on.bare('logs:DeleteTransformer', g)]),
    TestTransformer: () => [{ action: 'logs:TestTransformer', resource: '*' }],
    // Account policies are account-wide: the resource is every log group of the account and region.
    PutAccountPolicy: (_input, ctx) => [{ action: 'logs:PutAccountPolicy', resource: `${logGroupArn(ctx.region, ctx.principal.accountId, '*')}` }],
    DescribeAccountPolicies: (_input, ctx) => [{ action: 'logs:DescribeAccountPolicies', resource: `${logGroupArn(ctx.region, ctx.principal.accountId, '*')}` }],
    DeleteAccountPolicy: (_input, ctx) => [{ action: 'logs:DeleteAccountPolicy', resource: `${logGroupArn(ctx.region, ctx.principal.accountId, '*')}` }],
    // Resource policies: account policies on `*` (AWS asks for a wildcard resource there; unrecorded), a group's
    // policy (`resourceArn`) on the bare group ARN.
    PutResourcePolicy: resourcePolicyRule('logs:PutResourcePolicy'),
    DescribeResourcePolicies: resourcePolicyRule('logs:DescribeResourcePolicies'),
    DeleteResourcePolicy: resourcePolicyRule('logs:DeleteResourcePolicy'),

    // Anomaly detection (being added to the operation table): the detector's ARN, or each log group it watches.
    CreateLogAnomalyDetector: (input: { logGroupArnList: string[]; tags?: Record<string, string> }, ctx) =>
      input.logGroupArnList.map((arn) => {
        const g = groupOf(ctx, undefined, arn);
        return g ? on.bare('logs:CreateLogAnomalyDetector', g, requestTagKeys(input.tags)) : { action: 'logs:CreateLogAnomalyDetector', resource: arn };
      }),
    GetLogAnomalyDetector: detector('logs:GetLogAnomalyDetector'),
    UpdateLogAnomalyDetector: detector('logs:UpdateLogAnomalyDetector'),
    DeleteLogAnomalyDetector: detector('logs:DeleteLogAnomalyDetector'),
    ListLogAnomalyDetectors: () => [{ action: 'logs:ListLogAnomalyDetectors', resource: '*' }],
    ListAnomalies: detector('logs:ListAnomalies'),
    UpdateAnomaly: detector('logs:UpdateAnomaly'),

    // Logs Insights: StartQuery and GetLogGroupFields on each group; the others on `*` (queries and definitions
    // have no ARN of their own).
    StartQuery: (input: { logGroupName?: string; logGroupNames?: string[]; logGroupIdentifiers?: string[]; queryString?: string }, ctx) => {
      const ids = [input.logGroupName, ...(input.logGroupNames ?? []), ...(input.logGroupIdentifiers ?? [])].filter((x): x is string => x !== undefined);
      // `unmask(…)` in the query reads unmasked data: logs:Unmask on each group, as `unmask: true` does.
      const unmasks = queryStringUnmasks(input.queryString);
      return ids.flatMap((id) => {
        const g = groupOf(ctx, undefined, id);
        return g ? [on.scoped('logs:StartQuery', g), ...unmask(on, g, { unmask: unmasks })] : [];
      });
    },
    GetLogGroupFields: onGroup(byName, (g) => [on.scoped('logs:GetLogGroupFields', g)]),
    PutMetricFilter: onGroup(byName, (g) => [on.scoped('logs:PutMetricFilter', g)]),
    DeleteMetricFilter: onGroup(byName, (g) => [on.scoped('logs:DeleteMetricFilter', g)]),
    DescribeMetricFilters: (input: { logGroupName?: string }, ctx) =>
      input.logGroupName !== undefined
        ? [on.scoped('logs:DescribeMetricFilters', ownGroup(ctx, input.logGroupName))]
        : [{ action: 'logs:DescribeMetricFilters', resource: `${logGroupArn(ctx.region, ctx.principal.accountId, '')}:log-stream:` }],
    TestMetricFilter: () => [{ action: 'logs:TestMetricFilter', resource: '*' }],
    GetQueryResults: () => [{ action: 'logs:GetQueryResults', resource: '*' }],
    StopQuery: () => [{ action: 'logs:StopQuery', resource: '*' }],
    DescribeQueries: () => [{ action: 'logs:DescribeQueries', resource: '*' }],
    ListLogGroupsForQuery: () => [{ action: 'logs:ListLogGroupsForQuery', resource: '*' }],
    GetLogRecord: async (input: { logRecordPointer?: string; unmask?: boolean }, ctx) => {
      const perms: Permission[] = [{ action: 'logs:GetLogRecord', resource: '*' }];
      if (input.unmask !== true) return perms;
      // Unmasking needs logs:Unmask on the group the pointer names (a pointer to nothing of the caller's asks for
      // nothing more: GetLogRecord refuses it).
      const g = await pointerGroup(core, ctx, input.logRecordPointer);
      return g ? [...perms, ...unmask(on, g, input)] : perms;
    },
    PutQueryDefinition: () => [{ action: 'logs:PutQueryDefinition', resource: '*' }],
    DescribeQueryDefinitions: () => [{ action: 'logs:DescribeQueryDefinitions', resource: '*' }],
    DeleteQueryDefinition: () => [{ action: 'logs:DeleteQueryDefinition', resource: '*' }],
    // Subscription filters and destinations (src/logs/subscriptions/).
    ...subscriptionPermissions(),
  };
}
