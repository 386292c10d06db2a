import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatProblem, lintKeyPolicy } from '../kms/policyLint/lint.js';

export const POLICY_LINT_USAGE = `  logseal policy lint FILE|- [--key-arn ARN | --region R --account ID] [--caller ARN] [--json]`;

/**
 * `logseal policy lint FILE`: every problem of a key policy with its line, column and JSON path. Exit code 0 when
 * there is none, 1 when there are problems, 2 when the command is wrong or the file cannot be read. The key's ARN
 * (or region and account) enables the region, log-group ARN and lockout checks against that key.
 */
export function policyLint(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'key-arn': { type: 'string' },
        region: { type: 'string' },
        account: { type: 'string' },
        caller: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (err) {
    process.stderr.write(`logseal: ${err instanceof Error ? err.message : String(err)}\nUsage:\n${POLICY_LINT_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    process.stderr.write(`logseal: policy lint needs one file (- for standard input)\nUsage:\n${POLICY_LINT_USAGE}\n`);
    return 2;
  }
  const file = positionals[0]!;
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    process.stderr.write(`logseal: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  if (values.account !== undefined && !/^\d{12}$/.test(values.account)) {
    process.stderr.write('logseal: --account needs a 12-digit account id\n');
    return 2;
  }
  const problems = lintKeyPolicy(text, { keyArn: values['key-arn'], region: values.region, accountId: values.account, caller: values.caller });
  if (values.json) process.stdout.write(JSON.stringify({ file, problems }, null, 2) + '\n');
  else if (problems.length === 0) process.stdout.write(`${file}: no problems found\n`);
  else {
    for (const p of problems) process.stdout.write(formatProblem(p, file === '-' ? 'stdin' : file) + '\n');
    const errors = problems.filter((p) => p.severity === 'error').length;
    process.stdout.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} (${errors} that KMS refuses, ${problems.length - errors} that make the policy not do what it says)\n`);
  }
  return problems.length === 0 ? 0 : 1;
}
