import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { CloudWatchLogsClient, CreateLogGroupCommand, DeleteLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { Authorizer, withAuthorization } from '../../src/auth/authorize.js';
import type { Principal } from '../../src/auth/identity.js';
import type { RequestContext } from '../../src/common/operation.js';
import { iamIdentities, iamPermissions } from '../../src/iam/authz.js';
import { stsPermissions } from '../../src/iam/sts/authz.js';
import { logsDenied, logsPermissions } from '../../src/logs/authz.js';
import { clientConfig, devAccount, startTestServer, type Creds, type TestServer } from '../helpers/server.js';
import { sdkError } from '../protocol/helpers.js';

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('Authorization of CloudWatch Logs, IAM and STS requests', () => {
  let srv: TestServer;
  let iam: IAMClient;

  /** A user with an access key; returns its credentials and the principal its requests carry. */
  async function user(name: string, policy?: string): Promise<{ creds: Creds; principal: Principal }> {
    const u = (await iam.send(new CreateUserCommand({ UserName: name }))).User!;
    if (policy) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
    const k = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return {
      creds: { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! },
      principal: { type: 'user', accountId: devAccount, arn: u.Arn!, userId: u.UserId!, name },
    };
  }

  const contextOf = (principal: Principal): RequestContext => ({
    requestId: randomUUID(),
    principal,
    region: 'us-east-1',
    sourceIp: '127.0.0.1',
    userAgent: 'test',
    time: Date.now(),
    secureTransport: false,
  });

  before(async () => {
    srv = await startTestServer();
    iam = new IAMClient(clientConfig(srv.url));
  });
  after(async () => {
    iam.destroy();
    await srv.dispose();
  });

  describe('permission maps', () => {
    test('every served CloudWatch Logs, IAM and STS operation has a rule of its own', () => {
      const app = srv.server.app;
      const maps = { logs: logsPermissions(app.logs), iam: iamPermissions(app.iam), sts: stsPermissions };
      for (const [service, map] of Object.entries(maps)) {
        const served = Object.keys(app.operations[service as keyof typeof maps]);
        assert.ok(served.length > 0, service);
        assert.deepEqual(served.filter((op) => !Object.hasOwn(map, op)), [], `${service} operations without a permission rule`);
      }
    });
  });

  describe('behaviour', () => {
    test('an operation missing from its map is checked as <service>:<Operation> on *, so an omission denies', async () => {
      const authorizer = new Authorizer(iamIdentities(srv.server.app.iam), logsDenied);
      const table = withAuthorization({ Frobnicate: { handler: () => 'ran' } }, { service: 'logs', permissions: {}, authorizer });
      const none = await user('no-frobnicate');
      await assert.rejects(async () => table.Frobnicate!.handler({}, contextOf(none.principal)), {
        name: 'AccessDeniedException',
        message: `User: ${none.principal.arn} is not authorized to perform: logs:Frobnicate on resource: * because no identity-based policy allows the logs:Frobnicate action`,
      });
      const allowed = await user('frobnicator', doc({ Effect: 'Allow', Action: 'logs:Frobnicate', Resource: '*' }));
      assert.equal(await table.Frobnicate!.handler({}, contextOf(allowed.principal)), 'ran');
    });

    test('authorize(ctx, action, resource, extraContext) evaluates the condition keys it is given', async () => {
      const authorizer = new Authorizer(iamIdentities(srv.server.app.iam), logsDenied);
      const policy = doc({ Effect: 'Allow', Action: 'logs:Custom', Resource: '*', Condition: { StringEquals: { 'logs:Flavour': 'plain' } } });
      const u = await user('flavoured', policy);
      await authorizer.authorize(contextOf(u.principal), 'logs:Custom', 'arn:aws:logs:us-east-1:000000000000:log-group:g', { 'logs:Flavour': 'plain' });
      await assert.rejects(authorizer.authorize(contextOf(u.principal), 'logs:Custom', 'arn:aws:logs:us-east-1:000000000000:log-group:g', { 'logs:Flavour': 'spicy' }), {
        name: 'AccessDeniedException',
      });
    });

    test("a Deny in the user's own policy wins over an Allow its group grants", async () => {
      await iam.send(new CreateGroupCommand({ GroupName: 'loggers' }));
      await iam.send(new PutGroupPolicyCommand({ GroupName: 'loggers', PolicyName: 'all', PolicyDocument: doc({ Effect: 'Allow', Action: 'logs:*', Resource: '*' }) }));
      const u = await user('restricted', doc({ Effect: 'Deny', Action: 'logs:DeleteLogGroup', Resource: '*' }));
      await iam.send(new AddUserToGroupCommand({ GroupName: 'loggers', UserName: 'restricted' }));
      const logs = new CloudWatchLogsClient(clientConfig(srv.url, u.creds));
      try {
        await logs.send(new CreateLogGroupCommand({ logGroupName: 'kept' }));
        assert.deepEqual(await sdkError(logs.send(new DeleteLogGroupCommand({ logGroupName: 'kept' }))), {
          name: 'AccessDeniedException',
          message: `User: ${u.principal.arn} is not authorized to perform: logs:DeleteLogGroup on resource: arn:aws:logs:us-east-1:${devAccount}:log-group:kept with an explicit deny in an identity-based policy`,
          status: 400,
        });
      } finally {
        logs.destroy();
      }
    });

    test('a customer managed policy attached to the user allows what it says, and a change applies to the next request', async () => {
      const u = await user('managed');
      const logs = new CloudWatchLogsClient(clientConfig(srv.url, u.creds));
      try {
        assert.equal((await sdkError(logs.send(new DescribeLogGroupsCommand({})))).name, 'AccessDeniedException');
        const p = await iam.send(new CreatePolicyCommand({ PolicyName: 'describe', PolicyDocument: doc({ Effect: 'Allow', Action: 'logs:Describe*', Resource: '*' }) }));
        await iam.send(new AttachUserPolicyCommand({ UserName: 'managed', PolicyArn: p.Policy!.Arn! }));
        await logs.send(new DescribeLogGroupsCommand({}));
      } finally {
        logs.destroy();
      }
    });
  });
});
