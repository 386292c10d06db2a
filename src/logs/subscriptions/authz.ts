/**
 * IAM permissions of the subscription operations: the filter operations on the group (`…:log-group:NAME:log-stream:`,
 * like the other older group operations), the destination operations on the destination's ARN, and `iam:PassRole`
 * on a role the request hands to CloudWatch Logs (as AWS requires).
 */
import type { Permission, PermissionMap } from '../../auth/authorize.js';
import type { RequestContext } from '../../common/operation.js';
import { logGroupArn } from '../arns.js';
import { destinationArn } from './target.js';

const groupScoped = (action: string) => (input: { logGroupName: string }, ctx: RequestContext): Permission[] => [
  { action, resource: `${logGroupArn(ctx.region, ctx.principal.accountId, input.logGroupName)}:log-stream:` },
];
const onDestination = (action: string) => (input: { destinationName: string }, ctx: RequestContext): Permission[] => [
  { action, resource: destinationArn(ctx.region, ctx.principal.accountId, input.destinationName) },
];
const passRole = (roleArn: string | undefined): Permission[] => (roleArn === undefined ? [] : [{ action: 'iam:PassRole', resource: roleArn }]);

export function subscriptionPermissions(): PermissionMap {
  return {
    PutSubscriptionFilter: (input: { logGroupName: string; roleArn?: string }, ctx) => [...groupScoped('logs:PutSubscriptionFilter')(input, ctx), ...passRole(input.roleArn)],
    DescribeSubscriptionFilters: groupScoped('logs:DescribeSubscriptionFilters'),
    DeleteSubscriptionFilter: groupScoped('logs:DeleteSubscriptionFilter'),
    PutDestination: (input: { destinationName: string; roleArn: string }, ctx) => [...onDestination('logs:PutDestination')(input, ctx), ...passRole(input.roleArn)],
    PutDestinationPolicy: onDestination('logs:PutDestinationPolicy'),
    DeleteDestination: onDestination('logs:DeleteDestination'),
    DescribeDestinations: () => [{ action: 'logs:DescribeDestinations', resource: '*' }],
  };
}
