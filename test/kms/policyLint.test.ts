/**
 * The key-policy linter (`logseal policy lint` and the console's editor): each mistake is found, at the right line,
 * column and JSON path, with what was probably meant. A correct CloudWatch Logs key policy has no problem.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { kmsPermissions, renderKmsActionsModule } from '../../src/kms/policyLint/actionsSource.js';
import { lintKeyPolicy, type LintProblem } from '../../src/kms/policyLint/lint.js';
import { repoRoot } from '../helpers/paths.js';
import { policyLintCases } from './policyLintCases.js';

const ACCOUNT = '111122223333';
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const { GOOD, MISTAKES } = policyLintCases(ACCOUNT);

function only(problems: LintProblem[]): LintProblem {
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 2));
  return problems[0]!;
}

function mistaken(m: (typeof MISTAKES)[number]): string {
  assert.ok(GOOD.includes(m.from), m.from);
  return GOOD.replace(m.from, m.to);
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(repoRoot, 'bin', 'logseal.js'), ...args], (e, stdout, stderr) =>
      resolve({ code: e ? Number((e as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('key-policy linter', () => {
  it('finds no problem in a correct CloudWatch Logs key policy', () => {
    assert.deepEqual(lintKeyPolicy(GOOD, { keyArn: KEY_ARN }), []);
  });

  for (const m of MISTAKES) {
    it(`flags ${m.name} with its path, line and column`, () => {
      const p = only(lintKeyPolicy(mistaken(m), { keyArn: KEY_ARN }));
      assert.equal(p.code, m.code);
      assert.equal(p.path, m.path);
      assert.deepEqual([p.line, p.column], [m.line, m.column]);
      assert.match(p.message, m.says);
    });
  }

  it('accepts a detector ARN pattern, StringLike patterns and policy variables in the logs condition', () => {
    for (const value of [
      `arn:aws:logs:us-east-1:${ACCOUNT}:anomaly-detector:*`,
      `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/*`,
      `arn:aws:logs:*:${ACCOUNT}:*`,
      `arn:aws:logs:us-east-1:\${aws:PrincipalAccount}:*`,
    ]) {
      const text = GOOD.replace(`"arn:aws:logs:us-east-1:${ACCOUNT}:*"`, JSON.stringify(value));
      assert.deepEqual(lintKeyPolicy(text, { keyArn: KEY_ARN }), [], value);
    }
    const like = GOOD.replace('"ArnLike"', '"StringLike"').replace(`"arn:aws:logs:us-east-1:${ACCOUNT}:*"`, `"arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*"`);
    assert.deepEqual(lintKeyPolicy(like, { keyArn: KEY_ARN }), []);
    const wrongRegion = GOOD.replace(`"arn:aws:logs:us-east-1:${ACCOUNT}:*"`, `"arn:aws:logs:eu-west-1:${ACCOUNT}:*"`);
    assert.match(only(lintKeyPolicy(wrongRegion, { keyArn: KEY_ARN })).message, /its part "eu-west-1" does not match the region us-east-1/);
  });

  it('keeps the ForAnyValue: prefix and IfExists suffix in its suggestion', () => {
    const text = GOOD.replace('"ArnLike": {', '"ForAnyValue:StringLikkeIfExists": {');
    assert.match(only(lintKeyPolicy(text, { keyArn: KEY_ARN })).message, /did you mean "ForAnyValue:StringLikeIfExists"\?/);
  });

  it('flags another service\'s action, which a key policy cannot grant', () => {
    const text = GOOD.replace('"kms:Describe*"', '"s3:GetObject"');
    assert.match(only(lintKeyPolicy(text, { keyArn: KEY_ARN })).message, /"s3:GetObject" is not a KMS action/);
  });

  it('the KMS action list is current with the KMS model (npm run codegen:kms-actions)', () => {
    const file = readFileSync(join(repoRoot, 'src', 'kms', 'policyLint', 'kmsActions.generated.ts'), 'utf8');
    assert.equal(file, renderKmsActionsModule(kmsPermissions(repoRoot)));
  });
});

describe('logseal policy lint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logseal-lint-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('says a correct policy has no problem and exits 0', async () => {
    writeFileSync(join(dir, 'good.json'), GOOD);
    const r = await cli(['policy', 'lint', join(dir, 'good.json'), '--key-arn', KEY_ARN]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /no problems found/);
  });

  for (const m of MISTAKES) {
    it(`prints ${m.name} as FILE:LINE:COL and exits 1`, async () => {
      const file = join(dir, `${m.code}-${m.line}.json`);
      writeFileSync(file, mistaken(m));
      const r = await cli(['policy', 'lint', file, '--key-arn', KEY_ARN]);
      assert.equal(r.code, 1, r.stderr);
      const line = r.stdout.split('\n')[0]!;
      assert.ok(line.startsWith(`${file}:${m.line}:${m.column}  `), line);
      assert.ok(line.includes(`  ${m.path}  `), line);
      assert.match(line, m.says);
      const json = await cli(['policy', 'lint', file, '--region', 'us-east-1', '--account', ACCOUNT, '--json']);
      assert.equal(json.code, 1);
      assert.equal(JSON.parse(json.stdout).problems[0].code, m.code);
    });
  }

  it('exits 2 for a missing file or a bad account id', async () => {
    assert.equal((await cli(['policy', 'lint', join(dir, 'none.json')])).code, 2);
    writeFileSync(join(dir, 'good.json'), GOOD);
    const r = await cli(['policy', 'lint', join(dir, 'good.json'), '--account', '12']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /12-digit account id/);
  });
});
