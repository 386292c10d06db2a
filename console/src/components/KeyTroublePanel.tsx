import { keyIdOfArn, keyTroubleAdvice, keyTroubleOf } from '../lib/keyErrors.js';
import { Link, withQuery } from '../lib/router.js';
import { ErrorPanel } from './ui.js';

/**
 * The error panel for data that cannot be read: when the cause is the log group's KMS key it names the key, says
 * KMS's reason in plain words and links to the fix; any other error is shown as AWS sent it.
 */
export function DataErrorPanel({ error, groupArn, title }: { error: unknown; groupArn?: string; title: string }) {
  const trouble = keyTroubleOf(error);
  if (!trouble) return <ErrorPanel error={error} title={title} />;
  const keyId = keyIdOfArn(trouble.keyArn);
  return (
    <div className="panel panel-error" role="alert">
      <h3>These events cannot be read because of their KMS key</h3>
      <p>
        They are encrypted under the key <Link to={`/keys/${keyId}`} className="mono">{trouble.keyArn}</Link>, and KMS refuses to
        use it: <code className="error-code">{trouble.kmsCode}</code> <span className="error-message">{trouble.kmsMessage}</span>
      </p>
      <p>{keyTroubleAdvice(trouble)}</p>
      {trouble.kmsCode === 'AccessDeniedException' && groupArn ? (
        <p>
          <Link to={withQuery('/policy-check', { key: keyId, target: groupArn })}>Run the policy check for this key and log group</Link>
        </p>
      ) : (
        <p>
          <Link to={`/keys/${keyId}`}>Open the key</Link>
        </p>
      )}
    </div>
  );
}
