/**
 * The authorization matrix: real IAM users (their own access keys), role sessions and a second account, driving
 * CloudWatch Logs, KMS, IAM and STS through the SDK v3 clients. Each row names a principal (whose policies are set up
 * in `before`), an operation, a resource and what AWS answers; every denial is asserted word for word.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AssociateKmsKeyCommand,
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  TagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UpdateAccessKeyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CancelKeyDeletionCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  ListGrantsCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { OffsetClock } from '../../src/common/clock.js';
import { clientConfig, devAccount, devCreds, startTestServer, type Creds, type TestServer } from '../helpers/server.js';

const A = devAccount;
const REGION = 'us-east-1';
/** The console key policy of the issue names CloudWatch Logs of Tokyo. */
const TOKYO = 'ap-northeast-1';
const logsArn = (rest: string, region = REGION, account = A) => `arn:aws:logs:${region}:${account}:${rest}`;
const userArn = (name: string, account = A) => `arn:aws:iam::${account}:user/${name}`;
const utf8 = (s: string) => new TextEncoder().encode(s);

const noIdentityPolicy = (who: string, action: string, resource: string) =>
  `User: ${who} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
const explicitDeny = (who: string, action: string, resource: string) =>
  `User: ${who} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in an identity-based policy`;

type Statement = Record<string, unknown>;
const allow = (Action: string | string[], Resource: string | string[] = '*', Condition?: object): Statement =>
  Condition ? { Effect: 'Allow', Action, Resource, Condition } : { Effect: 'Allow', Action, Resource };
const deny = (Action: string | string[], Resource: string | string[] = '*'): Statement => ({ Effect: 'Deny', Action, Resource });
const doc = (...Statement: Statement[]) => JSON.stringify({ Version: '2012-10-17', Statement });

/** The IAM users of account A and their identity policies (the "policies" column of the matrix). */
const USERS: Record<string, { policy?: string; tags?: Record<string, string> }> = {
  nobody: {},
  reader: {
    policy: doc(
      allow('logs:DescribeLogGroups'),
      allow(['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'], logsArn('log-group:app:*')),
    ),
  },
  writer: { policy: doc(allow(['logs:CreateLogStream', 'logs:PutLogEvents'], logsArn('log-group:app:log-stream:*'))) },
  /** Names the group by its bare ARN, as the Service Authorization Reference writes it, without `:*`. */
  bare: { policy: doc(allow(['logs:DescribeLogStreams', 'logs:DeleteLogGroup'], logsArn('log-group:bare'))) },
  operator: { policy: doc(allow(['logs:*', 'iam:*']), deny(['logs:DeleteLogGroup', 'iam:DeleteUser', 'sts:GetCallerIdentity'])) },
  creator: { policy: doc(allow('logs:CreateLogGroup')) },
  tagged: {
    tags: { team: 'blue' },
    policy: doc(allow('logs:PutRetentionPolicy', '*', { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } })),
  },
  regional: { policy: doc(allow('logs:DescribeLogGroups', '*', { StringEquals: { 'aws:RequestedRegion': REGION } })) },
  tagger: { policy: doc(allow('logs:TagResource', '*', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } })) },
  assumer: { policy: doc(allow('sts:AssumeRole', `arn:aws:iam::${A}:role/deployer`)) },
  selfservice: { policy: doc(allow(['iam:ListAccessKeys', 'iam:CreateAccessKey'], `arn:aws:iam::${A}:user/\${aws:username}`)) },
  teamadmin: { policy: doc(allow('iam:*', `arn:aws:iam::${A}:user/team/*`)) },
  retired: { policy: doc(allow('*')) },
  'cloudwatch-logs-kms-admin': {},
  'cloudwatch-logs-kms-user': {},
};

/** The key policy the KMS console generates for the key administrator and key user (CloudWatch Logs of Tokyo). */
function consoleKeyPolicy(): string {
  const people = (name: string) => userArn(name);
  const useKey = { AWS: people('cloudwatch-logs-kms-user'), Service: `logs.${TOKYO}.amazonaws.com` };
  return JSON.stringify({
    Id: 'key-consolepolicy-3',
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Allow access for Key Administrators',
        Effect: 'Allow',
        Principal: { AWS: people('cloudwatch-logs-kms-admin') },
        Action: [
          'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*',
          'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion',
        ],
        Resource: '*',
      },
      {
        Sid: 'Allow use of the key',
        Effect: 'Allow',
        Principal: useKey,
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
      },
      {
        Sid: 'Allow attachment of persistent resources',
        Effect: 'Allow',
        Principal: useKey,
        Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        Resource: '*',
        Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
    ],
  });
}

interface Clients {
  logs: CloudWatchLogsClient;
  tokyoLogs: CloudWatchLogsClient;
  kms: KMSClient;
  tokyoKms: KMSClient;
  euLogs: CloudWatchLogsClient;
  iam: IAMClient;
  sts: STSClient;
}

/** An AWS error as the SDK surfaces it (the Query services' unmodelled codes come in `Code`). */
async function failure(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (e) {
    const err = e as Error & { Code?: string };
    return { code: err.Code ?? err.name, message: err.message };
  }
  assert.fail('the call succeeded; a denial was expected');
}

