import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteResourcePolicyCommand,
  DescribeResourcePoliciesCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { ServiceLogWriter, type ServiceCaller } from '../../../src/logs/resourcePolicies/serviceWriter.js';
import { clientConfig, devAccount } from '../../helpers/server.js';
import { otherAccount } from '../../kms/helpers.js';
import { REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

const groupArn = (name: string, account = devAccount) => `arn:aws:logs:${REGION}:${account}:log-group:${name}`;

function doc(statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** AWS's own example: Route 53 query logging into /aws/route53/*, guarded by source account and hosted zone. */
const route53Policy = doc([
  {
    Sid: 'Route53LogsToCloudWatchLogs',
    Effect: 'Allow',
    Principal: { Service: ['route53.amazonaws.com'] },
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: `arn:aws:logs:${REGION}:${devAccount}:log-group:/aws/route53/*`,
    Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:route53:::hostedzone/*' }, StringEquals: { 'aws:SourceAccount': devAccount } },
  },
]);

describe('resource policies (PutResourcePolicy, DescribeResourcePolicies, DeleteResourcePolicy)', () => {
  let env: LogsEnv;
  let writer: ServiceLogWriter;

  before(async () => {
    env = await startLogsEnv();
    const app = env.srv.server.app;
    writer = new ServiceLogWriter(app.operations.logs, app.store, app.clock);
  });
  after(async () => {
    await env.dispose();
  });

  async function cleanAccountPolicies(): Promise<void> {
    const listed = await env.logs.send(new DescribeResourcePoliciesCommand({}));
    for (const p of listed.resourcePolicies ?? []) await env.logs.send(new DeleteResourcePolicyCommand({ policyName: p.policyName! }));
  }

  describe('account policies', () => {
    test('a policy is stored as written, listed with scope ACCOUNT, replaced by name and deleted', async () => {
      await cleanAccountPolicies();
      const t0 = env.clock.now();
      const out = await env.logs.send(new PutResourcePolicyCommand({ policyName: 'route53', policyDocument: route53Policy }));
      const { lastUpdatedTime, ...rest } = out.resourcePolicy!;
      assert.ok(lastUpdatedTime! >= t0 && lastUpdatedTime! <= env.clock.now());
      assert.deepEqual(rest, { policyName: 'route53', policyDocument: route53Policy, policyScope: 'ACCOUNT' });
      assert.equal(out.revisionId, undefined);
      // AWS stores a Resource that is no ARN (it then matches nothing) and any logs action.
      const loose = doc([{ Effect: 'Allow', Principal: { Service: 'route53.amazonaws.com' }, Action: 'logs:*', Resource: 'log_arn' }]);
      await env.logs.send(new PutResourcePolicyCommand({ policyName: 'route53', policyDocument: loose }));
      await env.logs.send(new PutResourcePolicyCommand({ policyName: 'another', policyDocument: route53Policy }));
      const listed = await env.logs.send(new DescribeResourcePoliciesCommand({}));
      assert.deepEqual(
        listed.resourcePolicies!.map((p) => [p.policyName, p.policyDocument, p.policyScope]),
        [
          ['another', route53Policy, 'ACCOUNT'],
          ['route53', loose, 'ACCOUNT'],
        ],
      );
      const first = await env.logs.send(new DescribeResourcePoliciesCommand({ limit: 1 }));
      assert.deepEqual(first.resourcePolicies!.map((p) => p.policyName), ['another']);
      const second = await env.logs.send(new DescribeResourcePoliciesCommand({ limit: 1, nextToken: first.nextToken }));
      assert.deepEqual(second.resourcePolicies!.map((p) => p.policyName), ['route53']);
      assert.equal(second.nextToken, undefined);
      await env.logs.send(new DeleteResourcePolicyCommand({ policyName: 'another' }));
      await env.logs.send(new DeleteResourcePolicyCommand({ policyName: 'route53' }));
      assert.deepEqual((await env.logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies, []);
    });

    test('an account has at most 10 policies per region: the 11th is refused, replacing one at the limit is not', async () => {
      await cleanAccountPolicies();
      for (let i = 0; i < 10; i++) await env.logs.send(new PutResourcePolicyCommand({ policyName: `p${i}`, policyDocument: route53Policy }));
      const e = await sdkError(env.logs.send(new PutResourcePolicyCommand({ policyName: 'p10', policyDocument: route53Policy })));
      assert.deepEqual(e, { name: 'LimitExceededException', message: 'Resource limit exceeded.', status: 400 });
      await env.logs.send(new PutResourcePolicyCommand({ policyName: 'p3', policyDocument: doc([{ Effect: 'Allow', Principal: { Service: 'es.amazonaws.com' }, Action: 'logs:PutLogEvents', Resource: '*' }]) }));
      // Another region has its own ten.
      const west = env.clients({ accessKeyId: 'test', secretAccessKey: 'test' }, 'eu-west-1').logs;
      await west.send(new PutResourcePolicyCommand({ policyName: 'p10', policyDocument: route53Policy }));
      await west.send(new DeleteResourcePolicyCommand({ policyName: 'p10' }));
      await cleanAccountPolicies();
    });

    test('a revision on an account policy, or a page token that is not ours, is refused', async () => {
      let e = await sdkError(env.logs.send(new PutResourcePolicyCommand({ policyName: 'p', policyDocument: route53Policy, expectedRevisionId: 'r' })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'expectedRevisionId applies only to a resource-scoped policy (resourceArn).', status: 400 });
      e = await sdkError(env.logs.send(new DeleteResourcePolicyCommand({ policyName: 'p', expectedRevisionId: 'r' })));
      assert.equal(e.message, 'expectedRevisionId applies only to a resource-scoped policy (resourceArn).');
      e = await sdkError(env.logs.send(new DescribeResourcePoliciesCommand({ nextToken: 'not-a-token' })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'The specified nextToken is invalid.', status: 400 });
    });

    test('deleting an unknown policy names it, as AWS does', async () => {
      const e = await sdkError(env.logs.send(new DeleteResourcePolicyCommand({ policyName: 'non-existent' })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'Policy with name [non-existent] does not exist.', status: 400 });
    });

    test('a document over 5,120 characters, one the policy grammar refuses, or no name and no ARN are refused and change nothing', async () => {
      await cleanAccountPolicies();
      const long = doc([{ Sid: 'x'.repeat(5100), Effect: 'Allow', Principal: { Service: 'route53.amazonaws.com' }, Action: 'logs:PutLogEvents', Resource: '*' }]);
      let e = await sdkError(env.logs.send(new PutResourcePolicyCommand({ policyName: 'long', policyDocument: long })));
      assert.deepEqual(e, {
        name: 'InvalidParameterException',
        message: `1 validation error detected: Value '${long}' at 'policyDocument' failed to satisfy constraint: Member must have length less than or equal to 5120`,
        status: 400,
      });
      // A service named as an AWS principal: AWS's "Could not convert to persistable policy."
      const badPrincipal = doc([{ Effect: 'Allow', Principal: { AWS: 'delivery.logs.amazonaws.com' }, Action: 'logs:PutLogEvents', Resource: '*' }]);
      for (const bad of [badPrincipal, '{"Version": "2012-10-17", "Statement": [', doc([{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }])]) {
        e = await sdkError(env.logs.send(new PutResourcePolicyCommand({ policyName: 'bad', policyDocument: bad })));
        assert.deepEqual(e, { name: 'InvalidParameterException', message: 'Could not convert to persistable policy.', status: 400 }, bad);
      }
      e = await sdkError(env.logs.send(new PutResourcePolicyCommand({ policyDocument: route53Policy })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'Exactly one of policyName and resourceArn must be specified.', status: 400 });
      e = await sdkError(env.logs.send(new PutResourcePolicyCommand({ policyName: 'x' })));
      assert.deepEqual(e, {
        name: 'InvalidParameterException',
        message: "1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null",
        status: 400,
      });
      assert.deepEqual((await env.logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies, []);
    });
  });

  describe('log group policies (resourceArn)', () => {
    test('created without a revision, replaced and deleted only at the current revisionId', async () => {
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'scoped' }));
      const arn = groupArn('scoped');
      const t0 = env.clock.now();
      const created = await env.logs.send(new PutResourcePolicyCommand({ resourceArn: arn, policyDocument: route53Policy }));
      const r1 = created.revisionId!;
      assert.ok(r1);
      const { lastUpdatedTime, ...rest } = created.resourcePolicy!;
      assert.ok(lastUpdatedTime! >= t0 && lastUpdatedTime! <= env.clock.now());
      assert.deepEqual(rest, { policyDocument: route53Policy, policyScope: 'RESOURCE', resourceArn: arn, revisionId: r1 });

      // Creating again, or replacing at a revision that is not the current one, loses.
      for (const expectedRevisionId of [undefined, 'not-the-revision']) {
        const e = await sdkError(env.logs.send(new PutResourcePolicyCommand({ resourceArn: arn, policyDocument: route53Policy, expectedRevisionId })));
        assert.deepEqual(e, {
          name: 'OperationAbortedException',
          message: `The resource policy of ${arn} was changed by another request: expectedRevisionId does not match its current revision.`,
          status: 400,
        });
      }
      const replaced = await env.logs.send(new PutResourcePolicyCommand({ resourceArn: `${arn}:*`, policyDocument: route53Policy, expectedRevisionId: r1 }));
      const r2 = replaced.revisionId!;
      assert.notEqual(r2, r1);

      const described = await env.logs.send(new DescribeResourcePoliciesCommand({ resourceArn: arn, policyScope: 'RESOURCE' }));
      assert.deepEqual(described.resourcePolicies!.map((p) => [p.resourceArn, p.revisionId, p.policyScope, p.policyName]), [[arn, r2, 'RESOURCE', undefined]]);
      const all = await env.logs.send(new DescribeResourcePoliciesCommand({ policyScope: 'RESOURCE' }));
      assert.deepEqual(all.resourcePolicies!.map((p) => p.resourceArn), [arn]);
      assert.deepEqual((await env.logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies, [], 'the default scope is ACCOUNT');

      let e = await sdkError(env.logs.send(new DeleteResourcePolicyCommand({ resourceArn: arn })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'expectedRevisionId is required to delete a resource-scoped policy.', status: 400 });
      e = await sdkError(env.logs.send(new DeleteResourcePolicyCommand({ resourceArn: arn, expectedRevisionId: r1 })));
      assert.equal(e.name, 'OperationAbortedException');
      await env.logs.send(new DeleteResourcePolicyCommand({ resourceArn: arn, expectedRevisionId: r2 }));
      e = await sdkError(env.logs.send(new DeleteResourcePolicyCommand({ resourceArn: arn, expectedRevisionId: r2 })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: `No resource policy exists for resource [${arn}].`, status: 400 });
      assert.deepEqual((await env.logs.send(new DescribeResourcePoliciesCommand({ resourceArn: arn }))).resourcePolicies, []);
    });

    test('a policy naming both a name and an ARN, an unknown group or no log group ARN is refused', async () => {
      let e = await sdkError(env.logs.send(new PutResourcePolicyCommand({ policyName: 'n', resourceArn: groupArn('scoped'), policyDocument: route53Policy })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'Exactly one of policyName and resourceArn must be specified.', status: 400 });
      e = await sdkError(env.logs.send(new PutResourcePolicyCommand({ resourceArn: groupArn('nowhere'), policyDocument: route53Policy })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
      e = await sdkError(env.logs.send(new PutResourcePolicyCommand({ resourceArn: 'arn:aws:kms:us-east-1:000000000000:key/k', policyDocument: route53Policy })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'Invalid resource ARN: arn:aws:kms:us-east-1:000000000000:key/k', status: 400 });
      e = await sdkError(env.logs.send(new DescribeResourcePoliciesCommand({ resourceArn: groupArn('scoped'), policyScope: 'ACCOUNT' })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'resourceArn cannot be used with policyScope ACCOUNT.', status: 400 });
    });

    test("a group's policy goes with the group: a group created again under its name has none", async () => {
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'ephemeral' }));
      await env.logs.send(new PutResourcePolicyCommand({ resourceArn: groupArn('ephemeral'), policyDocument: route53Policy }));
      await env.logs.send(new DeleteLogGroupCommand({ logGroupName: 'ephemeral' }));
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'ephemeral' }));
      assert.deepEqual((await env.logs.send(new DescribeResourcePoliciesCommand({ resourceArn: groupArn('ephemeral') }))).resourcePolicies, []);
      await env.logs.send(new PutResourcePolicyCommand({ resourceArn: groupArn('ephemeral'), policyDocument: route53Policy }));
    });
  });

  test('IAM decides who may manage them: account policies on *, a group policy on the group ARN', async () => {
    await cleanAccountPolicies();
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'managed' }));
    const iam = new IAMClient(clientConfig(env.srv.url, undefined, REGION, env.clock));
    try {
      await iam.send(new CreateUserCommand({ UserName: 'group-admin' }));
      const allow = doc([{ Effect: 'Allow', Action: ['logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DeleteResourcePolicy'], Resource: groupArn('managed') }]);
      await iam.send(new PutUserPolicyCommand({ UserName: 'group-admin', PolicyName: 'p', PolicyDocument: allow }));
      const k = (await iam.send(new CreateAccessKeyCommand({ UserName: 'group-admin' }))).AccessKey!;
      const admin = env.clients({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }).logs;
      const put = await admin.send(new PutResourcePolicyCommand({ resourceArn: groupArn('managed'), policyDocument: route53Policy }));
      await admin.send(new DeleteResourcePolicyCommand({ resourceArn: groupArn('managed'), expectedRevisionId: put.revisionId }));
      const e = await sdkError(admin.send(new PutResourcePolicyCommand({ policyName: 'account-wide', policyDocument: route53Policy })));
      assert.deepEqual(e, {
        name: 'AccessDeniedException',
        message: `User: arn:aws:iam::${devAccount}:user/group-admin is not authorized to perform: logs:PutResourcePolicy on resource: * because no identity-based policy allows the logs:PutResourcePolicy action`,
        status: 400,
      });
      assert.deepEqual((await env.logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies, []);
    } finally {
      iam.destroy();
    }
  });

  describe('where they are evaluated: an AWS service principal writing to a log group', () => {
    const zone = 'arn:aws:route53:::hostedzone/Z123';
    const route53: ServiceCaller = { service: 'route53.amazonaws.com', accountId: devAccount, region: REGION, sourceAccount: devAccount, sourceArn: zone };

    async function events(group: string, stream: string): Promise<string[]> {
      const got = await env.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true }));
      return got.events!.map((e) => e.message!);
    }

    test('without a policy that grants it, a service may not create a stream, with AWS resource-based wording', async () => {
      await cleanAccountPolicies();
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/route53/zone' }));
      const e = await sdkError(writer.createLogStream(route53, '/aws/route53/zone', 's'));
      assert.deepEqual(e, {
        name: 'AccessDeniedException',
        message: `User: route53.amazonaws.com is not authorized to perform: logs:CreateLogStream on resource: ${groupArn('/aws/route53/zone')}:log-stream:s because no resource-based policy allows the logs:CreateLogStream action`,
        status: undefined,
      });
    });

    test('an account policy lets the named service write for the source account and resource its conditions name, and no one else', async () => {
      await cleanAccountPolicies();
      await env.logs.send(new PutResourcePolicyCommand({ policyName: 'route53', policyDocument: route53Policy }));
      await writer.createLogStream(route53, '/aws/route53/zone', 'resolver');
      const now = env.clock.now();
      await writer.putLogEvents(route53, { logGroupName: '/aws/route53/zone', logStreamName: 'resolver', logEvents: [{ timestamp: now, message: 'query example.com A' }] });
      assert.deepEqual(await events('/aws/route53/zone', 'resolver'), ['query example.com A']);

      const refused = async (caller: ServiceCaller, group = '/aws/route53/zone') => {
        const e = await sdkError(writer.putLogEvents(caller, { logGroupName: group, logStreamName: 'resolver', logEvents: [{ timestamp: now, message: 'no' }] }));
        assert.equal(e.name, 'AccessDeniedException', JSON.stringify(caller));
        assert.match(e.message, /because no resource-based policy allows the logs:PutLogEvents action$/);
      };
      await refused({ ...route53, sourceAccount: '111122223333' }); // confused deputy: acting for another account
      await refused({ ...route53, sourceArn: 'arn:aws:ec2:us-east-1:000000000000:vpc/vpc-1' });
      await refused({ ...route53, sourceArn: undefined });
      await refused({ ...route53, service: 'es.amazonaws.com' });
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
      await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'resolver' }));
      await refused(route53, 'app'); // outside the Resource the policy names
      assert.deepEqual(await events('/aws/route53/zone', 'resolver'), ['query example.com A']);

      // Deleting the policy revokes at once.
      await env.logs.send(new DeleteResourcePolicyCommand({ policyName: 'route53' }));
      await refused(route53);
    });

    test("a group's own policy grants a service that group only, and an explicit Deny in any policy wins", async () => {
      await cleanAccountPolicies();
      const delivery: ServiceCaller = { service: 'delivery.logs.amazonaws.com', accountId: devAccount, region: REGION, sourceAccount: devAccount };
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'vended' }));
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'vended-other' }));
      const grant = doc([
        {
          Sid: 'AWSLogDeliveryWrite',
          Effect: 'Allow',
          Principal: { Service: 'delivery.logs.amazonaws.com' },
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceAccount': devAccount } },
        },
      ]);
      const put = await env.logs.send(new PutResourcePolicyCommand({ resourceArn: groupArn('vended'), policyDocument: grant }));
      await writer.createLogStream(delivery, 'vended', 'd');
      const e = await sdkError(writer.createLogStream(delivery, 'vended-other', 'd'));
      assert.equal(e.name, 'AccessDeniedException');

      await env.logs.send(
        new PutResourcePolicyCommand({
          policyName: 'no-delivery',
          policyDocument: doc([{ Effect: 'Deny', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 'logs:PutLogEvents', Resource: '*' }]),
        }),
      );
      const denied = await sdkError(writer.putLogEvents(delivery, { logGroupName: 'vended', logStreamName: 'd', logEvents: [{ timestamp: env.clock.now(), message: 'x' }] }));
      assert.deepEqual(denied, {
        name: 'AccessDeniedException',
        message: `User: delivery.logs.amazonaws.com is not authorized to perform: logs:PutLogEvents on resource: ${groupArn('vended')}:log-stream:d with an explicit deny in a resource-based policy`,
        status: undefined,
      });
      await env.logs.send(new DeleteResourcePolicyCommand({ policyName: 'no-delivery' }));
      await writer.putLogEvents(delivery, { logGroupName: 'vended', logStreamName: 'd', logEvents: [{ timestamp: env.clock.now(), message: 'delivered' }] });
      assert.deepEqual(await events('vended', 'd'), ['delivered']);
      await env.logs.send(new DeleteResourcePolicyCommand({ resourceArn: groupArn('vended'), expectedRevisionId: put.revisionId }));
    });

    test('an IAM user named by a resource policy still needs an identity-based policy: AWS does not enforce them for IAM principals', async () => {
      await cleanAccountPolicies();
      const iam = new IAMClient(clientConfig(env.srv.url, undefined, REGION, env.clock));
      try {
        await iam.send(new CreateUserCommand({ UserName: 'writer' }));
        const k = (await iam.send(new CreateAccessKeyCommand({ UserName: 'writer' }))).AccessKey!;
        const userArn = `arn:aws:iam::${devAccount}:user/writer`;
        await env.logs.send(
          new PutResourcePolicyCommand({
            policyName: 'names-a-user',
            policyDocument: doc([{ Effect: 'Allow', Principal: { AWS: userArn }, Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }]),
          }),
        );
        const user = env.clients({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }).logs;
        const e = await sdkError(user.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'by-user' })));
        assert.deepEqual(e, {
          name: 'AccessDeniedException',
          message: `User: ${userArn} is not authorized to perform: logs:CreateLogStream on resource: ${groupArn('app')}:log-stream:by-user because no identity-based policy allows the logs:CreateLogStream action`,
          status: 400,
        });
        // The identity-based policy is what lets it.
        const allow = doc([{ Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: `${groupArn('app')}:*` }]);
        await iam.send(new PutUserPolicyCommand({ UserName: 'writer', PolicyName: 'w', PolicyDocument: allow }));
        await user.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'by-user' }));
        await env.logs.send(new DeleteResourcePolicyCommand({ policyName: 'names-a-user' }));
      } finally {
        iam.destroy();
      }
    });

    test('another account cannot write to a group through a resource policy: its requests name groups of its own account', async () => {
      await cleanAccountPolicies();
      const other = await otherAccount(env.srv);
      await env.logs.send(
        new PutResourcePolicyCommand({
          policyName: 'names-an-account',
          policyDocument: doc([{ Effect: 'Allow', Principal: { AWS: other.accountId }, Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }]),
        }),
      );
      const theirs = env.clients(other.creds).logs;
      const e = await sdkError(theirs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 'resolver', logEvents: [{ timestamp: env.clock.now(), message: 'x' }] })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
      // Its resource policies are its own: ours are not listed to it.
      assert.deepEqual((await theirs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies, []);
      await env.logs.send(new DeleteResourcePolicyCommand({ policyName: 'names-an-account' }));
    });
  });
});
