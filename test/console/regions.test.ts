/**
 * The console on a server with private regions (`logseal serve --regions lab-1,lab-2`), in a real browser (Debian's
 * chromium through playwright-core): the page is told the server's private regions, the region switcher offers them,
 * and the encryption overview reads them, showing a region it cannot read with its error beside the others.
 * Screenshots at 1400×900 and 390×844 go to test-results/console/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { RegionSet } from '../../src/common/regions.js';
import { BUILT, CHROMIUM, CHROMIUM_ARGS, chromiumSkip, SHOTS, SIZES, shoot } from './browser.js';
import { clientConfig, startTestServer, type TestServer } from '../helpers/server.js';

describe('web console with private regions', { skip: chromiumSkip }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  before(async () => {
    assert.ok(existsSync(BUILT), `the console is not built (${BUILT} is missing): run npm run build`);
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer({ dev: true, regions: new RegionSet(['lab-1', 'lab-2']) });
    base = `${server.url}/console`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it("tells the page the server's private regions, and no others", async () => {
    const html = await (await fetch(`${base}/`)).text();
    assert.match(html, /<meta name="logseal-regions" content="lab-1 lab-2" \/>/);
    const plain = await startTestServer({ dev: true });
    try {
      assert.doesNotMatch(await (await fetch(`${plain.url}/console/`)).text(), /logseal-regions/);
    } finally {
      await plain.dispose();
    }
  });

  it('shows a region it cannot read with its error, beside the regions it can read', async () => {
    // A log group in lab-1; a person whose IAM policy denies everything in lab-2.
    const logsLab1 = new CloudWatchLogsClient(clientConfig(server.url, undefined, 'lab-1'));
    await logsLab1.send(new CreateLogGroupCommand({ logGroupName: '/lab/sensors' }));
    const iam = new IAMClient(clientConfig(server.url));
    await iam.send(new CreateUserCommand({ UserName: 'operator' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'operator',
        PolicyName: 'not-lab-2',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['logs:*', 'kms:*'], Resource: '*' },
            { Effect: 'Deny', Action: ['logs:*', 'kms:*'], Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'lab-2' } } },
          ],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'operator' }))).AccessKey!;

    await page.goto(`${base}/`);
    await page.getByLabel('Access key ID').fill(key.AccessKeyId!);
    await page.getByLabel('Secret access key').fill(key.SecretAccessKey!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Encryption overview' }).waitFor();

    const failed = page.getByRole('alert').filter({ hasText: 'Could not read lab-2 — private region' });
    await failed.waitFor();
    assert.equal(await failed.locator('.error-code').textContent(), 'AccessDeniedException');
    // The other regions are still shown: lab-1 with its log group, us-east-1 (the console's own) without any.
    await page.getByRole('heading', { level: 2, name: /^lab-1 — private region/ }).waitFor();
    const lab1 = page.getByRole('region', { name: 'Encryption in lab-1' });
    const row = lab1.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Service-owned key', exact: true }) });
    assert.deepEqual((await row.getByRole('cell').allTextContents()).slice(0, 2), ['1', '0']);
    await page.getByRole('heading', { level: 2, name: /^us-east-1 — / }).waitFor();
    await page.getByText('Nothing is at risk in the regions that could be read').waitFor();
    await shoot(page, 'overview-region-unreadable');
  });

  it('signs in to a private region, whose name need not look like an AWS region', async () => {
    const context = await browser.newContext({ viewport: SIZES[0] });
    const other = await context.newPage();
    try {
      await other.goto(`${base}/`);
      await other.locator('datalist option[value="lab-1"]').waitFor({ state: 'attached' });
      await other.getByLabel('Region').fill('lab-9');
      assert.equal(await other.getByRole('button', { name: 'Sign in' }).isDisabled(), true);
      await other.getByLabel('Region').fill('lab-1');
      await other.getByRole('button', { name: 'Sign in' }).click();
      await other.getByRole('heading', { level: 1, name: 'Encryption overview' }).waitFor();
      assert.equal(await other.getByLabel('Region', { exact: true }).inputValue(), 'lab-1');
    } finally {
      await context.close();
    }
  });

  it('offers the private regions in the region switcher, and switches to one without signing in again', async () => {
    const switcher = page.getByLabel('Region', { exact: true });
    const options = await switcher.locator('option').allTextContents();
    assert.deepEqual(options.slice(-2), ['lab-1 (private region)', 'lab-2 (private region)']);
    assert.equal(options.filter((o) => o.startsWith('us-east-1 ')).length, 1);
    await switcher.selectOption('lab-1');
    await page.getByRole('link', { name: 'Log groups' }).click();
    await page.getByRole('link', { name: '/lab/sensors' }).waitFor();
    assert.equal(await switcher.inputValue(), 'lab-1');
    assert.deepEqual(pageErrors, []);
  });
});