describe('Authorization matrix: users, role sessions and accounts through the SDK v3', () => {
  let srv: TestServer;
  const clock = new OffsetClock();
  const made: { destroy(): void }[] = [];
  const creds: Record<string, Creds> = {};
  const as: Record<string, Clients> = {};
  let B = '';
  let sharedKeyArn = '';
  let consoleKeyArn = '';
  let root: Clients;

  const clientsFor = (c: Creds): Clients => {
    const cfg = (region: string) => clientConfig(srv.url, c, region, clock);
    const out: Clients = {
      logs: new CloudWatchLogsClient(cfg(REGION)),
      tokyoLogs: new CloudWatchLogsClient(cfg(TOKYO)),
      euLogs: new CloudWatchLogsClient(cfg('eu-west-1')),
      kms: new KMSClient(cfg(REGION)),
      tokyoKms: new KMSClient(cfg(TOKYO)),
      iam: new IAMClient(cfg(REGION)),
      sts: new STSClient(cfg(REGION)),
    };
    made.push(...Object.values(out));
    return out;
  };

  async function createUser(iam: IAMClient, name: string, policy?: string, tags?: Record<string, string>): Promise<Creds> {
    await iam.send(new CreateUserCommand({ UserName: name }));
    if (policy) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'matrix', PolicyDocument: policy }));
    if (tags) await iam.send(new TagUserCommand({ UserName: name, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
    const k = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
  }

  async function setUpLogs(): Promise<void> {
    for (const [name, tags] of [['app', { team: 'blue' }], ['other', undefined], ['bare', undefined], ['red', { team: 'red' }]] as const) {
      await root.logs.send(new CreateLogGroupCommand({ logGroupName: name, tags }));
    }
    await root.logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 's1' }));
    await root.logs.send(new CreateLogStreamCommand({ logGroupName: 'other', logStreamName: 's1' }));
    await root.logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 's1', logEvents: [{ timestamp: clock.now(), message: 'hello' }] }));
  }

  async function setUpRoleSession(): Promise<void> {
    const trust = doc({ Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' });
    await root.iam.send(new CreateRoleCommand({ RoleName: 'deployer', AssumeRolePolicyDocument: trust }));
    await root.iam.send(new PutRolePolicyCommand({ RoleName: 'deployer', PolicyName: 'deploy', PolicyDocument: doc(allow('logs:CreateLogGroup', 'arn:aws:logs:*:*:log-group:deploy-*')) }));
    const c = (await as.assumer!.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/deployer`, RoleSessionName: 's1' }))).Credentials!;
    as.deployer = clientsFor({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
  }

  /** Account B trusts nothing of A's but may use A's shared key: A's key policy names B, B's IAM must allow too. */
  async function setUpOtherAccount(): Promise<void> {
    B = await srv.server.app.accounts.createAccount();
    const k = await srv.server.app.accounts.createRootAccessKey(B);
    const bRoot = clientsFor({ accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey });
    const keyPolicy = doc(
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Partner account', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey'], Resource: '*' },
      { Sid: 'No decryption by the partner', Effect: 'Deny', Principal: { AWS: userArn('partner', B) }, Action: 'kms:Decrypt', Resource: '*' },
    );
    // The key policy names B's user, which must exist first.
    as.partner = clientsFor(await createUser(bRoot.iam, 'partner'));
    as['partner-none'] = clientsFor(await createUser(bRoot.iam, 'partner-none'));
    sharedKeyArn = (await root.kms.send(new CreateKeyCommand({ Policy: keyPolicy }))).KeyMetadata!.Arn!;
    const partnerPolicy = doc(allow(['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey'], sharedKeyArn));
    await bRoot.iam.send(new PutUserPolicyCommand({ UserName: 'partner', PolicyName: 'use-shared-key', PolicyDocument: partnerPolicy }));
  }

  before(async () => {
    srv = await startTestServer({ clock });
    root = clientsFor(devCreds);
    for (const [name, u] of Object.entries(USERS)) {
      creds[name] = await createUser(root.iam, name, u.policy, u.tags);
      as[name] = clientsFor(creds[name]!);
    }
    await setUpLogs();
    await setUpRoleSession();
    await setUpOtherAccount();
    consoleKeyArn = (await root.tokyoKms.send(new CreateKeyCommand({ Policy: consoleKeyPolicy() }))).KeyMetadata!.Arn!;
  });

  after(async () => {
    for (const c of made) c.destroy();
    await srv.dispose();
  });

  interface Row {
    principal: string;
    operation: string;
    resource: string;
    run: (c: Clients) => Promise<unknown>;
    /** `allowed`, or the error code and a function of the principal's ARN giving AWS's message. */
    expected: 'allowed' | { code: string; message: (who: string) => string };
  }

  /** Role sessions among the principals, by the ARN their requests carry. */
  const sessionArns: Record<string, string> = {
    deployer: `arn:aws:sts::${A}:assumed-role/deployer/s1`,
    keyrole: `arn:aws:sts::${A}:assumed-role/keyrole/after`,
  };
  const arnOf = (principal: string) =>
    sessionArns[principal] !== undefined
      ? sessionArns[principal]
      : principal.startsWith('partner')
        ? userArn(principal, B)
        : userArn(principal);

  /** One test per row, named after what the user sees. */
  function rows(list: Row[]): void {
    for (const r of list) {
      const outcome = r.expected === 'allowed' ? 'is allowed' : `is refused with ${r.expected.code}`;
      test(`${r.principal}: ${r.operation} on ${r.resource} ${outcome}`, async () => {
        const call = r.run(as[r.principal]!);
        if (r.expected === 'allowed') {
          await call;
          return;
        }
        assert.deepEqual(await failure(call), { code: r.expected.code, message: r.expected.message(arnOf(r.principal)) });
      });
    }
  }

  const logsDenied = (action: string, resource: string) => ({ code: 'AccessDeniedException', message: (who: string) => noIdentityPolicy(who, action, resource) });
  const logsExplicit = (action: string, resource: string) => ({ code: 'AccessDeniedException', message: (who: string) => explicitDeny(who, action, resource) });
  const iamDenied = (action: string, resource: string) => ({ code: 'AccessDenied', message: (who: string) => noIdentityPolicy(who, action, resource) });
  const kmsDenied = (action: string, key: () => string) => ({ code: 'AccessDeniedException', message: (who: string) => noIdentityPolicy(who, action, key()) });

  describe('CloudWatch Logs', () => {
    const group = (name: string) => logsArn(`log-group:${name}:log-stream:`);
    rows([
      { principal: 'reader', operation: 'DescribeLogGroups', resource: '*', run: (c) => c.logs.send(new DescribeLogGroupsCommand({})), expected: 'allowed' },
      {
        principal: 'nobody',
        operation: 'DescribeLogGroups',
        resource: '*',
        run: (c) => c.logs.send(new DescribeLogGroupsCommand({})),
        expected: logsDenied('logs:DescribeLogGroups', logsArn('log-group::log-stream:')),
      },
      { principal: 'reader', operation: 'DescribeLogStreams', resource: 'app', run: (c) => c.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'app' })), expected: 'allowed' },
      {
        principal: 'reader',
        operation: 'DescribeLogStreams',
        resource: 'other',
        run: (c) => c.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'other' })),
        expected: logsDenied('logs:DescribeLogStreams', group('other')),
      },
      {
        principal: 'reader',
        operation: 'GetLogEvents',
        resource: 'app/s1',
        run: async (c) => assert.equal((await c.logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: 's1', startFromHead: true }))).events?.[0]?.message, 'hello'),
        expected: 'allowed',
      },
      { principal: 'reader', operation: 'FilterLogEvents', resource: 'app (by ARN)', run: (c) => c.logs.send(new FilterLogEventsCommand({ logGroupIdentifier: logsArn('log-group:app') })), expected: 'allowed' },
      {
        principal: 'reader',
        operation: 'PutLogEvents',
        resource: 'app/s1',
        run: (c) => c.logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 's1', logEvents: [{ timestamp: clock.now(), message: 'x' }] })),
        expected: logsDenied('logs:PutLogEvents', logsArn('log-group:app:log-stream:s1')),
      },
      {
        principal: 'writer',
        operation: 'PutLogEvents',
        resource: 'app/s1',
        run: (c) => c.logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 's1', logEvents: [{ timestamp: clock.now(), message: 'from writer' }] })),
        expected: 'allowed',
      },
      { principal: 'writer', operation: 'CreateLogStream', resource: 'app/s2', run: (c) => c.logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 's2' })), expected: 'allowed' },
      {
        principal: 'writer',
        operation: 'CreateLogStream',
        resource: 'other/s2',
        run: (c) => c.logs.send(new CreateLogStreamCommand({ logGroupName: 'other', logStreamName: 's2' })),
        expected: logsDenied('logs:CreateLogStream', logsArn('log-group:other:log-stream:s2')),
      },
      {
        principal: 'writer',
        operation: 'CreateLogGroup',
        resource: 'new',
        run: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: 'new' })),
        expected: logsDenied('logs:CreateLogGroup', group('new')),
      },
      {
        principal: 'bare',
        operation: 'DescribeLogStreams',
        resource: 'bare (policy without :*)',
        run: (c) => c.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'bare' })),
        expected: logsDenied('logs:DescribeLogStreams', group('bare')),
      },
      { principal: 'bare', operation: 'DeleteLogGroup', resource: 'bare (its bare ARN)', run: (c) => c.logs.send(new DeleteLogGroupCommand({ logGroupName: 'bare' })), expected: 'allowed' },
      { principal: 'operator', operation: 'CreateLogGroup', resource: 'ops', run: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: 'ops' })), expected: 'allowed' },
      {
        principal: 'operator',
        operation: 'DeleteLogGroup',
        resource: 'ops (denied explicitly)',
        run: (c) => c.logs.send(new DeleteLogGroupCommand({ logGroupName: 'ops' })),
        expected: logsExplicit('logs:DeleteLogGroup', logsArn('log-group:ops')),
      },
      { principal: 'creator', operation: 'CreateLogGroup', resource: 'plain', run: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: 'plain' })), expected: 'allowed' },
      {
        principal: 'creator',
        operation: 'CreateLogGroup with tags',
        resource: 'tagged-new',
        run: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: 'tagged-new', tags: { team: 'blue' } })),
        expected: {
          code: 'AccessDeniedException',
          message: () => `User with accountId: ${A} is not authorized to perform CreateLogGroup with Tags. An additional permission "logs:TagResource" is required.`,
        },
      },
      {
        principal: 'tagged',
        operation: 'PutRetentionPolicy',
        resource: 'app (team=blue, as the caller)',
        run: (c) => c.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'app', retentionInDays: 7 })),
        expected: 'allowed',
      },
      {
        principal: 'tagged',
        operation: 'PutRetentionPolicy',
        resource: 'red (team=red)',
        run: (c) => c.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'red', retentionInDays: 7 })),
        expected: logsDenied('logs:PutRetentionPolicy', group('red')),
      },
      { principal: 'regional', operation: 'DescribeLogGroups', resource: `* in ${REGION}`, run: (c) => c.logs.send(new DescribeLogGroupsCommand({})), expected: 'allowed' },
      {
        principal: 'regional',
        operation: 'DescribeLogGroups',
        resource: '* in eu-west-1',
        run: (c) => c.euLogs.send(new DescribeLogGroupsCommand({})),
        expected: logsDenied('logs:DescribeLogGroups', logsArn('log-group::log-stream:', 'eu-west-1')),
      },
      { principal: 'tagger', operation: 'TagResource', resource: 'other with key team', run: (c) => c.logs.send(new TagResourceCommand({ resourceArn: logsArn('log-group:other'), tags: { team: 'x' } })), expected: 'allowed' },
      {
        principal: 'tagger',
        operation: 'TagResource',
        resource: 'other with key owner',
        run: (c) => c.logs.send(new TagResourceCommand({ resourceArn: logsArn('log-group:other'), tags: { owner: 'x' } })),
        expected: logsDenied('logs:TagResource', logsArn('log-group:other')),
      },
      { principal: 'deployer', operation: 'CreateLogGroup', resource: 'deploy-1', run: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: 'deploy-1' })), expected: 'allowed' },
      {
        principal: 'deployer',
        operation: 'CreateLogGroup',
        resource: 'prod',
        run: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: 'prod' })),
        expected: logsDenied('logs:CreateLogGroup', group('prod')),
      },
      {
        principal: 'nobody',
        operation: 'AssociateKmsKey',
        resource: 'app',
        run: (c) => c.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'app', kmsKeyId: sharedKeyArn })),
        expected: logsDenied('logs:AssociateKmsKey', logsArn('log-group:app')),
      },
    ]);
  });

  describe('KMS: a key shared with another account', () => {
    let blob: Uint8Array;
    before(async () => {
      blob = (await root.kms.send(new EncryptCommand({ KeyId: sharedKeyArn, Plaintext: utf8('shared') }))).CiphertextBlob!;
    });
    rows([
      { principal: 'partner', operation: 'Encrypt', resource: "A's key", run: (c) => c.kms.send(new EncryptCommand({ KeyId: sharedKeyArn, Plaintext: utf8('x') })), expected: 'allowed' },
      {
        principal: 'partner-none',
        operation: 'Encrypt',
        resource: "A's key (B's IAM allows nothing)",
        run: (c) => c.kms.send(new EncryptCommand({ KeyId: sharedKeyArn, Plaintext: utf8('x') })),
        expected: kmsDenied('kms:Encrypt', () => sharedKeyArn),
      },
      {
        principal: 'partner',
        operation: 'Decrypt',
        resource: "A's key (denied by the key policy)",
        run: (c) => c.kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: sharedKeyArn })),
        expected: {
          code: 'AccessDeniedException',
          message: (who) => `User: ${who} is not authorized to perform: kms:Decrypt on resource: ${sharedKeyArn} with an explicit deny in a resource-based policy`,
        },
      },
      {
        principal: 'reader',
        operation: 'Encrypt',
        resource: "A's key (no IAM policy for KMS)",
        run: (c) => c.kms.send(new EncryptCommand({ KeyId: sharedKeyArn, Plaintext: utf8('x') })),
        expected: kmsDenied('kms:Encrypt', () => sharedKeyArn),
      },
    ]);
  });

  describe('KMS: the console key policy naming a key administrator and a key user', () => {
    let blob: Uint8Array;
    before(async () => {
      blob = (await as['cloudwatch-logs-kms-user']!.tokyoKms.send(new EncryptCommand({ KeyId: consoleKeyArn, Plaintext: utf8('k') }))).CiphertextBlob!;
    });
    const admin = 'cloudwatch-logs-kms-admin';
    const user = 'cloudwatch-logs-kms-user';
    const key = () => consoleKeyArn;
    rows([
      { principal: admin, operation: 'DescribeKey', resource: 'the key', run: (c) => c.tokyoKms.send(new DescribeKeyCommand({ KeyId: consoleKeyArn })), expected: 'allowed' },
      { principal: admin, operation: 'GetKeyPolicy', resource: 'the key', run: (c) => c.tokyoKms.send(new GetKeyPolicyCommand({ KeyId: consoleKeyArn })), expected: 'allowed' },
      {
        principal: admin,
        operation: 'Encrypt',
        resource: 'the key (administrators may not use it)',
        run: (c) => c.tokyoKms.send(new EncryptCommand({ KeyId: consoleKeyArn, Plaintext: utf8('x') })),
        expected: kmsDenied('kms:Encrypt', key),
      },
      {
        principal: admin,
        operation: 'Decrypt',
        resource: 'the key',
        run: (c) => c.tokyoKms.send(new DecryptCommand({ CiphertextBlob: blob })),
        expected: kmsDenied('kms:Decrypt', key),
      },
      { principal: user, operation: 'GenerateDataKey', resource: 'the key', run: (c) => c.tokyoKms.send(new GenerateDataKeyCommand({ KeyId: consoleKeyArn, KeySpec: 'AES_256' })), expected: 'allowed' },
      {
        principal: user,
        operation: 'Decrypt',
        resource: 'the key',
        run: async (c) => assert.deepEqual((await c.tokyoKms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext, utf8('k')),
        expected: 'allowed',
      },
      {
        principal: user,
        operation: 'ScheduleKeyDeletion',
        resource: 'the key (users may not manage it)',
        run: (c) => c.tokyoKms.send(new ScheduleKeyDeletionCommand({ KeyId: consoleKeyArn, PendingWindowInDays: 7 })),
        expected: kmsDenied('kms:ScheduleKeyDeletion', key),
      },
      {
        principal: user,
        operation: 'CreateGrant',
        resource: 'the key (a grant not for an AWS resource)',
        run: (c) => c.tokyoKms.send(new CreateGrantCommand({ KeyId: consoleKeyArn, GranteePrincipal: userArn(user), Operations: ['Decrypt'] })),
        expected: kmsDenied('kms:CreateGrant', key),
      },
      {
        principal: user,
        operation: 'ListGrants',
        resource: 'the key',
        run: (c) => c.tokyoKms.send(new ListGrantsCommand({ KeyId: consoleKeyArn })),
        expected: kmsDenied('kms:ListGrants', key),
      },
      {
        principal: admin,
        operation: 'ScheduleKeyDeletion, CancelKeyDeletion and EnableKey',
        resource: 'the key',
        run: async (c) => {
          await c.tokyoKms.send(new ScheduleKeyDeletionCommand({ KeyId: consoleKeyArn, PendingWindowInDays: 7 }));
          await c.tokyoKms.send(new CancelKeyDeletionCommand({ KeyId: consoleKeyArn }));
          await c.tokyoKms.send(new EnableKeyCommand({ KeyId: consoleKeyArn }));
        },
        expected: 'allowed',
      },
    ]);

    test('CloudWatch Logs of Tokyo may use the key: a group encrypted with it is written and read by IAM users', async () => {
      await root.tokyoLogs.send(new CreateLogGroupCommand({ logGroupName: 'enc' }));
      await root.tokyoLogs.send(new AssociateKmsKeyCommand({ logGroupName: 'enc', kmsKeyId: consoleKeyArn }));
      await root.tokyoLogs.send(new CreateLogStreamCommand({ logGroupName: 'enc', logStreamName: 's' }));
      await as.operator!.tokyoLogs.send(new PutLogEventsCommand({ logGroupName: 'enc', logStreamName: 's', logEvents: [{ timestamp: clock.now(), message: 'secret' }] }));
      const out = await as.operator!.tokyoLogs.send(new GetLogEventsCommand({ logGroupName: 'enc', logStreamName: 's', startFromHead: true }));
      assert.deepEqual(out.events?.map((e) => e.message), ['secret']);
    });

    test('a key policy naming an IAM group is refused with MalformedPolicyDocumentException, as KMS refuses it', async () => {
      const policy = consoleKeyPolicy().replace(`user/${admin}`, 'group/admins');
      assert.deepEqual(await failure(root.tokyoKms.send(new PutKeyPolicyCommand({ KeyId: consoleKeyArn, PolicyName: 'default', Policy: policy }))), {
        code: 'MalformedPolicyDocumentException',
        message: 'Policy contains a statement with one or more invalid principals.',
      });
    });

    test('a key policy naming a user that does not exist is refused likewise', async () => {
      const policy = consoleKeyPolicy().replace(`user/${admin}`, 'user/no-such-admin');
      assert.deepEqual(await failure(root.tokyoKms.send(new CreateKeyCommand({ Policy: policy }))), {
        code: 'MalformedPolicyDocumentException',
        message: 'Policy contains a statement with one or more invalid principals.',
      });
    });
  });

  describe('IAM and STS', () => {
    const policyArn = `arn:aws:iam::${A}:policy/p1`;
    before(async () => {
      await root.iam.send(new CreatePolicyCommand({ PolicyName: 'p1', PolicyDocument: doc(allow('logs:*')) }));
    });
    rows([
      { principal: 'nobody', operation: 'ListUsers', resource: '/', run: (c) => c.iam.send(new ListUsersCommand({})), expected: iamDenied('iam:ListUsers', `arn:aws:iam::${A}:user/`) },
      { principal: 'nobody', operation: 'GetUser', resource: 'reader', run: (c) => c.iam.send(new GetUserCommand({ UserName: 'reader' })), expected: iamDenied('iam:GetUser', 'user reader') },
      { principal: 'nobody', operation: 'GetUser', resource: 'itself', run: (c) => c.iam.send(new GetUserCommand({})), expected: iamDenied('iam:GetUser', 'user nobody') },
      { principal: 'nobody', operation: 'CreateAccessKey', resource: 'itself', run: (c) => c.iam.send(new CreateAccessKeyCommand({})), expected: iamDenied('iam:CreateAccessKey', 'user nullnobody') },
      { principal: 'selfservice', operation: 'ListAccessKeys', resource: 'itself (${aws:username})', run: (c) => c.iam.send(new ListAccessKeysCommand({})), expected: 'allowed' },
      {
        principal: 'selfservice',
        operation: 'ListAccessKeys',
        resource: 'reader',
        run: (c) => c.iam.send(new ListAccessKeysCommand({ UserName: 'reader' })),
        expected: iamDenied('iam:ListAccessKeys', 'user reader'),
      },
      { principal: 'teamadmin', operation: 'CreateUser', resource: '/team/member', run: (c) => c.iam.send(new CreateUserCommand({ UserName: 'member', Path: '/team/' })), expected: 'allowed' },
      {
        principal: 'teamadmin',
        operation: 'CreateUser',
        resource: '/outsider',
        run: (c) => c.iam.send(new CreateUserCommand({ UserName: 'outsider' })),
        expected: iamDenied('iam:CreateUser', userArn('outsider')),
      },
      {
        principal: 'teamadmin',
        operation: 'CreatePolicy',
        resource: 'p2',
        run: (c) => c.iam.send(new CreatePolicyCommand({ PolicyName: 'p2', PolicyDocument: doc(allow('logs:*')) })),
        expected: iamDenied('iam:CreatePolicy', 'policy p2'),
      },
      { principal: 'nobody', operation: 'GetRole', resource: 'deployer', run: (c) => c.iam.send(new GetRoleCommand({ RoleName: 'deployer' })), expected: iamDenied('iam:GetRole', 'role deployer') },
      { principal: 'nobody', operation: 'GetPolicy', resource: 'p1', run: (c) => c.iam.send(new GetPolicyCommand({ PolicyArn: policyArn })), expected: iamDenied('iam:GetPolicy', `policy ${policyArn}`) },
      { principal: 'nobody', operation: 'ListPolicies', resource: '/', run: (c) => c.iam.send(new ListPoliciesCommand({})), expected: iamDenied('iam:ListPolicies', 'policy path /') },
      {
        principal: 'operator',
        operation: 'DeleteUser',
        resource: 'nobody (denied explicitly)',
        run: (c) => c.iam.send(new DeleteUserCommand({ UserName: 'nobody' })),
        expected: { code: 'AccessDenied', message: (who) => explicitDeny(who, 'iam:DeleteUser', 'user nobody') },
      },
      { principal: 'operator', operation: 'GetCallerIdentity', resource: '* (denied explicitly, answered anyway)', run: (c) => c.sts.send(new GetCallerIdentityCommand({})), expected: 'allowed' },
      { principal: 'nobody', operation: 'GetSessionToken', resource: '*', run: (c) => c.sts.send(new GetSessionTokenCommand({})), expected: 'allowed' },
      {
        principal: 'nobody',
        operation: 'AssumeRole',
        resource: 'deployer (trust names the account only)',
        run: (c) => c.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/deployer`, RoleSessionName: 'nobody-session' })),
        expected: { code: 'AccessDenied', message: (who) => `User: ${who} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/deployer` },
      },
      {
        principal: 'deployer',
        operation: 'ListUsers',
        resource: '/ (as a role session)',
        run: (c) => c.iam.send(new ListUsersCommand({})),
        expected: iamDenied('iam:ListUsers', `arn:aws:iam::${A}:user/`),
      },
    ]);

    test("session credentials from GetSessionToken carry the user's own permissions", async () => {
      const c = (await as.reader!.sts.send(new GetSessionTokenCommand({}))).Credentials!;
      const session = clientsFor({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
      await session.logs.send(new DescribeLogGroupsCommand({}));
      assert.deepEqual(await failure(session.logs.send(new CreateLogGroupCommand({ logGroupName: 'x' }))), {
        code: 'AccessDeniedException',
        message: noIdentityPolicy(userArn('reader'), 'logs:CreateLogGroup', logsArn('log-group:x:log-stream:')),
      });
    });
  });

  /**
   * Principals by unique id: a key policy, a trust policy or a grant naming a user or role names that principal, not
   * whoever later gets its name. Each principal is deleted and re-created with the same name before its row runs.
   */
  describe('Re-created principals: a key policy, trust policy or grant naming a deleted principal names nobody', () => {
    let keyArn = '';
    let grantKeyArn = '';
    let ids: Record<string, string> = {};

    /** Deletes a user (its access keys first) and creates it again with a new access key: same ARN, new unique id. */
    async function recreateUser(name: string): Promise<void> {
      for (const k of (await root.iam.send(new ListAccessKeysCommand({ UserName: name }))).AccessKeyMetadata ?? []) {
        await root.iam.send(new DeleteAccessKeyCommand({ UserName: name, AccessKeyId: k.AccessKeyId! }));
      }
      await root.iam.send(new DeleteUserCommand({ UserName: name }));
      as[name] = clientsFor(await createUser(root.iam, name));
    }

    before(async () => {
      for (const name of ['zed', 'grantee', 'truster']) as[name] = clientsFor(await createUser(root.iam, name));
      // The role is assumed by `assumer` (its identity policy allows sts:AssumeRole on role/deployer only).
      const assumerPolicy = doc(allow('sts:AssumeRole', `arn:aws:iam::${A}:role/*`));
      await root.iam.send(new PutUserPolicyCommand({ UserName: 'assumer', PolicyName: 'matrix', PolicyDocument: assumerPolicy }));
      const trustAccount = doc({ Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' });
      await root.iam.send(new CreateRoleCommand({ RoleName: 'keyrole', AssumeRolePolicyDocument: trustAccount }));
      // A role whose trust policy names the user `truster` itself (no identity policy needed in the same account).
      const trustUser = doc({ Effect: 'Allow', Principal: { AWS: userArn('truster') }, Action: 'sts:AssumeRole' });
      await root.iam.send(new CreateRoleCommand({ RoleName: 'trusting', AssumeRolePolicyDocument: trustUser }));
      const keyPolicy = doc(
        { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' },
        { Sid: 'zed', Effect: 'Allow', Principal: { AWS: userArn('zed') }, Action: 'kms:Encrypt', Resource: '*' },
        { Sid: 'keyrole', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:role/keyrole` }, Action: 'kms:Encrypt', Resource: '*' },
      );
      keyArn = (await root.kms.send(new CreateKeyCommand({ Policy: keyPolicy }))).KeyMetadata!.Arn!;
      grantKeyArn = (await root.kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
      await root.kms.send(new CreateGrantCommand({ KeyId: grantKeyArn, GranteePrincipal: userArn('grantee'), Operations: ['Encrypt'] }));
      // Each principal works before it is re-created.
      await as.zed!.kms.send(new EncryptCommand({ KeyId: keyArn, Plaintext: utf8('x') }));
      await as.grantee!.kms.send(new EncryptCommand({ KeyId: grantKeyArn, Plaintext: utf8('x') }));
      const session = await as.assumer!.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/keyrole`, RoleSessionName: 'before' }));
      const c = session.Credentials!;
      await clientsFor({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).kms.send(
        new EncryptCommand({ KeyId: keyArn, Plaintext: utf8('x') }),
      );
      await as.truster!.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/trusting`, RoleSessionName: 'before' }));
      ids = {
        zed: (await root.iam.send(new GetUserCommand({ UserName: 'zed' }))).User!.UserId!,
        grantee: (await root.iam.send(new GetUserCommand({ UserName: 'grantee' }))).User!.UserId!,
        truster: (await root.iam.send(new GetUserCommand({ UserName: 'truster' }))).User!.UserId!,
        keyrole: (await root.iam.send(new GetRoleCommand({ RoleName: 'keyrole' }))).Role!.RoleId!,
      };
      // Re-created under the same names.
      for (const name of ['zed', 'grantee', 'truster']) await recreateUser(name);
      await root.iam.send(new DeleteRoleCommand({ RoleName: 'keyrole' }));
      await root.iam.send(new CreateRoleCommand({ RoleName: 'keyrole', AssumeRolePolicyDocument: trustAccount }));
      const again = (await as.assumer!.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/keyrole`, RoleSessionName: 'after' }))).Credentials!;
      as.keyrole = clientsFor({ accessKeyId: again.AccessKeyId!, secretAccessKey: again.SecretAccessKey!, sessionToken: again.SessionToken! });
    });

    rows([
      {
        principal: 'zed',
        operation: 'Encrypt',
        resource: 'a key whose policy named the deleted zed',
        run: (c) => c.kms.send(new EncryptCommand({ KeyId: keyArn, Plaintext: utf8('x') })),
        expected: kmsDenied('kms:Encrypt', () => keyArn),
      },
      {
        principal: 'keyrole',
        operation: 'Encrypt',
        resource: 'a key whose policy named the deleted role keyrole',
        run: (c) => c.kms.send(new EncryptCommand({ KeyId: keyArn, Plaintext: utf8('x') })),
        expected: kmsDenied('kms:Encrypt', () => keyArn),
      },
      {
        principal: 'grantee',
        operation: 'Encrypt',
        resource: 'a key with a grant for the deleted grantee',
        run: (c) => c.kms.send(new EncryptCommand({ KeyId: grantKeyArn, Plaintext: utf8('x') })),
        expected: kmsDenied('kms:Encrypt', () => grantKeyArn),
      },
      {
        principal: 'truster',
        operation: 'AssumeRole',
        resource: 'a role whose trust policy named the deleted truster',
        run: (c) => c.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/trusting`, RoleSessionName: 'after' })),
        expected: { code: 'AccessDenied', message: (w) => `User: ${w} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/trusting` },
      },
    ]);

    test('GetKeyPolicy shows the unique ids of the deleted user and role where the policy named their ARNs', async () => {
      const policy = JSON.parse((await root.kms.send(new GetKeyPolicyCommand({ KeyId: keyArn }))).Policy!);
      const principals = policy.Statement.map((s: { Principal: { AWS: string } }) => s.Principal.AWS);
      assert.deepEqual(principals, [`arn:aws:iam::${A}:root`, ids.zed, ids.keyrole]);
    });

    test('GetRole shows the unique id of the deleted user in the trust policy, ListGrants that of the deleted grantee', async () => {
      const role = (await root.iam.send(new GetRoleCommand({ RoleName: 'trusting' }))).Role!;
      assert.deepEqual(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)).Statement[0].Principal, { AWS: ids.truster });
      const grants = (await root.kms.send(new ListGrantsCommand({ KeyId: grantKeyArn }))).Grants!;
      assert.deepEqual(grants.map((g) => g.GranteePrincipal), [ids.grantee]);
    });

    test('naming the re-created principals again binds the policies to them', async () => {
      await root.iam.send(
        new UpdateAssumeRolePolicyCommand({ RoleName: 'trusting', PolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: userArn('truster') }, Action: 'sts:AssumeRole' }) }),
      );
      await as.truster!.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/trusting`, RoleSessionName: 'again' }));
      const policy = doc(
        { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' },
        { Sid: 'zed', Effect: 'Allow', Principal: { AWS: userArn('zed') }, Action: 'kms:Encrypt', Resource: '*' },
      );
      await root.kms.send(new PutKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default', Policy: policy }));
      await as.zed!.kms.send(new EncryptCommand({ KeyId: keyArn, Plaintext: utf8('x') }));
      // While the principals exist, GetKeyPolicy returns the document as it was written.
      assert.equal((await root.kms.send(new GetKeyPolicyCommand({ KeyId: keyArn }))).Policy, policy);
    });
  });

  /**
   * Global condition keys per credential kind: `aws:MultiFactorAuthPresent` is false for temporary credentials
   * obtained without MFA and absent for long-term access keys. Three keys each deny kms:Encrypt to everyone under
   * one MFA condition; every credential kind tries each.
   */
  describe('Credential kinds × MFA conditions in a key policy and in identity policies', () => {
    const kinds = ['dev-creds', 'root-key', 'user-key', 'role-session', 'root-session', 'user-session'] as const;
    type Kind = (typeof kinds)[number];
    const temporary = new Set<Kind>(['role-session', 'root-session', 'user-session']);
    const conditions = {
      'Bool aws:MultiFactorAuthPresent false': { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
      'BoolIfExists aws:MultiFactorAuthPresent false': { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      'Null aws:MultiFactorAuthPresent true': { Null: { 'aws:MultiFactorAuthPresent': 'true' } },
      'Bool aws:MultiFactorAuthPresent false and aws:ViaAWSService false': { Bool: { 'aws:MultiFactorAuthPresent': 'false', 'aws:ViaAWSService': 'false' } },
      'Null aws:TokenIssueTime false': { Null: { 'aws:TokenIssueTime': 'false' } },
      'NumericGreaterThanIfExists aws:MultiFactorAuthAge 3600': { NumericGreaterThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } },
    } as const;
    type Condition = keyof typeof conditions;
    /** Whether the Deny applies to a credential kind, as AWS documents the keys. */
    const denies: Record<Condition, (k: Kind) => boolean> = {
      'Bool aws:MultiFactorAuthPresent false': (k) => temporary.has(k),
      'BoolIfExists aws:MultiFactorAuthPresent false': () => true,
      'Null aws:MultiFactorAuthPresent true': (k) => !temporary.has(k),
      'Bool aws:MultiFactorAuthPresent false and aws:ViaAWSService false': (k) => temporary.has(k),
      'Null aws:TokenIssueTime false': (k) => temporary.has(k),
      // No MFA, no aws:MultiFactorAuthAge: IfExists makes the condition true for every kind.
      'NumericGreaterThanIfExists aws:MultiFactorAuthAge 3600': () => true,
    };
    const keys: Partial<Record<Condition, string>> = {};
    const session = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Creds => ({
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    });
    const kindArn: Record<Kind, () => string> = {
      'dev-creds': () => `arn:aws:iam::${A}:root`,
      'root-key': () => `arn:aws:iam::${A}:root`,
      'user-key': () => userArn('mfa-user'),
      'role-session': () => `arn:aws:sts::${A}:assumed-role/mfa-role/mfa-session`,
      'root-session': () => `arn:aws:iam::${A}:root`,
      'user-session': () => userArn('mfa-user'),
    };
    let guardedKey = '';

    before(async () => {
      const rootKey = await srv.server.app.accounts.createRootAccessKey(A);
      as['dev-creds'] = root;
      as['root-key'] = clientsFor({ accessKeyId: rootKey.accessKeyId, secretAccessKey: rootKey.secretAccessKey });
      as['user-key'] = clientsFor(await createUser(root.iam, 'mfa-user'));
      await root.iam.send(new CreateRoleCommand({ RoleName: 'mfa-role', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' }) }));
      as['role-session'] = clientsFor(session((await root.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/mfa-role`, RoleSessionName: 'mfa-session' }))).Credentials!));
      as['root-session'] = clientsFor(session((await as['root-key']!.sts.send(new GetSessionTokenCommand({}))).Credentials!));
      as['user-session'] = clientsFor(session((await as['user-key']!.sts.send(new GetSessionTokenCommand({}))).Credentials!));
      for (const [name, condition] of Object.entries(conditions) as [Condition, object][]) {
        const policy = doc(
          { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' },
          { Sid: 'Everyone of the account', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': A } } },
          { Sid: 'MFA guard', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:Encrypt', Resource: '*', Condition: condition },
        );
        keys[name] = (await root.kms.send(new CreateKeyCommand({ Policy: policy, Description: name }))).KeyMetadata!.Arn!;
      }
      // The identity-policy form of the usual guard, on a key whose policy delegates to IAM.
      guardedKey = (await root.kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
      const guard = { Effect: 'Deny', Action: ['kms:Encrypt', 'logs:DescribeLogGroups'], Resource: '*', Condition: conditions['Bool aws:MultiFactorAuthPresent false'] };
      const identity = doc(allow(['kms:Encrypt', 'logs:DescribeLogGroups']), guard);
      as['guarded-user-key'] = clientsFor(await createUser(root.iam, 'mfa-guarded', identity));
      const trust = doc({ Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' });
      await root.iam.send(new CreateRoleCommand({ RoleName: 'mfa-guarded-role', AssumeRolePolicyDocument: trust }));
      await root.iam.send(new PutRolePolicyCommand({ RoleName: 'mfa-guarded-role', PolicyName: 'mfa-guard', PolicyDocument: identity }));
      const assumed = await root.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/mfa-guarded-role`, RoleSessionName: 'guarded' }));
      as['guarded-role-session'] = clientsFor(session(assumed.Credentials!));
      as['guarded-user-session'] = clientsFor(session((await as['guarded-user-key']!.sts.send(new GetSessionTokenCommand({}))).Credentials!));
    });
    const guardedArn: Record<string, string> = {
      'guarded-user-key': userArn('mfa-guarded'),
      'guarded-user-session': userArn('mfa-guarded'),
      'guarded-role-session': `arn:aws:sts::${A}:assumed-role/mfa-guarded-role/guarded`,
    };

    for (const kind of kinds) {
      for (const name of Object.keys(conditions) as Condition[]) {
        const denied = denies[name](kind);
        test(`${kind}: Encrypt under a key policy denying when ${name} ${denied ? 'is refused with AccessDeniedException' : 'is allowed'}`, async () => {
          const call = as[kind]!.kms.send(new EncryptCommand({ KeyId: keys[name]!, Plaintext: utf8('x') }));
          if (!denied) {
            await call;
            return;
          }
          assert.deepEqual(await failure(call), {
            code: 'AccessDeniedException',
            message: `User: ${kindArn[kind]()} is not authorized to perform: kms:Encrypt on resource: ${keys[name]} with an explicit deny in a resource-based policy`,
          });
        });
      }
    }

    for (const kind of ['guarded-user-key', 'guarded-user-session', 'guarded-role-session'] as const) {
      const denied = kind !== 'guarded-user-key';
      test(`${kind}: Encrypt and DescribeLogGroups under an identity policy denying without MFA ${denied ? 'are refused' : 'are allowed'}`, async () => {
        const encrypt = as[kind]!.kms.send(new EncryptCommand({ KeyId: guardedKey, Plaintext: utf8('x') }));
        const describe = as[kind]!.logs.send(new DescribeLogGroupsCommand({}));
        if (!denied) {
          await encrypt;
          await describe;
          return;
        }
        assert.deepEqual(await failure(encrypt), { code: 'AccessDeniedException', message: explicitDeny(guardedArn[kind]!, 'kms:Encrypt', guardedKey) });
        assert.deepEqual(await failure(describe), {
          code: 'AccessDeniedException',
          message: explicitDeny(guardedArn[kind]!, 'logs:DescribeLogGroups', logsArn('log-group::log-stream:')),
        });
      });
    }
  });

  // Last: the clock moves on here, and clients made before it would sign with a stale time.
  describe('SigV4: credentials that no longer work', () => {
    test('an access key made Inactive is refused before any policy is read, in each protocol', async () => {
      const key = creds.retired!;
      await as.retired!.logs.send(new DescribeLogGroupsCommand({}));
      await root.iam.send(new UpdateAccessKeyCommand({ UserName: 'retired', AccessKeyId: key.accessKeyId, Status: 'Inactive' }));
      const invalid = 'The security token included in the request is invalid.';
      assert.deepEqual(await failure(as.retired!.logs.send(new DescribeLogGroupsCommand({}))), { code: 'UnrecognizedClientException', message: invalid });
      assert.deepEqual(await failure(as.retired!.kms.send(new EncryptCommand({ KeyId: sharedKeyArn, Plaintext: utf8('x') }))), { code: 'UnrecognizedClientException', message: invalid });
      assert.deepEqual(await failure(as.retired!.iam.send(new GetUserCommand({}))), { code: 'InvalidClientTokenId', message: invalid });
    });

    test('role session credentials past their expiry are refused with ExpiredToken(Exception)', async () => {
      const c = (await as.assumer!.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/deployer`, RoleSessionName: 'short', DurationSeconds: 900 }))).Credentials!;
      const sessionCreds = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
      await clientsFor(sessionCreds).logs.send(new CreateLogGroupCommand({ logGroupName: 'deploy-before-expiry' }));
      clock.advance(16 * 60_000);
      const late = clientsFor(sessionCreds);
      const expired = 'The security token included in the request is expired';
      assert.deepEqual(await failure(late.logs.send(new CreateLogGroupCommand({ logGroupName: 'deploy-after-expiry' }))), { code: 'ExpiredTokenException', message: expired });
      assert.deepEqual(await failure(late.kms.send(new DescribeKeyCommand({ KeyId: sharedKeyArn }))), { code: 'ExpiredTokenException', message: expired });
      assert.deepEqual(await failure(late.iam.send(new ListUsersCommand({}))), { code: 'ExpiredToken', message: expired });
    });
  });
});
