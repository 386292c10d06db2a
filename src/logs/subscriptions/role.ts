/**
 * CloudWatch Logs delivering as AWS does: it assumes the subscription's role as the service principal
 * (`logs.amazonaws.com` or the regional `logs.<region>.amazonaws.com`, whichever the trust policy names), with
 * `aws:SourceAccount` and `aws:SourceArn` (the log group) in the context, and writes to the stream as that role
 * session: the role's policies must allow `kinesis:PutRecord(s)` on the stream (and the stream's key, if any,
 * `kms:GenerateDataKey`).
 */
import type { Principal } from '../../auth/identity.js';
import type { RequestContext } from '../../common/operation.js';
import type { IamCore } from '../../iam/core.js';
import { assumedRoleArn, parseRoleArn } from '../../iam/names.js';
import { mayAssumeRole } from '../../iam/sts/trust.js';
import { logGroupArn } from '../arns.js';

export const SESSION_NAME = 'CWLtoKinesisStreamSession';

/** The role session CloudWatch Logs would get, or undefined when the role is missing or its trust refuses. */
export async function logsRoleSession(iam: IamCore, roleArn: string, source: { accountId: string; region: string; name: string }, time: number): Promise<Principal | undefined> {
  const ref = parseRoleArn(roleArn);
  if (!ref) return undefined;
  const role = await iam.store.iam.getRole(ref.accountId, ref.name);
  if (!role || role.arn !== roleArn) return undefined;
  for (const service of ['logs.amazonaws.com', `logs.${source.region}.amazonaws.com`]) {
    const ctx: RequestContext = {
      requestId: 'logs-subscription',
      principal: { type: 'service', accountId: source.accountId, arn: service, userId: service, name: service },
      region: source.region,
      sourceIp: '',
      userAgent: 'logs.amazonaws.com',
      time,
      secureTransport: true,
      sourceAccount: source.accountId,
      sourceArn: logGroupArn(source.region, source.accountId, source.name),
    };
    if (await mayAssumeRole(iam, ctx, role, { 'sts:RoleSessionName': SESSION_NAME })) {
      return {
        type: 'assumed-role',
        accountId: role.accountId,
        arn: assumedRoleArn(role.accountId, role.roleName, SESSION_NAME),
        userId: `${role.roleId}:${SESSION_NAME}`,
        name: role.roleName,
        roleArn: role.arn,
      };
    }
  }
  return undefined;
}

/** The context of a call the role session makes. */
export function sessionContext(principal: Principal, region: string, time: number): RequestContext {
  return { requestId: 'logs-subscription', principal, region, sourceIp: '', userAgent: 'logs.amazonaws.com', time, secureTransport: true };
}
