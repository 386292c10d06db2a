/**
 * The web console in a real browser (Debian's chromium through playwright-core) against a real dev server, as a
 * person uses it. The console is built by `npm run build` (or `npx vite build --config console/vite.config.ts`);
 * this test builds nothing. Screenshots of each main page at 1280×800 and 390×844 go to test-results/console/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  CloudWatchLogsClient,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  ListAnomaliesCommand,
  ListLogAnomalyDetectorsCommand,
  PutLogEventsCommand,
  type Anomaly,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateUserCommand, GetRoleCommand, GetUserPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
} from '@aws-sdk/client-kms';
import { ANOMALY_TASK_NAME } from '../../src/anomaly/service/scheduler.js';
import { OffsetClock } from '../../src/common/clock.js';
import { repoRoot } from '../helpers/paths.js';
import { clientConfig, devAccount, startTestServer, type TestServer } from '../helpers/server.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const BUILT = join(repoRoot, 'console', 'dist', 'index.html');
const SHOTS = join(repoRoot, 'test-results', 'console');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const REGION = 'us-east-1';

const skip = existsSync(CHROMIUM) ? false : `Debian's chromium (${CHROMIUM}) is not installed; .ci/run installs it`;

interface PageCheck {
  unlabelled: string[];
  overflow: number;
}

// Runs in the page (kept as text: the test's TypeScript has no DOM types). Every control must have an accessible
// name, and the page must not scroll sideways (wide tables scroll inside their own region).
const PAGE_CHECK = `(() => {
  const unlabelled = [];
  for (const el of document.querySelectorAll('input, select, textarea, button, a[href]')) {
    const byLabel = el.labels ? [...el.labels].map((l) => l.textContent).join(' ') : '';
    const name = (byLabel || el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || '').trim();
    if (!name) unlabelled.push(el.outerHTML.slice(0, 120));
  }
  return { unlabelled, overflow: document.documentElement.scrollWidth - window.innerWidth };
})()`;

describe('web console', { skip }, () => {
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

  /** Saves the page at both sizes, and checks labels and sideways scrolling at each. */
  async function shoot(name: string): Promise<void> {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(SHOTS, `${name}-${size.width}x${size.height}.png`), fullPage: true });
      const check = (await page.evaluate(PAGE_CHECK)) as PageCheck;
      assert.deepEqual(check.unlabelled, [], `${name} at ${size.width}×${size.height}: controls without a label`);
      assert.ok(check.overflow <= 1, `${name} at ${size.width}×${size.height} scrolls sideways by ${check.overflow}px`);
    }
    await page.setViewportSize(SIZES[0]);
  }

  /** Waits for an action's confirmation; when the page shows an error instead, fails with it rather than a timeout. */
  async function confirmed(text: string): Promise<void> {
    const done = page.getByText(text);
    const failed = page.getByRole('alert');
    await done.or(failed).first().waitFor();
    if (!(await done.isVisible())) assert.fail(`expected "${text}"; the page shows: ${await failed.first().textContent()}`);
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
      await shoot('sign-in');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Keys' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/console/keys');
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
      await shoot('create-key');
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
      await shoot('keys');
    });

    it('disables and enables a key from its page', async () => {
      await open(`/keys/${logsKeyId}`, 'Key alias/app-logs');
      await shoot('key-detail');
      await page.getByRole('button', { name: 'Disable key' }).click();
      await page.getByText('The key is disabled.').waitFor();
      assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: logsKeyId }))).KeyMetadata?.KeyState, 'Disabled');
      await page.getByRole('button', { name: 'Enable key' }).click();
      await page.getByText('The key is enabled.').waitFor();
      assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: logsKeyId }))).KeyMetadata?.KeyState, 'Enabled');
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
      // Well-formed, but it would lock the caller out: KMS's own answer is shown.
      const lockout = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${devAccount}:user/alice` }, Action: 'kms:*', Resource: '*' }] };
      await editor.fill(JSON.stringify(lockout));
      await page.getByRole('button', { name: 'Save policy' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'KMS refused the policy' });
      await alert.waitFor();
      assert.equal(await alert.locator('.error-code').textContent(), 'MalformedPolicyDocumentException');
      assert.equal(await alert.locator('.error-message').textContent(), 'The new key policy will not allow you to update the key policy in the future.');
      const policy = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: logsKeyId, PolicyName: 'default' }))).Policy!);
      assert.equal(policy.Statement.length, 3, 'the policy is unchanged');
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
      await shoot('policy-check');
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
      await shoot('create-log-group');
      await page.getByRole('button', { name: 'Create log group' }).click();
      await page.getByRole('heading', { level: 1, name: `Log group ${group}` }).waitFor();
      const g = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.[0];
      assert.equal(g?.kmsKeyId, logsKeyArn);
      assert.equal(g?.retentionInDays, 30);
      await shoot('log-group');
    });

    it('lists log groups with their encryption, and filters those without a customer key', async () => {
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'placeholder' })).catch(() => undefined);
      await open('/log-groups', 'Log groups');
      const row = page.getByRole('row').filter({ hasText: group });
      await row.waitFor();
      assert.deepEqual((await row.getByRole('cell').allTextContents()).slice(0, 3), [group, 'alias/app-logs', '30 days']);
      await shoot('log-groups');
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
      await shoot('events');

      await page.getByLabel('Follow new events live').check();
      await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'web-1', logEvents: [{ timestamp: Date.now(), message: 'ERROR disk full again' }] }));
      await page.getByRole('cell', { name: 'ERROR disk full again' }).waitFor();
      await page.getByRole('heading', { level: 2, name: '2 events' }).waitFor();
      await page.getByLabel('Follow new events live').uncheck();

      await kms.send(new DisableKeyCommand({ KeyId: logsKeyId }));
      try {
        await page.getByRole('button', { name: 'Search' }).click();
        const panel = page.getByRole('alert').filter({ hasText: 'These events cannot be read because of their KMS key' });
        await panel.waitFor();
        await panel.getByText(logsKeyArn).first().waitFor();
        assert.equal(await panel.locator('.error-code').textContent(), 'DisabledException');
        await panel.getByText('The key is disabled. Enable it again and the events are readable again.').waitFor();
        await shoot('events-key-disabled');
      } finally {
        await kms.send(new EnableKeyCommand({ KeyId: logsKeyId }));
      }
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
      await page.getByLabel('Log group').selectOption({ label: group });
      await page.getByLabel('How often it runs').selectOption({ label: 'Every minute' });
      await page.getByLabel('Filter pattern (optional)').fill('?INFO ?database');
      await keyPicker.selectOption({ label: `alias/app-logs — ${logsKeyId}` });
      await page.getByText("The key's policy lets CloudWatch Logs use this key for anomaly detectors.").waitFor();
      await shoot('create-detector');
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
      await shoot('detectors');
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
      await card().getByText('Sample events (', { exact: false }).click();
      await card().getByText('ERROR database connection refused to db-0.internal:5432').waitFor();
      await shoot('detector');
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
  });

  describe('IAM', () => {
    it('creates an access key and shows its secret once', async () => {
      await open('/iam', 'IAM users and roles');
      await shoot('iam');
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
      await shoot('iam-user');
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
      for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate('document.activeElement.textContent'), 'Sign out');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate('document.activeElement.textContent'), 'Skip to content');
    });

    it('raised no script errors on any page', () => {
      assert.deepEqual(pageErrors, []);
    });
  });
});
