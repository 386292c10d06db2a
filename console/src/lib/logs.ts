import { DescribeLogGroupsCommand, ListLogAnomalyDetectorsCommand, type AnomalyDetector, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import type { Aws } from './aws.js';
import { allPages } from './load.js';

/** A log group's ARN as KMS sees it in the encryption context (DescribeLogGroups' `arn` ends in `:*`). */
export function logGroupArn(region: string, accountId: string, name: string): string {
  return `arn:aws:logs:${region}:${accountId}:log-group:${name}`;
}

export function withoutStar(arn: string): string {
  return arn.endsWith(':*') ? arn.slice(0, -2) : arn;
}

export async function listLogGroups(aws: Aws): Promise<LogGroup[]> {
  return allPages(async (nextToken) => {
    const out = await aws.logs.send(new DescribeLogGroupsCommand({ nextToken }));
    return { items: out.logGroups ?? [], next: out.nextToken };
  });
}

export async function describeLogGroup(aws: Aws, name: string): Promise<LogGroup | undefined> {
  const out = await aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  return out.logGroups?.find((g) => g.logGroupName === name);
}

export async function listDetectors(aws: Aws): Promise<AnomalyDetector[]> {
  return allPages(async (nextToken) => {
    const out = await aws.logs.send(new ListLogAnomalyDetectorsCommand({ nextToken }));
    return { items: out.anomalyDetectors ?? [], next: out.nextToken };
  });
}

export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export function retentionText(days: number | undefined): string {
  return days === undefined ? 'Never expire' : `${days} day${days === 1 ? '' : 's'}`;
}
