/**
 * Key policies with one mistake each, shared by the linter's tests and the console's: the text changed from a correct
 * policy, and the problem expected (code, JSON path, line, column, what the message says).
 */
export interface LintCase {
  name: string;
  from: string;
  to: string;
  code: string;
  path: string;
  line: number;
  column: number;
  says: RegExp;
}

export function policyLintCases(ACCOUNT: string): { GOOD: string; MISTAKES: LintCase[] } {
  /** A correct key policy for a key CloudWatch Logs uses in us-east-1. */
  const GOOD = `{
  "Version": "2012-10-17",
  "Id": "key-logs",
  "Statement": [
    {
      "Sid": "Enable IAM User Permissions",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::${ACCOUNT}:root" },
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "Allow CloudWatch Logs",
      "Effect": "Allow",
      "Principal": { "Service": "logs.us-east-1.amazonaws.com" },
      "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      "Resource": "*",
      "Condition": {
        "ArnLike": { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:${ACCOUNT}:*" }
      }
    }
  ]
}
`;

/** Each mistake: the text changed from GOOD, then the problem expected (code, path, line, column, message part). */
  const MISTAKES: LintCase[] = [
  {
    name: 'a trailing comma',
    from: '"Resource": "*"\n    },',
    to: '"Resource": "*",\n    },',
    code: 'json-syntax',
    path: '$',
    line: 10,
    column: 22,
    says: /Trailing comma before "}"/,
  },
  { name: '"Principle" for "Principal"', from: '"Principal": { "AWS"', to: '"Principle": { "AWS"', code: 'unknown-element', path: '$.Statement[0].Principle', line: 8, column: 7, says: /Unknown statement element "Principle" \(did you mean "Principal"\?\)/ },
  { name: '"Efect" for "Effect"', from: '"Effect": "Allow",\n      "Principal": { "Service"', to: '"Efect": "Allow",\n      "Principal": { "Service"', code: 'unknown-element', path: '$.Statement[1].Efect', line: 14, column: 7, says: /"Efect" \(did you mean "Effect"\?\)/ },
  { name: 'the Effect "Alow"', from: '"Effect": "Allow"', to: '"Effect": "Alow"', code: 'effect', path: '$.Statement[0].Effect', line: 7, column: 17, says: /not "Alow" \(did you mean "Allow"\?\)/ },
  { name: 'the operator "ArnLikee"', from: '"ArnLike": {', to: '"ArnLikee": {', code: 'condition-operator', path: '$.Statement[1].Condition.ArnLikee', line: 19, column: 9, says: /Unknown condition operator "ArnLikee" \(did you mean "ArnLike"\?\)/ },
  { name: 'the action "kms:GenrateDataKey*"', from: '"kms:GenerateDataKey*"', to: '"kms:GenrateDataKey*"', code: 'action', path: '$.Statement[1].Action[3]', line: 16, column: 68, says: /"kms:GenrateDataKey\*" matches no KMS action \(did you mean "kms:GenerateDataKey\*"\?\)/ },
  { name: 'a service principal of another region', from: 'logs.us-east-1.amazonaws.com', to: 'logs.eu-west-1.amazonaws.com', code: 'service-principal-region', path: '$.Statement[1].Principal.Service', line: 15, column: 33, says: /is logs in eu-west-1, but this key is in us-east-1/ },
  {
    name: 'a log-group ARN pattern of another account',
    from: `"arn:aws:logs:us-east-1:${ACCOUNT}:*"`,
    to: `"arn:aws:logs:us-east-1:${ACCOUNT === '999999999999' ? '888888888888' : '999999999999'}:log-group:*"`,
    code: 'logs-arn-pattern',
    path: '$.Statement[1].Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]',
    line: 19,
    column: 60,
    says: new RegExp(`can never match a log group or anomaly detector of account ${ACCOUNT} in us-east-1 .*the account ${ACCOUNT}`),
  },
  {
    name: 'a log-group ARN pattern with a misspelt resource type',
    from: `"arn:aws:logs:us-east-1:${ACCOUNT}:*"`,
    to: `"arn:aws:logs:us-east-1:${ACCOUNT}:loggroup:*"`,
    code: 'logs-arn-pattern',
    path: '$.Statement[1].Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]',
    line: 19,
    column: 60,
    says: /resource "loggroup:\*" matches neither "log-group:NAME" nor "anomaly-detector:ID"/,
  },
  {
    name: 'a policy that locks everyone out',
    from: '"Action": "kms:*",',
    to: '"Action": "kms:Describe*",',
    code: 'lockout',
    path: '$',
    line: 1,
    column: 1,
    says: new RegExp(`No statement allows arn:aws:iam::${ACCOUNT}:root kms:PutKeyPolicy`),
  },
];

  return { GOOD, MISTAKES };
}
