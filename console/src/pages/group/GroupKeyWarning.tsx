import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { shownError } from '../../lib/errors.js';
import { useAws } from '../../lib/context.js';
import { keyIdOfArn } from '../../lib/keyErrors.js';
import { useLoad } from '../../lib/load.js';
import { stateText } from '../../lib/kms.js';
import { Link, withQuery } from '../../lib/router.js';

/**
 * A warning at the top of a group's page when its customer key cannot be used: disabled, pending deletion, or not
 * to be found. Events of the group can then be neither read nor written.
 */
export function GroupKeyWarning({ keyArn, groupArn }: { keyArn: string; groupArn: string }) {
  const aws = useAws();
  const [key] = useLoad(async () => {
    try {
      return { meta: (await aws.kms.send(new DescribeKeyCommand({ KeyId: keyArn }))).KeyMetadata, error: null };
    } catch (err) {
      return { meta: undefined, error: shownError(err) };
    }
  }, [aws, keyArn]);
  if (key.state !== 'ok') return null;
  const { meta, error } = key.data;
  if (meta?.KeyState === 'Enabled') return null;
  const keyId = keyIdOfArn(keyArn);
  return (
    <div className="panel panel-error" role="alert">
      <h3>The key of this log group cannot be used</h3>
      <p>
        {meta ? (
          <>
            The key <span className="mono">{keyArn}</span> is {stateText(meta.KeyState).toLowerCase()}.
          </>
        ) : (
          <>
            The key <span className="mono">{keyArn}</span> cannot be described ({error?.code}
            {error?.message ? `: ${error.message}` : ''}).
          </>
        )}{' '}
        Events of this log group cannot be read, and new events are refused, until it can be used again.
      </p>
      <p>
        {meta ? <Link to={`/keys/${keyId}`}>Open the key to enable it or cancel its deletion</Link> : null}
        {meta ? ' · ' : null}
        <Link to={withQuery('/policy-check', { key: keyId, target: groupArn })}>Check whether CloudWatch Logs may use it</Link>
      </p>
    </div>
  );
}
