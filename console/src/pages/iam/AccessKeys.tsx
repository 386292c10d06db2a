import { CreateAccessKeyCommand, DeleteAccessKeyCommand, ListAccessKeysCommand, UpdateAccessKeyCommand, type AccessKey } from '@aws-sdk/client-iam';
import { useState } from 'react';
import { ActionResult } from '../../components/ActionResult.js';
import { Load, formatTime } from '../../components/ui.js';
import { useAction } from '../../lib/action.js';
import { useAws } from '../../lib/context.js';
import { useLoad } from '../../lib/load.js';

/** A user's access keys; a new key's secret is shown once, here, and never again. */
export function AccessKeys({ user }: { user: string }) {
  const aws = useAws();
  const action = useAction();
  const [created, setCreated] = useState<AccessKey | null>(null);
  const [keys, reload] = useLoad(async () => (await aws.iam.send(new ListAccessKeysCommand({ UserName: user }))).AccessKeyMetadata ?? [], [aws, user]);
  const create = () =>
    action.run(
      async () => {
        const out = await aws.iam.send(new CreateAccessKeyCommand({ UserName: user }));
        setCreated(out.AccessKey ?? null);
      },
      'The access key is created.',
      reload,
    );
  return (
    <section aria-labelledby="keys-h">
      <h2 id="keys-h">Access keys</h2>
      {created ? (
        <div className="panel panel-warn" role="alert">
          <h3>Store the secret access key now</h3>
          <p>This is the only time it is shown. If you lose it, delete the key and create a new one.</p>
          <dl className="summary">
            <div>
              <dt>Access key ID</dt>
              <dd className="mono">{created.AccessKeyId}</dd>
            </div>
            <div>
              <dt>Secret access key</dt>
              <dd className="mono secret">{created.SecretAccessKey}</dd>
            </div>
          </dl>
          <button type="button" className="secondary" onClick={() => setCreated(null)}>
            I have stored it; hide it
          </button>
        </div>
      ) : null}
      <Load value={keys} what="access keys" unavailable="IAM ListAccessKeys">
        {(list) =>
          list.length === 0 ? (
            <p>The user has no access keys.</p>
          ) : (
            <ul className="plain">
              {list.map((k) => (
                <li key={k.AccessKeyId}>
                  <span className="mono">{k.AccessKeyId}</span> — {k.Status === 'Active' ? 'active' : 'inactive'}, created {formatTime(k.CreateDate)}{' '}
                  <button
                    type="button"
                    className="secondary"
                    disabled={action.busy}
                    onClick={() =>
                      action.run(
                        () => aws.iam.send(new UpdateAccessKeyCommand({ UserName: user, AccessKeyId: k.AccessKeyId, Status: k.Status === 'Active' ? 'Inactive' : 'Active' })),
                        k.Status === 'Active' ? `${k.AccessKeyId} is inactive.` : `${k.AccessKeyId} is active.`,
                        reload,
                      )
                    }
                  >
                    {k.Status === 'Active' ? 'Deactivate' : 'Activate'} {k.AccessKeyId}
                  </button>{' '}
                  <button type="button" className="danger" disabled={action.busy} onClick={() => action.run(() => aws.iam.send(new DeleteAccessKeyCommand({ UserName: user, AccessKeyId: k.AccessKeyId })), `${k.AccessKeyId} is deleted.`, reload)}>
                    Delete {k.AccessKeyId}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Load>
      <button type="button" disabled={action.busy} onClick={create}>
        Create access key
      </button>
      <ActionResult action={action} failed="The access keys were not changed" />
    </section>
  );
}
