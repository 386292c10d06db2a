import { GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { useAws } from '../lib/context.js';
import { keyIdOfArn } from '../lib/keyErrors.js';
import { useLoad } from '../lib/load.js';
import { Link, withQuery } from '../lib/router.js';
import { checkPolicyText } from '../policy/document.js';
import { checkLogsAccess, type LogsTarget } from '../policy/logsAccess.js';

const WHAT: Record<LogsTarget['kind'], string> = { 'log-group': 'this log group', 'anomaly-detector': 'anomaly detectors' };

/**
 * Says, before the person submits, whether CloudWatch Logs will be allowed to use the picked key for the log group
 * or anomaly detector, with a link to the policy check that fixes it.
 */
export function LogsAccessHint({ keyArn, target }: { keyArn: string; target: LogsTarget }) {
  const aws = useAws();
  // The policy is fetched when the key changes; the answer is recomputed as the group name is typed.
  const [policy] = useLoad(async () => {
    const out = await aws.kms.send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }));
    const parsed = checkPolicyText(out.Policy ?? '');
    return parsed.ok ? parsed.document : null;
  }, [aws, keyArn]);
  if (policy.state !== 'ok' || policy.data === null) return null;
  const answer = checkLogsAccess(policy.data, { region: aws.session.region, accountId: aws.session.accountId, keyArn, target });
  const what = WHAT[target.kind];
  if (answer.allowed) return <p className="hint ok-text">The key's policy lets CloudWatch Logs use this key for {what}.</p>;
  return (
    <p className="panel panel-warn" role="status">
      The key's policy does not let CloudWatch Logs use this key for {what}, so CloudWatch Logs will refuse it with
      AccessDeniedException.{' '}
      <Link to={withQuery('/policy-check', { key: keyIdOfArn(keyArn), target: target.arn })}>See what is missing and fix it</Link>.
    </p>
  );
}
