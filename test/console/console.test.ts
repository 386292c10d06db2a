/**
 * The web console in a real browser (Debian's chromium through playwright-core) against a real dev server, as a
 * person uses it. The console is built by `npm run build` (or `npx vite build --config console/vite.config.ts`);
 * this test builds nothing. Screenshots of each main page at 1400×900 and 390×844 go to test-results/console/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogAnomalyDetectorCommand,
  ListTagsForResourceCommand,
  ListAnomaliesCommand,
  CreateLogAnomalyDetectorCommand,
  PutQueryDefinitionCommand,
  ListLogAnomalyDetectorsCommand,
  PutLogEventsCommand,
  StartLiveTailCommand,
  type Anomaly,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateUserCommand, GetRoleCommand, GetUserPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListGrantsCommand,
} from '@aws-sdk/client-kms';
import { ANOMALY_TASK_NAME } from '../../src/anomaly/service/scheduler.js';
import { LIVE_TAIL_MAX_SESSION_MS } from '../../src/logs/liveTail/session.js';
import { MAX_LIVE_TAIL_SESSIONS } from '../../src/logs/ops/startLiveTail.js';
import { OffsetClock } from '../../src/common/clock.js';
import { BUILT, CHROMIUM, CHROMIUM_ARGS, chromiumSkip, SHOTS, SIZES, shoot } from './browser.js';
import { policyLintCases } from '../kms/policyLintCases.js';
import { clientConfig, devAccount, startTestServer, type TestServer } from '../helpers/server.js';

const REGION = 'us-east-1';

describe('web console', { skip: chromiumSkip }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let kms: KMSClient;
  let logs: CloudWatchLogsClient;
  let iam: IAMClient;
  /**
   * The server's clock, moved forward past a detector's window. The browser and the SDK clients keep signing with the
   * real time, which the server accepts within SigV4's 15 minutes of skew.
   */
  const clock = new OffsetClock();
  let base: string;
  /** The key created through the wizard with the CloudWatch Logs statement. */
  let logsKeyId = '';
  let logsKeyArn = '';
  /** Uncaught script errors of the page, checked by the last test. */
  const pageErrors: string[] = [];

  before(async () => {
    assert.ok(existsSync(BUILT), `the console is not built (${BUILT} is missing): run npm run build`);
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer({ dev: true, clock });
    base = `${server.url}/console`;
    kms = new KMSClient(clientConfig(server.url));
    logs = new CloudWatchLogsClient(clientConfig(server.url));
    iam = new IAMClient(clientConfig(server.url));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: SIZES[0] });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  /** Waits for an action's confirmation; when the page shows an error instead, fails with it rather than a timeout. */
  async function confirmed(text: string): Promise<void> {
    const done = page.getByText(text);
    const failed = page.getByRole('alert');
    await done.or(failed).first().waitFor();
    if (!(await done.isVisible())) assert.fail(`expected "${text}"; the page shows: ${await failed.first().textContent()}`);
  }

  /** Waits until a condition of what the page did holds (checked every 50 ms), failing after 15 s with what was awaited. */
  async function until(cond: () => boolean, what: string): Promise<void> {
    for (let waited = 0; !cond(); waited += 50) {
      if (waited > 15_000) assert.fail(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Reads the page until the reading passes `ok` (every 50 ms, 15 s at most) and returns it, passing or not: a list
   * still being replaced (the next page, a search) is read once it has changed, and the caller's assertion judges it.
   */
  async function settled<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
    let value = await read();
    for (let waited = 0; !ok(value) && waited <= 15_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      value = await read();
    }
    return value;
  }

  async function open(path: string, heading: string | RegExp): Promise<void> {
    await page.goto(`${base}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  describe('serving', () => {
    it('serves the console page at /console/ and redirects /console to it', async () => {
      const res = await fetch(`${server.url}/console`, { redirect: 'manual' });
      assert.equal(res.status, 301);
      assert.equal(res.headers.get('location'), '/console/');
      const page = await fetch(`${server.url}/console/keys`);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
      // `--dev` tells the page, which then offers the dev credentials.
      assert.match(await page.text(), /<meta name="logseal-dev" content="1" \/>/);
    });
  });

  describe('sign-in', () => {
    it('pre-fills test/test in dev mode and signs in through STS', async () => {
      await page.goto(`${base}/`);
      await page.getByRole('heading', { name: 'Sign in to logseal' }).waitFor();
      assert.equal(await page.getByLabel('Access key ID').inputValue(), 'test');
      assert.equal(await page.getByLabel('Secret access key').inputValue(), 'test');
      assert.equal(await page.getByLabel('Region').inputValue(), REGION);
      await shoot(page, 'sign-in');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Encryption overview' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/console/');
      await page.getByText(`Account ${devAccount}`, { exact: true }).waitFor();
    });

    it('shows the error AWS answers for a wrong secret', async () => {
      const context = await browser.newContext({ viewport: SIZES[0] });
      const other = await context.newPage();
      try {
        await other.goto(`${base}/`);
        await other.getByLabel('Secret access key').fill('wrong');
        await other.getByRole('button', { name: 'Sign in' }).click();
        const alert = other.getByRole('alert');
        await alert.getByText('Sign-in failed').waitFor();
        assert.equal(await alert.locator('.error-code').textContent(), 'SignatureDoesNotMatch');
      } finally {
        await context.close();
      }
    });
  });

  describe('keys', () => {
    it('creates a key with the CloudWatch Logs checkbox, an administrator picked from IAM, and a tag', async () => {
      await iam.send(new CreateUserCommand({ UserName: 'alice' }));
      await open('/keys/new', 'Create a key');
      await page.getByLabel('Alias (optional)').fill('app-logs');
      await page.getByLabel('Description (optional)').fill('Log groups of the app');
      await page.getByRole('button', { name: 'Add a tag' }).click();
      await page.getByLabel('Tag 1 key').fill('team');
      await page.getByLabel('Tag 1 value').fill('platform');
      await page.getByRole('group', { name: '3. Key administrators' }).getByLabel('User alice').check();
      await page.getByLabel(`Allow CloudWatch Logs in ${REGION} to use this key`).check();
      const preview = page.getByLabel('Key policy that will be created');
      assert.match((await preview.textContent()) ?? '', /"Service": "logs\.us-east-1\.amazonaws\.com"/);
      await shoot(page, 'create-key');
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.getByRole('heading', { level: 1, name: 'Key alias/app-logs' }).waitFor();

      const alias = (await kms.send(new ListAliasesCommand({}))).Aliases?.find((a) => a.AliasName === 'alias/app-logs');
      assert.ok(alias?.TargetKeyId, 'alias/app-logs exists');
      logsKeyId = alias.TargetKeyId;
      const meta = (await kms.send(new DescribeKeyCommand({ KeyId: logsKeyId }))).KeyMetadata!;
      logsKeyArn = meta.Arn!;
      assert.equal(meta.KeySpec, 'SYMMETRIC_DEFAULT');
      assert.equal(meta.Origin, 'AWS_KMS');
      assert.equal(meta.Description, 'Log groups of the app');
      const policy = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: logsKeyId, PolicyName: 'default' }))).Policy!);
      assert.deepEqual(policy.Statement[1].Principal, { AWS: [`arn:aws:iam::${devAccount}:user/alice`] });
      assert.deepEqual(policy.Statement[2], {
        Sid: 'Allow CloudWatch Logs to use the key',
        Effect: 'Allow',
        Principal: { Service: 'logs.us-east-1.amazonaws.com' },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${devAccount}:log-group:*` } },
      });
    });

    it('lists keys with alias, state, spec and rotation', async () => {
      await open('/keys', 'Keys');
      const row = page.getByRole('row').filter({ hasText: 'alias/app-logs' });
      await row.waitFor();
      assert.deepEqual(await row.getByRole('cell').allTextContents(), ['alias/app-logs', logsKeyId, 'Enabled', 'SYMMETRIC_DEFAULT', 'Off', 'Log groups of the app']);
      await shoot(page, 'keys');
    });

    it('disables and enables a key from its page', async () => {
      await open(`/keys/${logsKeyId}`, 'Key alias/app-logs');
      await shoot(page, 'key-detail');
      await page.getByRole('button', { name: 'Disable key' }).click();
      const confirm = page.getByRole('group', { name: 'Confirm disabling the key' });
      await confirm.getByText(`Disable ${logsKeyId}?`).waitFor();
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: logsKeyId }))).KeyMetadata?.KeyState, 'Enabled', 'cancelling changes nothing');
      await page.getByRole('button', { name: 'Disable key' }).click();
      await shoot(page, 'key-disable-confirm');
      await page.getByRole('button', { name: 'Yes, disable the key' }).click();
      await page.getByText('The key is disabled.').waitFor();
      assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: logsKeyId }))).KeyMetadata?.KeyState, 'Disabled');
      await page.getByRole('button', { name: 'Enable key' }).click();
      await page.getByText('The key is enabled.').waitFor();
      assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: logsKeyId }))).KeyMetadata?.KeyState, 'Enabled');
    });

    it("lists the key's grants and revokes one after a confirmation", async () => {
      const grant = await kms.send(
        new CreateGrantCommand({ KeyId: logsKeyId, GranteePrincipal: `arn:aws:iam::${devAccount}:user/alice`, Operations: ['Decrypt', 'Encrypt'], Name: 'app-grant' }),
      );
      await open(`/keys/${logsKeyId}`, 'Key alias/app-logs');
      const row = page.getByRole('region', { name: 'Grants table' }).getByRole('row').filter({ hasText: 'app-grant' });
      await row.waitFor();
      const cells = await row.getByRole('cell').allTextContents();
      assert.deepEqual(cells.slice(1, 3), [`arn:aws:iam::${devAccount}:user/alice`, 'Decrypt, Encrypt']);
      await shoot(page, 'key-grants');
      await page.getByRole('button', { name: 'Revoke app-grant' }).click();
      await page.getByRole('button', { name: 'Confirm: revoke app-grant' }).click();
      await confirmed(`The grant ${grant.GrantId} is revoked.`);
      await page.getByText('The key has no grants.').waitFor();
      assert.deepEqual((await kms.send(new ListGrantsCommand({ KeyId: logsKeyId }))).Grants, []);
    });

    it('turns rotation on with a period', async () => {
      await open(`/keys/${logsKeyId}`, 'Key alias/app-logs');
      await page.getByLabel('Rotate the key automatically').check();
      await page.getByLabel('Rotation period in days').fill('180');
      await page.getByRole('button', { name: 'Save rotation' }).click();
      await page.getByText('Automatic rotation is on, every 180 days.').waitFor();
      const r = await kms.send(new GetKeyRotationStatusCommand({ KeyId: logsKeyId }));
      assert.equal(r.KeyRotationEnabled, true);
      assert.equal(r.RotationPeriodInDays, 180);
    });

    it('refuses a malformed policy in the editor before sending it, and shows the error KMS answers', async () => {
      await open(`/keys/${logsKeyId}`, 'Key alias/app-logs');
      const editor = page.getByLabel('Key policy (JSON)');
      await editor.fill('{"Version": "2012-10-17", "Statement": []}');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page.getByText('"Statement" is empty: the key would allow nobody anything.').waitFor();
      await page.getByText('The policy was not saved: fix the problems KMS refuses first').waitFor();
      // Well-formed, but it would lock the caller out: KMS's own answer is shown.
      const lockout = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${devAccount}:user/alice` }, Action: 'kms:*', Resource: '*' }] };
      await editor.fill(JSON.stringify(lockout));
      await page.locator('.lint-list li[data-code="lockout"]').waitFor();
      await page.getByRole('button', { name: 'Save policy' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'KMS refused the policy' });
      await alert.waitFor();
      assert.equal(await alert.locator('.error-code').textContent(), 'MalformedPolicyDocumentException');
      assert.equal(await alert.locator('.error-message').textContent(), 'The new key policy will not allow you to update the key policy in the future.');
      const policy = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: logsKeyId, PolicyName: 'default' }))).Policy!);
      assert.equal(policy.Statement.length, 3, 'the policy is unchanged');
    });

    it('checks the key policy as it is typed, pointing at each mistake with its line, column and path', async () => {
      await open(`/keys/${logsKeyId}`, 'Key alias/app-logs');
      const editor = page.getByLabel('Key policy (JSON)');
      const { GOOD, MISTAKES } = policyLintCases(devAccount);
      await editor.fill(GOOD);
      await page.getByText('The policy checker finds no problem.').waitFor();
      for (const m of MISTAKES) {
        await editor.fill(GOOD.replace(m.from, m.to));
        const item = page.locator(`.lint-list li[data-code="${m.code}"]`);
        await item.waitFor();
        assert.equal(await page.locator('.lint-list li').count(), 1, `${m.name}: ${await page.locator('.lint-list').textContent()}`);
        const text = (await item.textContent()) ?? '';
        assert.ok(text.includes(`Line ${m.line}, column ${m.column}`), `${m.name}: ${text}`);
        assert.ok(text.includes(m.path), `${m.name}: ${text}`);
        assert.match(text, m.says);
        if (m.code === 'condition-operator') {
          await shoot(page, 'key-policy-lint');
          // Choosing the problem puts the cursor on it.
          await item.getByRole('button').click();
          const at = await editor.evaluate((el) => (el as unknown as { selectionStart: number }).selectionStart);
          assert.equal(GOOD.replace(m.from, m.to).slice(at, at + 10), '"ArnLikee"');
        }
      }
      await page.getByRole('button', { name: 'Discard changes' }).click();
      await page.getByText('The policy checker finds no problem.').waitFor();
    });

    it('schedules deletion (30 days by default) after a warning, and cancels it', async () => {
      const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
      await open(`/keys/${keyId}`, `Key ${keyId}`);
      assert.equal(await page.getByLabel('Waiting period in days').inputValue(), '30');
      await page.getByText('Deleting a key cannot be undone.').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Schedule deletion' }).isDisabled(), true);
      await page.getByLabel('I understand that data encrypted under this key becomes unreadable once it is deleted').check();
      await page.getByRole('button', { name: 'Schedule deletion' }).click();
      await page.getByRole('button', { name: 'Cancel deletion' }).waitFor();
      const pending = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
      assert.equal(pending.KeyState, 'PendingDeletion');
      const days = (pending.DeletionDate!.getTime() - Date.now()) / 86_400_000;
      assert.ok(days > 29.9 && days <= 30.01, `deletion in ${days} days`);
      await page.getByRole('button', { name: 'Cancel deletion' }).click();
      await page.getByText('Deletion is cancelled. The key is disabled.').waitFor();
      assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState, 'Disabled');
    });
  });

  describe('policy check', () => {
    it('answers no for a key without the statement, names what is missing, and fixes it in one click', async () => {
      const keyId = (await kms.send(new CreateKeyCommand({ Description: 'no logs statement' }))).KeyMetadata!.KeyId!;
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/no-logs', TargetKeyId: keyId }));
      await open('/policy-check', 'Can CloudWatch Logs use this key here?');
      await page.getByLabel('Key').selectOption({ label: 'alias/no-logs (Enabled)' });
      await page.getByLabel('Log group or anomaly detector').fill('/app/web');
      await page.getByRole('button', { name: 'Check' }).click();
      await page.getByRole('heading', { level: 2, name: 'No' }).waitFor();
      await page.getByText('No statement allows: kms:Encrypt, kms:Decrypt, kms:ReEncryptFrom, kms:GenerateDataKey, kms:DescribeKey.').waitFor();
      await shoot(page, 'policy-check');
      await page.getByRole('button', { name: 'Add this statement to the key policy' }).click();
      await page.getByRole('heading', { level: 2, name: 'Yes' }).waitFor();
      const policy = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy!);
      assert.deepEqual(
        policy.Statement.map((s: { Sid: string }) => s.Sid),
        ['Enable IAM User Permissions', 'Allow CloudWatch Logs to use the key'],
      );
    });

    it('answers no for an anomaly detector when only log groups are allowed', async () => {
      const detector = `arn:aws:logs:${REGION}:${devAccount}:anomaly-detector:00000000-0000-4000-8000-000000000000`;
      await open(`/policy-check?key=${logsKeyId}&target=${encodeURIComponent(detector)}`, 'Can CloudWatch Logs use this key here?');
      await page.getByRole('heading', { level: 2, name: 'No' }).waitFor();
      await page
        .getByText(`Statement 3 ("Allow CloudWatch Logs to use the key"): its condition ArnLike on kms:EncryptionContext:aws:logs:arn ("arn:aws:logs:${REGION}:${devAccount}:log-group:*") does not match "${detector}".`)
        .waitFor();
    });
  });

  describe('log groups and events', () => {
    const group = '/app/web';

    it('creates an encrypted log group with a key picked from the list', async () => {
      await open('/log-groups/new', 'Create a log group');
      await page.getByLabel('Name').fill(group);
      await page.getByLabel('Encryption key').selectOption({ label: `alias/app-logs — ${logsKeyId}` });
      await page.getByText("The key's policy lets CloudWatch Logs use this key for this log group.").waitFor();
      await page.getByLabel('Retention').selectOption({ label: '30 days' });
      await shoot(page, 'create-log-group');
      await page.getByRole('button', { name: 'Create log group' }).click();
      await page.getByRole('heading', { level: 1, name: `Log group ${group}` }).waitFor();
      const g = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.[0];
      assert.equal(g?.kmsKeyId, logsKeyArn);
      assert.equal(g?.retentionInDays, 30);
      await shoot(page, 'log-group');
    });

    it('lists log groups with their encryption, and filters those without a customer key', async () => {
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'placeholder' })).catch(() => undefined);
      await open('/log-groups', 'Log groups');
      const row = page.getByRole('row').filter({ hasText: group });
      await row.waitFor();
      assert.deepEqual((await row.getByRole('cell').allTextContents()).slice(0, 3), [group, 'alias/app-logs', '30 days']);
      await shoot(page, 'log-groups');
      await page.getByLabel('Show only log groups not encrypted with a customer key').check();
      await page.getByText('Every log group is encrypted with a customer key.').waitFor();
    });

    it('finds events with a filter pattern, and names the key when it makes them unreadable', async () => {
      const now = Date.now();
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'web-1' }));
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: 'web-1',
          logEvents: [
            { timestamp: now - 3000, message: 'GET /health 200' },
            { timestamp: now - 2000, message: 'ERROR disk full on /var' },
            { timestamp: now - 1000, message: 'GET /index.html 200' },
          ],
        }),
      );
      await open(`/events?group=${encodeURIComponent(group)}`, `Events of ${group}`);
      await page.getByLabel('Filter pattern').fill('ERROR');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('heading', { level: 2, name: '1 event' }).waitFor();
      await page.getByRole('cell', { name: 'ERROR disk full on /var' }).waitFor();
      assert.equal(await page.getByRole('cell', { name: 'GET /health 200' }).count(), 0);
      await shoot(page, 'events');

      // The stream field offers the streams whose name starts with what is typed, and searches only the one picked.
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'worker-7' }));
      await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'worker-7', logEvents: [{ timestamp: now - 500, message: 'ERROR worker queue stalled' }] }));
      await page.getByLabel('Log stream').fill('work');
      await page.locator('datalist option[value="worker-7"]').waitFor({ state: 'attached' });
      assert.equal(await page.locator('datalist option[value="web-1"]').count(), 0);
      await page.getByLabel('Log stream').fill('worker-7');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('cell', { name: 'ERROR worker queue stalled' }).waitFor();
      assert.equal(await page.getByRole('cell', { name: 'ERROR disk full on /var' }).count(), 0);
      await page.getByLabel('Log stream').fill('');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('heading', { level: 2, name: '2 events' }).waitFor();
      await logs.send(new DeleteLogStreamCommand({ logGroupName: group, logStreamName: 'worker-7' }));
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('heading', { level: 2, name: '1 event' }).waitFor();

      // Following live is a Live Tail session (StartLiveTail over the browser SDK's fetch, an AWS event stream).
      const sessions: Request[] = [];
      const finished = new Set<Request>();
      const failed = new Set<Request>();
      const isLiveTail = (r: Request) => r.headers()['x-amz-target'] === 'Logs_20140328.StartLiveTail';
      const onRequest = (r: Request) => void (isLiveTail(r) && sessions.push(r));
      const onFinished = (r: Request) => void (isLiveTail(r) && finished.add(r));
      const onFailed = (r: Request) => void (isLiveTail(r) && failed.add(r));
      page.on('request', onRequest);
      page.on('requestfinished', onFinished);
      page.on('requestfailed', onFailed);
      try {
        await page.getByLabel('Follow new events live').check();
        await until(() => sessions.length === 1, 'a StartLiveTail request');
        assert.equal((await sessions[0]!.response())?.headers()['content-type'], 'application/vnd.amazon.eventstream');
        await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'web-1', logEvents: [{ timestamp: Date.now(), message: 'ERROR disk full again' }] }));
        await page.getByRole('cell', { name: 'ERROR disk full again' }).waitFor();
        await page.getByRole('heading', { level: 2, name: '2 events' }).waitFor();
        // An event sent late, older than every event shown, still appears (polling by time would never ask for it);
        // one the filter pattern does not match does not.
        await logs.send(
          new PutLogEventsCommand({
            logGroupName: group,
            logStreamName: 'web-1',
            logEvents: [
              { timestamp: now - 60_000, message: 'ERROR late from a buffered agent' },
              { timestamp: now - 59_000, message: 'GET /late 200' },
            ],
          }),
        );
        await page.getByRole('cell', { name: 'ERROR late from a buffered agent' }).waitFor();
        await page.getByRole('heading', { level: 2, name: '3 events' }).waitFor();
        assert.equal(await page.getByRole('cell', { name: 'GET /late 200' }).count(), 0);
        assert.equal(sessions.length, 1);

        // A session ends after three hours (by the server's clock); the console starts a new one and keeps following.
        const cap = LIVE_TAIL_MAX_SESSION_MS + 2000;
        clock.advance(cap);
        try {
          await until(() => finished.has(sessions[0]!), 'the first session to end');
        } finally {
          clock.advance(-cap);
        }
        await until(() => sessions.length === 2, 'a second StartLiveTail request');
        await sessions[1]!.response();
        assert.equal(await page.getByText('Following live stopped').count(), 0);
        await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'web-1', logEvents: [{ timestamp: Date.now(), message: 'ERROR after the restart' }] }));
        await page.getByRole('cell', { name: 'ERROR after the restart' }).waitFor();
        await page.getByRole('heading', { level: 2, name: '4 events' }).waitFor();
        await shoot(page, 'events-live');

        // Turning following off ends the session: the browser aborts its request, and the server its stream.
        await page.getByLabel('Follow new events live').uncheck();
        await until(() => failed.has(sessions[1]!), 'the second session to be aborted');
        assert.equal(sessions.length, 2);
        // Leaving the page ends it too.
        await page.getByLabel('Follow new events live').check();
        await until(() => sessions.length === 3, 'a third StartLiveTail request');
        await sessions[2]!.response();
        await page.locator('.crumbs').getByRole('link', { name: group }).click();
        await page.getByRole('heading', { level: 1, name: `Log group ${group}` }).waitFor();
        await until(() => failed.has(sessions[2]!), 'the third session to be aborted when the page is left');
        await open(`/events?group=${encodeURIComponent(group)}`, `Events of ${group}`);
      } finally {
        page.off('request', onRequest);
        page.off('requestfinished', onFinished);
        page.off('requestfailed', onFailed);
      }

      await kms.send(new DisableKeyCommand({ KeyId: logsKeyId }));
      try {
        await page.getByRole('button', { name: 'Search' }).click();
        const panel = page.getByRole('alert').filter({ hasText: 'These events cannot be read because of their KMS key' });
        await panel.waitFor();
        await panel.getByText(logsKeyArn).first().waitFor();
        assert.equal(await panel.locator('.error-code').textContent(), 'DisabledException');
        await panel.getByText('The key is disabled. Enable it again and the events are readable again.').waitFor();
        await shoot(page, 'events-key-disabled');
      } finally {
        await kms.send(new EnableKeyCommand({ KeyId: logsKeyId }));
      }
    });

    it('shows why following live stopped when Live Tail refuses the session, and follows again once it can', async () => {
      // Every Live Tail session the account may hold (15 per account and Region) is taken by another client.
      const tails = new CloudWatchLogsClient({ ...clientConfig(server.url), disableHostPrefix: true });
      const others = new AbortController();
      const groupArn = `arn:aws:logs:${REGION}:${devAccount}:log-group:${group}`;
      try {
        for (let i = 0; i < MAX_LIVE_TAIL_SESSIONS; i++) {
          await tails.send(new StartLiveTailCommand({ logGroupIdentifiers: [groupArn] }), { abortSignal: others.signal });
        }
        await open(`/events?group=${encodeURIComponent(group)}`, `Events of ${group}`);
        await page.getByRole('heading', { level: 2, name: /^\d+ events?$/ }).waitFor();
        // click, not check: the refusal may untick the box before a check could see it ticked.
        await page.getByLabel('Follow new events live').click();
        const panel = page.getByRole('alert').filter({ hasText: 'Following live stopped (StartLiveTail)' });
        await panel.waitFor();
        assert.equal(await panel.locator('.error-code').textContent(), 'LimitExceededException');
        await panel.getByText('The maximum number of concurrent Live Tail sessions (15) has been reached.').waitFor();
        assert.equal(await page.getByLabel('Follow new events live').isChecked(), false);
        await shoot(page, 'events-live-stopped');
      } finally {
        others.abort();
        tails.destroy();
      }
      // Once the other sessions end, following works again (the server frees them when their connections close).
      for (let tries = 0; ; tries++) {
        const box = page.getByLabel('Follow new events live');
        if (!(await box.isChecked())) await box.click();
        const stopped = page.getByText('Following live stopped (StartLiveTail)');
        await page.waitForTimeout(500);
        if (!(await stopped.isVisible())) break;
        assert.ok(tries < 20, 'following live is still refused after the other sessions ended');
      }
      const message = `ERROR followed again ${Date.now()}`;
      await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'web-1', logEvents: [{ timestamp: Date.now(), message }] }));
      await page.getByRole('cell', { name: message }).waitFor();
      await page.getByLabel('Follow new events live').uncheck();
    });

    it('disassociates the key and associates it again, saying what happens to stored events', async () => {
      await open(`/log-group?name=${encodeURIComponent(group)}`, `Log group ${group}`);
      await page.getByText('Events already stored stay encrypted with the key they were written with').waitFor();
      await page.getByRole('button', { name: 'Disassociate key' }).click();
      await confirmed('The key is disassociated. New events are encrypted with the service-owned key.');
      const current = async () => (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.[0];
      assert.equal((await current())?.kmsKeyId, undefined);
      await page.getByLabel('Key to associate').selectOption({ label: `alias/app-logs — ${logsKeyId}` });
      await page.getByRole('button', { name: 'Associate key' }).click();
      await confirmed('The key is associated. New events are encrypted with it.');
      assert.equal((await current())?.kmsKeyId, logsKeyArn);
    });

    it('shows event times with milliseconds and highlights Log groups in the navigation on the Events page', async () => {
      await open(`/events?group=${encodeURIComponent(group)}`, `Events of ${group}`);
      await page.getByRole('button', { name: 'Search' }).click();
      const time = page.getByRole('cell').filter({ hasText: / UTC$/ }).first();
      await time.waitFor();
      assert.match((await time.textContent()) ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} UTC$/);
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log groups' }).getAttribute('aria-current'), 'page');
    });

    it('keeps the filter pattern in the URL and expands JSON messages', async () => {
      await logs.send(
        new PutLogEventsCommand({ logGroupName: group, logStreamName: 'web-1', logEvents: [{ timestamp: Date.now(), message: '{"level":"error","status":500,"path":"/pay"}' }] }),
      );
      await open(`/events?group=${encodeURIComponent(group)}`, `Events of ${group}`);
      await page.getByLabel('Filter pattern').fill('{ $.status = 500 }');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('heading', { level: 2, name: '1 event' }).waitFor();
      assert.equal(new URL(page.url()).searchParams.get('filter'), '{ $.status = 500 }');
      const json = page.locator('details.json-message');
      await json.locator('summary').click();
      await json.locator('pre').getByText('"status": 500').waitFor();
      await shoot(page, 'events-json');
      await page.reload();
      await page.getByRole('heading', { level: 2, name: '1 event' }).waitFor();
      assert.equal(await page.getByLabel('Filter pattern').inputValue(), '{ $.status = 500 }');
    });

    it("warns on the group's page when its key is disabled", async () => {
      await kms.send(new DisableKeyCommand({ KeyId: logsKeyId }));
      try {
        await open(`/log-group?name=${encodeURIComponent(group)}`, `Log group ${group}`);
        const warning = page.getByRole('alert').filter({ hasText: 'The key of this log group cannot be used' });
        await warning.waitFor();
        await warning.getByText(`The key ${logsKeyArn} is disabled.`, { exact: false }).waitFor();
        await warning.getByRole('link', { name: 'Open the key to enable it or cancel its deletion' }).waitFor();
        await shoot(page, 'log-group-key-disabled');
      } finally {
        await kms.send(new EnableKeyCommand({ KeyId: logsKeyId }));
      }
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'Log streams' }).waitFor();
      assert.equal(await page.getByRole('alert').filter({ hasText: 'The key of this log group cannot be used' }).count(), 0);
    });

    it('creates, finds and deletes a stream (after a confirmation), showing first and last event rather than a size', async () => {
      await open(`/log-group?name=${encodeURIComponent(group)}`, `Log group ${group}`);
      await page.getByLabel('New stream name').fill('made-here');
      await page.getByRole('button', { name: 'Create stream' }).click();
      await confirmed('The stream made-here is created.');
      await page.getByRole('link', { name: 'made-here' }).waitFor();
      await page.getByLabel('Streams whose name starts with').fill('made');
      await page.getByRole('button', { name: 'Search streams' }).click();
      await page.getByRole('link', { name: 'web-1' }).waitFor({ state: 'detached' });
      const header = await page.getByRole('region', { name: 'Log streams table' }).getByRole('columnheader').allTextContents();
      assert.deepEqual(header, ['Stream', 'First event', 'Last event', 'Actions']);
      await page.getByRole('button', { name: 'Delete made-here' }).click();
      await page.getByRole('button', { name: 'Confirm: delete made-here and its events' }).click();
      await confirmed('The stream made-here is deleted.');
      const left = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: 'made' }));
      assert.deepEqual(left.logStreams, []);
    });

    it("edits the group's retention and tags", async () => {
      await open(`/log-group?name=${encodeURIComponent(group)}`, `Log group ${group}`);
      await page.getByLabel('Keep events for').selectOption({ label: '90 days' });
      await page.getByRole('button', { name: 'Save retention' }).click();
      await confirmed('Events older than 90 days are now deleted.');
      const retention = async () => (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.[0]?.retentionInDays;
      assert.equal(await retention(), 90);
      await page.getByLabel('Keep events for').selectOption({ label: 'Never expire' });
      await page.getByRole('button', { name: 'Save retention' }).click();
      await confirmed('Events of this group are now kept forever.');
      assert.equal(await retention(), undefined);

      const arn = `arn:aws:logs:${REGION}:${devAccount}:log-group:${group}`;
      await page.getByRole('button', { name: 'Add a tag' }).click();
      await page.getByLabel('Tag 1 key').fill('team');
      await page.getByLabel('Tag 1 value').fill('web');
      await page.getByRole('button', { name: 'Save tags' }).click();
      await confirmed('The tags are saved.');
      assert.deepEqual((await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { team: 'web' });
      await page.getByRole('button', { name: 'Remove tag 1' }).click();
      await page.getByRole('button', { name: 'Save tags' }).click();
      await confirmed('The tags are saved.');
      assert.deepEqual((await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags ?? {}, {});
      await shoot(page, 'log-group-settings');
    });

    it('deletes a log group only after its name is typed', async () => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/doomed' }));
      await open(`/log-group?name=${encodeURIComponent('/app/doomed')}`, 'Log group /app/doomed');
      const button = page.getByRole('button', { name: 'Delete log group' });
      assert.equal(await button.isDisabled(), true);
      await page.getByLabel('Type the log group name (/app/doomed) to confirm').fill('/app/doom');
      assert.equal(await button.isDisabled(), true);
      await page.getByLabel('Type the log group name (/app/doomed) to confirm').fill('/app/doomed');
      await button.click();
      await page.getByRole('heading', { level: 1, name: 'Log groups' }).waitFor();
      assert.deepEqual((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/app/doomed' }))).logGroups, []);
    });

    it('searches log groups by name prefix and pages through them with the server\'s nextToken', async () => {
      for (let i = 0; i < 51; i++) await logs.send(new CreateLogGroupCommand({ logGroupName: `/page/${String(i).padStart(2, '0')}` }));
      await open('/log-groups', 'Log groups');
      await page.getByLabel('Log groups whose name starts with').fill('/page/');
      await page.getByRole('button', { name: 'Search log groups' }).click();
      await page.waitForURL(/prefix=%2Fpage%2F/);
      const rows = page.getByRole('region', { name: 'Log groups table' }).getByRole('row');
      await page.getByRole('link', { name: '/page/49' }).waitFor();
      assert.equal(await rows.count(), 51, 'a header and 50 groups');
      assert.equal(await page.getByRole('button', { name: 'Previous log groups' }).isDisabled(), true);
      await shoot(page, 'log-groups-search');
      await page.getByRole('button', { name: 'Next log groups' }).click();
      await page.getByRole('link', { name: '/page/50' }).waitFor();
      assert.equal(await rows.count(), 2);
      assert.equal(await page.getByRole('button', { name: 'Next log groups' }).isDisabled(), true);
      await page.getByRole('button', { name: 'Previous log groups' }).click();
      await page.getByRole('link', { name: '/page/00' }).waitFor();
      await page.getByLabel('Log groups whose name starts with').fill('/nothing');
      await page.getByRole('button', { name: 'Search log groups' }).click();
      await page.getByText('No log group name starts with "/nothing".').waitFor();
    });

    it('switches region without signing in again', async () => {
      await open('/log-groups', 'Log groups');
      await page.getByRole('link', { name: group }).waitFor();
      await page.getByLabel('Region', { exact: true }).selectOption('eu-west-1');
      await page.getByText('There are no log groups yet.').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Sign out' }).isVisible(), true);
      await page.reload();
      await page.getByText('There are no log groups yet.').waitFor();
      await page.getByLabel('Region', { exact: true }).selectOption(REGION);
      await page.getByRole('link', { name: group }).waitFor();
    });

    it('labels a key without an alias by its id once', async () => {
      const bare = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
      await open('/log-groups/new', 'Create a log group');
      await page.getByLabel('Encryption key').locator(`option[value$="key/${bare}"]`).waitFor({ state: 'attached' });
      const labels = await page.getByLabel('Encryption key').locator('option').allTextContents();
      assert.ok(labels.includes(bare), labels.join(' | '));
      assert.ok(!labels.some((l) => l.includes(`${bare} — ${bare}`)), labels.join(' | '));
    });
  });

  describe('Logs Insights', () => {
    const group = '/app/web';
    const resultsArn = `arn:aws:logs:${REGION}:${devAccount}:query-result:*`;

    it('runs a query over picked groups, charts stats by bin(), saves it and lists it in the history', async () => {
      await open('/insights', 'Logs Insights');
      await page.getByLabel('Log groups').selectOption([group]);
      await page.getByLabel('Time range').selectOption({ label: 'Last hour' });
      await page.getByLabel('Query', { exact: true }).fill('filter @message like /ERROR/ | stats count(*) as n by bin(1m)');
      await page.getByRole('button', { name: 'Run query' }).click();
      const status = page.getByTestId('insights-status');
      await status.or(page.getByRole('alert')).first().waitFor();
      // The ERROR events of the events page's tests: two searched, three followed live.
      assert.match((await status.textContent()) ?? '', /^Complete: 5 of \d+ records matched, \d+ rows\. Results stored encrypted with the service-owned key\.$/);
      await page.getByTestId('insights-chart').waitFor();
      await page.getByRole('region', { name: 'Query results', exact: true }).getByRole('columnheader', { name: 'bin(1m)' }).waitFor();
      await page.getByLabel('Save as').fill('errors per minute');
      await page.getByRole('button', { name: 'Save query' }).click();
      await confirmed('Saved “errors per minute”.');
      await page.getByRole('complementary', { name: 'Saved queries' }).getByRole('button', { name: 'errors per minute' }).waitFor();
      await page.getByRole('region', { name: 'Recent queries' }).getByText('filter @message like /ERROR/ | stats count(*) as n by bin(1m)').waitFor();
      await shoot(page, 'insights');
    });

    it('shows a malformed query as AWS answers it', async () => {
      await page.getByLabel('Query', { exact: true }).fill('stats count(*) by');
      await page.getByRole('button', { name: 'Run query' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'MalformedQueryException' });
      await alert.waitFor();
      await alert.getByText('unexpected symbol found <EOF> at line 1 and position 17').waitFor();
    });

    it('sets the query-result key: refused for a key whose policy allows only log groups, then used for later results', async () => {
      await open('/insights', 'Logs Insights');
      await page.getByLabel('Query results key').selectOption({ label: `alias/app-logs — ${logsKeyId}` });
      await page.getByRole('button', { name: 'Set query results key' }).click();
      await page.getByRole('alert').getByText(`The specified KMS key does not exist or is not allowed to be used with Arn '${resultsArn}'`).waitFor();

      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${devAccount}:root` }, Action: 'kms:*', Resource: '*' },
          { Sid: 'Allow Logs Insights results', Effect: 'Allow', Principal: { Service: `logs.${REGION}.amazonaws.com` }, Action: ['kms:Decrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*', Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': resultsArn } } },
        ],
      });
      const key = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/insights-results', TargetKeyId: key.KeyId }));
      await open('/insights', 'Logs Insights');
      await page.getByLabel('Query results key').selectOption({ label: `alias/insights-results — ${key.KeyId}` });
      await page.getByRole('button', { name: 'Set query results key' }).click();
      await confirmed(`Query results are now encrypted with ${key.Arn}.`);
      await page.getByLabel('Log groups').selectOption([group]);
      await page.getByLabel('Query', { exact: true }).fill('fields @message | limit 1');
      await page.getByRole('button', { name: 'Run query' }).click();
      await page.getByTestId('insights-status').getByText(`Results stored encrypted with ${key.Arn}.`).waitFor();
      await page.getByLabel('Query results key').selectOption({ label: 'Service-owned key (no customer key)' });
      await page.getByRole('button', { name: 'Set query results key' }).click();
      await confirmed('Query results are now encrypted with the service-owned key.');
    });
  });

  describe('anomaly detectors', () => {
    const group = '/app/web';
    const period = 60_000;
    const incident = 'ERROR database connection refused to <*>';
    let detectorArn = '';

    /** Runs the anomaly detection scheduler once, in-process (what the server does every 15 s). */
    async function runScheduler(): Promise<void> {
      const task = server.server.app.background.find((t) => t.name === ANOMALY_TASK_NAME);
      assert.ok(task, 'the server runs the anomaly detection task');
      await task.runOnce();
    }

    const anomalies = async (): Promise<Anomaly[]> => (await logs.send(new ListAnomaliesCommand({ anomalyDetectorArn: detectorArn }))).anomalies ?? [];
    const card = () => page.getByRole('article').filter({ hasText: incident });

    it('creates a detector from the form: log group, frequency, filter pattern, and a key it first lets CloudWatch Logs use', async () => {
      // Three hours of one health check a minute: the history the detector learns from.
      const now = clock.now();
      const history = Array.from({ length: 180 }, (_, i) => ({ timestamp: now - (180 - i) * 60_000, message: `INFO GET /health status=200 latency=${10 + (i % 7)}ms` }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'steady' }));
      await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'steady', logEvents: history }));

      await open('/detectors', 'Anomaly detectors');
      await page.getByText('There are no anomaly detectors yet.').waitFor();
      const keyPicker = page.getByLabel("Key for the detector's findings");
      await keyPicker.selectOption({ label: `alias/app-logs — ${logsKeyId}` });
      // The key only has the log-group statement: the form says so before anything is sent, and links to the fix.
      await page.getByText("The key's policy does not let CloudWatch Logs use this key for anomaly detectors").waitFor();
      await page.getByRole('link', { name: 'See what is missing and fix it' }).click();
      await page.getByRole('heading', { level: 2, name: 'No' }).waitFor();
      await page.getByRole('button', { name: 'Add this statement to the key policy' }).click();
      await page.getByRole('heading', { level: 2, name: 'Yes' }).waitFor();
      const policy = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: logsKeyId, PolicyName: 'default' }))).Policy!);
      assert.equal(policy.Statement.at(-1).Sid, 'Allow CloudWatch Logs anomaly detectors to use the key');

      await open('/detectors', 'Anomaly detectors');
      await page.getByLabel('Name (optional)').fill('web-anomalies');
      await page.getByLabel('Log group', { exact: true }).selectOption({ label: group });
      await page.getByLabel('How often it runs').selectOption({ label: 'Every minute' });
      await page.getByLabel('Filter pattern (optional)').fill('?INFO ?database');
      await keyPicker.selectOption({ label: `alias/app-logs — ${logsKeyId}` });
      await page.getByText("The key's policy lets CloudWatch Logs use this key for anomaly detectors.").waitFor();
      await shoot(page, 'create-detector');
      await page.getByRole('button', { name: 'Create detector' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anomalies of web-anomalies' }).waitFor();
      await page.getByText('No anomalies found yet.', { exact: false }).waitFor();

      const detectors = (await logs.send(new ListLogAnomalyDetectorsCommand({}))).anomalyDetectors ?? [];
      assert.equal(detectors.length, 1);
      const d = detectors[0]!;
      detectorArn = d.anomalyDetectorArn!;
      assert.deepEqual(
        [d.detectorName, d.logGroupArnList, d.evaluationFrequency, d.filterPattern, d.kmsKeyId],
        ['web-anomalies', [`arn:aws:logs:${REGION}:${devAccount}:log-group:${group}`], 'ONE_MIN', '?INFO ?database', logsKeyArn],
      );
      await open('/detectors', 'Anomaly detectors');
      const row = page.getByRole('row').filter({ hasText: 'web-anomalies' });
      await row.waitFor();
      assert.deepEqual((await row.getByRole('cell').allTextContents()).slice(0, 3), ['web-anomalies', group, 'Every minute']);
      await shoot(page, 'detectors');
    });

    it('shows the anomaly the detector finds, with its priority, pattern, histogram and samples', async () => {
      await runScheduler(); // trains on the history
      const now = clock.now();
      const errors = Array.from({ length: 5 }, (_, i) => ({ timestamp: now, message: `ERROR database connection refused to db-${i}.internal:5432` }));
      await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'steady', logEvents: errors }));
      clock.advance(period + 1000); // the window holding the errors ends
      await runScheduler();
      const [found] = await anomalies();
      assert.ok(found, 'the detector found an anomaly');

      await page.getByRole('link', { name: 'web-anomalies' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anomalies of web-anomalies' }).waitFor();
      await card().waitFor();
      assert.equal(await page.getByRole('article').count(), 1);
      assert.equal(await card().getByRole('heading', { level: 2 }).textContent(), 'HIGH priority New pattern: 5 events matched a pattern not seen before.');
      assert.equal(await card().locator('.pattern').textContent(), incident);
      const runEnd = Object.keys(found.histogram!)[0]!;
      assert.deepEqual(found.histogram, { [runEnd]: 5 });
      await card().getByRole('img', { name: /^Occurrences of this anomaly per detector run: 5 occurrences over 1 run from .+, at most 5 in one run\.$/ }).waitFor();
      // The pattern's events per period around the anomaly, counted by a Logs Insights query: 5 in its period, none before.
      const context = card().locator('figure.anomaly-context');
      await context.or(card().getByRole('alert')).first().waitFor();
      const label = (await context.getByRole('img').getAttribute('aria-label')) ?? '';
      assert.match(label, /^Events matching this pattern per minute from .+ to .+: 5 in the period of the anomaly \(highlighted\), 0\.0 on average in the other periods\.$/);
      assert.equal(await context.locator('rect.bar.anomalous').count(), 1);
      await card().getByText('Sample events (', { exact: false }).click();
      await card().getByText('ERROR database connection refused to db-0.internal:5432').waitFor();
      await shoot(page, 'detector');
    });

    it('searches the anomalies by their description, pattern and sample events', async () => {
      const search = page.getByLabel('Anomalies whose description, pattern or sample events contain');
      await search.fill('db-3.internal');
      await page.getByRole('button', { name: 'Search anomalies' }).click();
      await card().waitFor();
      await search.fill('no such text anywhere');
      await page.getByRole('button', { name: 'Search anomalies' }).click();
      await page.getByText('No anomaly mentions "no such text anywhere".').waitFor();
      assert.equal(await page.getByRole('article').count(), 0);
      await search.fill('');
      await page.getByRole('button', { name: 'Search anomalies' }).click();
      await card().waitFor();
    });

    it('suppresses the anomaly for a day, unsuppresses it, and marks it as baseline', async () => {
      await card().getByLabel('Suppress for').selectOption({ label: '1 day' });
      await card().getByRole('button', { name: 'Suppress' }).click();
      await card().getByText('Suppressed for 24 hours.').waitFor();
      let [a] = await anomalies();
      assert.equal(a!.suppressed, true);
      assert.equal(a!.state, 'Suppressed');
      assert.equal(a!.suppressedUntil! - a!.suppressedDate!, 24 * 3_600_000);
      await card().getByText(', suppressed until', { exact: false }).waitFor();

      // The list can show only the suppressed anomalies, or only the others.
      await page.getByLabel('Show').selectOption({ label: 'Not suppressed' });
      await page.getByText('No anomalies that are not suppressed.').waitFor();
      await page.getByLabel('Show').selectOption({ label: 'Suppressed' });
      await card().waitFor();
      await page.getByLabel('Show').selectOption({ label: 'All anomalies' });

      await card().getByRole('button', { name: 'Unsuppress' }).click();
      await card().getByText('No longer suppressed.').waitFor();
      [a] = await anomalies();
      assert.equal(a!.suppressed, false);
      assert.equal(a!.state, 'Active');

      await card().getByRole('button', { name: 'Mark as baseline' }).click();
      await card().getByText('Marked as normal behaviour (baseline).').waitFor();
      [a] = await anomalies();
      assert.equal(a!.state, 'Baseline');
      assert.equal(await card().getByRole('button', { name: 'Mark as baseline' }).isDisabled(), true);
    });

    it("updates the detector's settings, pauses and resumes it, and deletes it after a confirmation", async () => {
      const [d] = (await logs.send(new ListLogAnomalyDetectorsCommand({}))).anomalyDetectors ?? [];
      const arn = d!.anomalyDetectorArn!;
      await page.getByRole('heading', { level: 2, name: 'Detector settings' }).waitFor();
      await page.getByLabel('Runs').selectOption({ label: 'Every 10 minutes' });
      await page.getByLabel('Filter pattern (optional)').fill('ERROR');
      await page.getByLabel('Keep anomalies visible for (days)').fill('30');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await confirmed('The detector is updated.');
      let got = await logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }));
      assert.deepEqual([got.evaluationFrequency, got.filterPattern, got.anomalyVisibilityTime], ['TEN_MIN', 'ERROR', 30]);
      await shoot(page, 'detector-settings');

      await page.getByRole('button', { name: 'Pause detector' }).click();
      await confirmed('The detector is paused.');
      got = await logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }));
      assert.equal(got.anomalyDetectorStatus, 'PAUSED');
      await page.getByRole('button', { name: 'Resume detector' }).click();
      await confirmed('The detector runs again.');
      got = await logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }));
      assert.notEqual(got.anomalyDetectorStatus, 'PAUSED');

      await page.getByRole('button', { name: 'Delete detector' }).click();
      const confirm = page.getByRole('group', { name: 'Confirm deleting the detector' });
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      assert.equal((await logs.send(new ListLogAnomalyDetectorsCommand({}))).anomalyDetectors?.length, 1);
      await page.getByRole('button', { name: 'Delete detector' }).click();
      await confirm.getByRole('button', { name: 'Yes, delete the detector' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anomaly detectors' }).waitFor();
      assert.deepEqual((await logs.send(new ListLogAnomalyDetectorsCommand({}))).anomalyDetectors ?? [], []);
    });

    it("pages through a detector's anomalies with the server's nextToken", async () => {
      const paged = '/app/paged';
      const now = clock.now();
      await logs.send(new CreateLogGroupCommand({ logGroupName: paged }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: paged, logStreamName: 'steady' }));
      const history = Array.from({ length: 180 }, (_, i) => ({ timestamp: now - (180 - i) * 60_000, message: `INFO GET /health status=200 latency=${10 + (i % 7)}ms` }));
      await logs.send(new PutLogEventsCommand({ logGroupName: paged, logStreamName: 'steady', logEvents: history }));
      const d = await logs.send(
        new CreateLogAnomalyDetectorCommand({ logGroupArnList: [`arn:aws:logs:${REGION}:${devAccount}:log-group:${paged}`], detectorName: 'paged-anomalies', evaluationFrequency: 'ONE_MIN' }),
      );
      await runScheduler(); // trains on the history
      // Twelve event types never seen before, each its own new pattern.
      const kinds = [
        'ERROR disk full on volume',
        'FATAL kernel panic while mounting root',
        'WARN certificate expires soon for domain',
        'ERROR payment gateway timeout after retry',
        'CRITICAL replication lag exceeds threshold',
        'ERROR user session store unreachable',
        'WARN cache eviction storm detected',
        'ERROR message queue consumer crashed',
        'FATAL out of memory killing worker',
        'ERROR schema migration failed halfway',
        'WARN clock skew between nodes',
        'ERROR backup upload rejected by storage',
      ];
      const at = clock.now();
      const events = kinds.flatMap((k) => Array.from({ length: 5 }, () => ({ timestamp: at, message: k })));
      await logs.send(new PutLogEventsCommand({ logGroupName: paged, logStreamName: 'steady', logEvents: events }));
      clock.advance(period + 1000);
      await runScheduler();
      const all: Anomaly[] = [];
      let token: string | undefined;
      do {
        const out = await logs.send(new ListAnomaliesCommand({ anomalyDetectorArn: d.anomalyDetectorArn, nextToken: token }));
        all.push(...(out.anomalies ?? []));
        token = out.nextToken;
      } while (token);
      assert.ok(all.length > 10, `the detector reports more anomalies than one page holds (${all.length})`);

      await open(`/detector?arn=${encodeURIComponent(d.anomalyDetectorArn!)}`, 'Anomalies of paged-anomalies');
      await page.getByRole('button', { name: 'Next anomalies' }).waitFor();
      const headings = () => page.getByRole('article').getByRole('heading', { level: 2 }).allTextContents();
      const first = await headings();
      assert.equal(first.length, 10);
      await page.getByRole('button', { name: 'Next anomalies' }).click();
      await page.getByRole('button', { name: 'Previous anomalies' }).and(page.locator(':enabled')).waitFor();
      const second = await headings();
      assert.equal(first.length + second.length, all.length);
      await page.getByRole('button', { name: 'Previous anomalies' }).click();
      await page.getByRole('button', { name: 'Previous anomalies' }).and(page.locator(':disabled')).waitFor();
      assert.deepEqual(await headings(), first);
    });
  });

  describe('encryption overview', () => {
    it('counts log groups and detectors by encryption, and links a group at risk to its fix', async () => {
      await open('/', 'Encryption overview');
      const table = page.getByRole('region', { name: `Encryption in ${REGION}` });
      const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
      await row('Customer key CloudWatch Logs can use').waitFor();
      const before = await row('Customer key CloudWatch Logs can use').getByRole('cell').allTextContents();
      assert.ok(Number(before[0]) >= 1, `log groups with a usable customer key: ${before[0]}`);
      await page.getByText('Nothing is at risk').waitFor();
      await kms.send(new DisableKeyCommand({ KeyId: logsKeyId }));
      try {
        await page.reload();
        const alert = page.getByRole('alert').filter({ hasText: 'at risk' });
        await alert.waitFor();
        const item = page.locator('.risk-list li').filter({ hasText: 'Log group /app/web' });
        await item.getByText('key disabled', { exact: false }).waitFor();
        assert.ok(Number(await row('Key disabled').getByRole('cell').first().textContent()) >= 1);
        await shoot(page, 'overview-at-risk');
        await item.getByRole('link', { name: 'Enable the key' }).click();
        await page.getByRole('heading', { level: 1, name: 'Key alias/app-logs' }).waitFor();
      } finally {
        await kms.send(new EnableKeyCommand({ KeyId: logsKeyId }));
      }
      await open('/', 'Encryption overview');
      await page.getByText('Nothing is at risk').waitFor();
      await shoot(page, 'overview');
    });

    it('shows every region holding log groups or detectors, each line linked to its fix in that region', async () => {
      const west = 'eu-west-2';
      const kmsWest = new KMSClient(clientConfig(server.url, undefined, west));
      const logsWest = new CloudWatchLogsClient(clientConfig(server.url, undefined, west));
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${devAccount}:root` }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Allow', Principal: { Service: `logs.${west}.amazonaws.com` }, Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*' },
        ],
      });
      const made = (await kmsWest.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
      const westKey = made.KeyId!;
      await logsWest.send(new CreateLogGroupCommand({ logGroupName: '/west/orders', kmsKeyId: made.Arn }));
      await logsWest.send(new CreateLogGroupCommand({ logGroupName: '/west/plain' }));
      await kmsWest.send(new DisableKeyCommand({ KeyId: westKey }));
      await open('/', 'Encryption overview');
      await page.getByRole('alert').filter({ hasText: '1 resource at risk in 1 region' }).waitFor();
      const section = page.getByRole('region', { name: `Encryption in ${west}` });
      const row = (name: string) => section.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
      assert.deepEqual(await row('Key disabled').getByRole('cell').allTextContents(), ['1', '0', `Enable the key ${westKey}`]);
      assert.deepEqual((await row('Service-owned key').getByRole('cell').allTextContents()).slice(0, 2), ['1', '0']);
      assert.equal(await page.getByRole('heading', { level: 2, name: /^eu-west-1 / }).count(), 0);
      await page.getByText(/^\d+ regions without log groups or anomaly detectors$/).waitFor();
      await shoot(page, 'overview-regions');
      await row('Key disabled').getByRole('link', { name: `Enable the key ${westKey}` }).click();
      await page.getByRole('heading', { level: 1, name: `Key ${westKey}` }).waitFor();
      assert.equal(await page.getByLabel('Region', { exact: true }).inputValue(), west);
      assert.ok(!page.url().includes('region='), page.url());
      await page.getByRole('button', { name: 'Enable key' }).click();
      await confirmed('The key is enabled.');
      await page.getByRole('link', { name: 'Overview' }).click();
      await page.getByText('Nothing is at risk').waitFor();
      await page.getByRole('region', { name: `Encryption in ${west}` }).getByRole('link', { name: 'Associate a customer key' }).click();
      await page.getByRole('link', { name: '/west/plain' }).waitFor();
      assert.equal(await page.getByRole('link', { name: '/west/orders' }).count(), 0);
      await page.getByLabel('Region', { exact: true }).selectOption(REGION);
      await page.getByRole('link', { name: '/west/plain' }).waitFor({ state: 'detached' });
    });
  });

  describe('search and server paging in every list', () => {
    const bulk: { id: string; arn: string; alias: string }[] = [];
    const aliasOf = (i: number) => `alias/bulk-${String(i).padStart(2, '0')}`;

    before(async () => {
      for (let i = 0; i < 26; i++) {
        const m = (await kms.send(new CreateKeyCommand({ Description: `bulk ${i}` }))).KeyMetadata!;
        await kms.send(new CreateAliasCommand({ AliasName: aliasOf(i), TargetKeyId: m.KeyId }));
        bulk.push({ id: m.KeyId!, arn: m.Arn!, alias: aliasOf(i) });
      }
    });

    /** The first cell (alias) of each row of the keys table. */
    async function keyAliases(): Promise<string[]> {
      const table = page.getByRole('region', { name: 'Keys table' });
      await table.waitFor();
      return table.locator('tbody tr td:first-child').allTextContents();
    }

    it('pages through the keys with the server\'s marker and finds keys by alias across pages', async () => {
      await open('/keys', 'Keys');
      const first = await keyAliases();
      assert.equal(first.length, 25);
      await page.getByRole('button', { name: 'Next keys' }).click();
      await page.getByRole('button', { name: 'Previous keys' }).and(page.locator(':enabled')).waitFor();
      const second = await keyAliases();
      assert.ok(second.length >= 1 && !second.some((a) => first.includes(a) && a !== 'no alias'), `${first} / ${second}`);
      assert.ok([...first, ...second].includes(aliasOf(25)));
      await page.getByRole('button', { name: 'Previous keys' }).click();
      await page.getByRole('button', { name: 'Previous keys' }).and(page.locator(':disabled')).waitFor();
      assert.deepEqual(await keyAliases(), first);

      await page.getByLabel('Keys whose alias or key ID contains').fill('bulk-2');
      await page.getByRole('button', { name: 'Search keys' }).click();
      await page.getByRole('cell', { name: aliasOf(25) }).waitFor();
      assert.deepEqual((await keyAliases()).sort(), [20, 21, 22, 23, 24, 25].map(aliasOf));
      await shoot(page, 'keys-search');
      await page.getByLabel('Keys whose alias or key ID contains').fill(bulk[7]!.id.slice(0, 13));
      await page.getByRole('button', { name: 'Search keys' }).click();
      await page.getByRole('cell', { name: aliasOf(7) }).waitFor();
      assert.deepEqual(await keyAliases(), [aliasOf(7)]);
      await page.getByLabel('Keys whose alias or key ID contains').fill('no-such-alias');
      await page.getByRole('button', { name: 'Search keys' }).click();
      await page.getByText('No key alias or ID contains "no-such-alias".').waitFor();
    });

    it("pages through a key's aliases", async () => {
      const key = bulk[0]!;
      for (let i = 0; i < 21; i++) await kms.send(new CreateAliasCommand({ AliasName: `alias/many-${String(i).padStart(2, '0')}`, TargetKeyId: key.id }));
      await open(`/keys/${key.id}`, /^Key alias\//);
      const shown = () => page.locator('section[aria-labelledby="aliases-h"] li code').allTextContents();
      await page.getByRole('button', { name: 'Next aliases' }).waitFor();
      const first = await settled(shown, (a) => a.length === 20);
      assert.equal(first.length, 20);
      await page.getByRole('button', { name: 'Next aliases' }).click();
      await page.getByRole('button', { name: 'Previous aliases' }).and(page.locator(':enabled')).waitFor();
      const second = await settled(shown, (a) => a.length > 0 && a.every((x) => !first.includes(x)));
      assert.equal(second.length, 2);
      assert.deepEqual([...first, ...second].sort(), [key.alias, ...Array.from({ length: 21 }, (_, i) => `alias/many-${String(i).padStart(2, '0')}`)].sort());
    });

    it("finds a key's grants by grantee principal", async () => {
      const key = bulk[1]!;
      await iam.send(new CreateUserCommand({ UserName: 'grantee-a' }));
      await iam.send(new CreateUserCommand({ UserName: 'grantee-b' }));
      const alice = `arn:aws:iam::${devAccount}:user/grantee-a`;
      const bob = `arn:aws:iam::${devAccount}:user/grantee-b`;
      await kms.send(new CreateGrantCommand({ KeyId: key.id, GranteePrincipal: alice, Operations: ['Decrypt'], Name: 'to-alice' }));
      await kms.send(new CreateGrantCommand({ KeyId: key.id, GranteePrincipal: bob, Operations: ['Encrypt'], Name: 'to-bob' }));
      await open(`/keys/${key.id}`, `Key ${key.alias}`);
      const grants = page.getByRole('region', { name: 'Grants table' });
      await grants.getByText('to-bob', { exact: true }).waitFor();
      assert.equal(await grants.locator('tbody tr').count(), 2);
      await page.getByLabel('Grants to the grantee principal (ARN)').fill(bob);
      await page.getByRole('button', { name: 'Search grants' }).click();
      await grants.getByText('to-alice', { exact: true }).waitFor({ state: 'detached' });
      assert.equal(await grants.locator('tbody tr').count(), 1);
      await grants.getByText('to-bob', { exact: true }).waitFor();
      const carol = `arn:aws:iam::${devAccount}:user/carol`;
      await page.getByLabel('Grants to the grantee principal (ARN)').fill(carol);
      await page.getByRole('button', { name: 'Search grants' }).click();
      await page.getByText(`The key has no grant to ${carol}.`).waitFor();
    });

    it('pages through the detectors and finds them by name or log group', async () => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/bulk/detected' }));
      const groupArn = `arn:aws:logs:${REGION}:${devAccount}:log-group:/bulk/detected`;
      for (let i = 0; i < 26; i++) {
        await logs.send(new CreateLogAnomalyDetectorCommand({ logGroupArnList: [groupArn], detectorName: `bulk-detector-${String(i).padStart(2, '0')}`, evaluationFrequency: 'ONE_HOUR' }));
      }
      await open('/detectors', 'Anomaly detectors');
      const table = page.getByRole('region', { name: 'Anomaly detectors table' });
      const names = () => table.locator('tbody tr td:first-child').allTextContents();
      await table.waitFor();
      const first = await settled(names, (n) => n.length === 25);
      assert.equal(first.length, 25);
      await page.getByRole('button', { name: 'Next detectors' }).click();
      await page.getByRole('button', { name: 'Previous detectors' }).and(page.locator(':enabled')).waitFor();
      const second = await settled(names, (n) => n.length > 0 && n.every((x) => !first.includes(x)));
      let total = 0;
      let token: string | undefined;
      do {
        const out = await logs.send(new ListLogAnomalyDetectorsCommand({ nextToken: token }));
        total += out.anomalyDetectors?.length ?? 0;
        token = out.nextToken;
      } while (token);
      assert.equal(second.length, total - 25);
      assert.ok(second.every((n) => !first.includes(n)), `${first} / ${second}`);
      await page.getByLabel('Detectors whose name or log group contains').fill('detector-1');
      await page.getByRole('button', { name: 'Search detectors' }).click();
      await table.getByText('bulk-detector-19').waitFor();
      assert.deepEqual((await settled(names, (n) => n.length > 0 && n.every((x) => x.startsWith('bulk-detector-1')))).sort(), Array.from({ length: 10 }, (_, i) => `bulk-detector-1${i}`));
      await shoot(page, 'detectors-search');
      await page.getByLabel('Detectors whose name or log group contains').fill('/bulk/detected');
      await page.getByRole('button', { name: 'Search detectors' }).click();
      await table.getByText('paged-anomalies').waitFor({ state: 'detached' });
      await table.getByText('bulk-detector-25').waitFor();
      // Server pages are read until a page's worth of matches is found: here both pages, every bulk detector.
      const found = await names();
      assert.equal(found.length, 26);
      assert.ok(found.every((n) => n.startsWith('bulk-detector-')), found.join(', '));
      await page.getByLabel('Detectors whose name or log group contains').fill('/nowhere');
      await page.getByRole('button', { name: 'Search detectors' }).click();
      await page.getByText('No detector name or log group contains "/nowhere".').waitFor();
    });

    it('finds saved queries by name prefix and filters the query history by status', async () => {
      await logs.send(new PutQueryDefinitionCommand({ name: 'bulk: slow requests', queryString: 'filter latency > 1000' }));
      await open('/insights', 'Logs Insights');
      const saved = page.getByRole('complementary', { name: 'Saved queries' });
      await saved.getByRole('button', { name: 'bulk: slow requests' }).waitFor();
      await saved.getByRole('button', { name: 'errors per minute' }).waitFor();
      await page.getByLabel('Saved queries whose name starts with').fill('bulk');
      await page.getByRole('button', { name: 'Search saved queries' }).click();
      await saved.getByRole('button', { name: 'errors per minute' }).waitFor({ state: 'detached' });
      await saved.getByRole('button', { name: 'bulk: slow requests' }).waitFor();
      await page.getByLabel('Saved queries whose name starts with').fill('zzz');
      await page.getByRole('button', { name: 'Search saved queries' }).click();
      await saved.getByText('No saved query name starts with "zzz".').waitFor();

      const history = page.getByRole('region', { name: 'Recent queries' });
      await history.getByText('Complete').first().waitFor();
      await page.getByLabel('Queries with the status').selectOption('Cancelled');
      await page.getByText('No queries with the status Cancelled.').waitFor();
      await page.getByLabel('Queries with the status').selectOption('Complete');
      await history.getByText('Complete').first().waitFor();
    });
  });

  describe('IAM', () => {
    it('creates an access key and shows its secret once', async () => {
      await open('/iam', 'IAM users and roles');
      await shoot(page, 'iam');
      await page.getByRole('link', { name: 'alice' }).click();
      await page.getByRole('heading', { level: 1, name: 'User alice' }).waitFor();
      await page.getByRole('button', { name: 'Create access key' }).click();
      const secret = page.locator('.secret');
      await secret.waitFor();
      assert.match((await secret.textContent()) ?? '', /^[A-Za-z0-9/+]{40}$/);
      await page.getByRole('button', { name: 'I have stored it; hide it' }).click();
      assert.equal(await page.locator('.secret').count(), 0);
    });

    it('attaches an inline policy to a user, refusing malformed JSON first', async () => {
      // Continues on alice's page from the access-key test.
      await page.getByRole('heading', { level: 1, name: 'User alice' }).waitFor();
      await page.getByLabel('Policy name').fill('read-logs');
      await page.getByLabel('Policy document (JSON)').fill('{"Version": "2012-10-17", "Statement": [');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page.getByText('This is not valid JSON', { exact: false }).waitFor();
      const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:FilterLogEvents', Resource: '*' }] };
      await page.getByLabel('Policy document (JSON)').fill(JSON.stringify(doc));
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page.getByText('The policy read-logs is saved.').waitFor();
      await page.getByText('read-logs', { exact: true }).first().waitFor();
      const saved = await iam.send(new GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'read-logs' }));
      assert.deepEqual(JSON.parse(decodeURIComponent(saved.PolicyDocument!)), doc);
      await shoot(page, 'iam-user');
    });

    it('creates a role with its trust policy, and it is listed with the users', async () => {
      await open('/iam', 'IAM users and roles');
      await page.getByLabel('Role name').fill('log-reader');
      await page.getByRole('button', { name: 'Create role' }).click();
      await page.getByRole('heading', { level: 1, name: 'Role log-reader' }).waitFor();
      const role = await iam.send(new GetRoleCommand({ RoleName: 'log-reader' }));
      const trust = JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!));
      assert.equal(trust.Statement[0].Action, 'sts:AssumeRole');
      await open('/iam', 'IAM users and roles');
      await page.getByRole('link', { name: 'log-reader' }).waitFor();
      await page.getByRole('link', { name: 'alice' }).waitFor();
    });
  });

  describe('accessibility', () => {
    it('pages through the users with the server\'s marker and finds them by name', async () => {
      for (let i = 0; i < 21; i++) await iam.send(new CreateUserCommand({ UserName: `pager-${String(i).padStart(2, '0')}` }));
      await open('/iam', 'IAM users and roles');
      const users = page.locator('section[aria-labelledby="users-h"] ul.plain li a');
      await page.getByRole('button', { name: 'Next users' }).waitFor();
      const read = () => users.allTextContents();
      const first = await settled(read, (u) => u.length === 20);
      assert.equal(first.length, 20);
      await page.getByRole('button', { name: 'Next users' }).click();
      await page.getByRole('button', { name: 'Previous users' }).and(page.locator(':enabled')).waitFor();
      const second = await settled(read, (u) => u.length > 0 && u.every((x) => !first.includes(x)));
      assert.ok(second.length >= 1 && second.every((u) => !first.includes(u)), `${first} / ${second}`);
      await page.getByLabel('Users whose name contains').fill('pager-1');
      await page.getByRole('button', { name: 'Search users' }).click();
      await page.getByRole('link', { name: 'pager-19' }).waitFor();
      assert.deepEqual((await settled(read, (u) => u.length > 0 && u.every((x) => x.startsWith('pager-1')))).sort(), Array.from({ length: 10 }, (_, i) => `pager-1${i}`));
      await page.getByLabel('Roles whose name contains').fill('nobody-here');
      await page.getByRole('button', { name: 'Search roles' }).click();
      await page.getByText('No role name contains "nobody-here".').waitFor();
      await shoot(page, 'iam-search');
    });

    it('is usable with the keyboard: the skip link, the menu and the page title', async () => {
      await page.goto(`${base}/keys`);
      await page.getByRole('heading', { level: 1, name: 'Keys' }).waitFor();
      // The page title has focus after a page change; the next Tab reaches the page's first action.
      assert.equal(await page.evaluate('document.activeElement.tagName'), 'H1');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate('document.activeElement.textContent'), 'Create key');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Create a key' }).waitFor();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate('document.activeElement.labels[0].textContent'), 'Type');
      // Backwards from the title: the menu, the sign-out button, then the skip link that leads past them.
      await page.getByRole('heading', { level: 1 }).focus();
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate('document.activeElement.textContent'), 'IAM');
      for (let i = 0; i < 7; i++) await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate('document.activeElement.textContent'), 'Sign out');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate('document.activeElement.labels[0].textContent'), 'Region');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate('document.activeElement.textContent'), 'Skip to content');
    });

    it('raised no script errors on any page', () => {
      assert.deepEqual(pageErrors, []);
    });
  });
});
