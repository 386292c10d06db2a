import { DisableKeyCommand, EnableKeyCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { useState } from 'react';
import { ActionResult } from '../../components/ActionResult.js';
import { useAction } from '../../lib/action.js';
import { useAws } from '../../lib/context.js';

/** Enable or disable the key; disabling stops every use of it, including reading data already encrypted under it. */
export function KeyStatus({ m, onChanged }: { m: KeyMetadata; onChanged: () => void }) {
  const aws = useAws();
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const keyId = m.KeyId!;
  if (m.KeyState !== 'Enabled' && m.KeyState !== 'Disabled') return null;
  const enabled = m.KeyState === 'Enabled';
  return (
    <section aria-labelledby="status-h">
      <h2 id="status-h">Enable or disable</h2>
      {enabled ? (
        <>
          <p>
            Disabling the key stops all use of it at once: nothing can be encrypted with it, and data encrypted under it
            (for example log events of log groups that use it) cannot be read until it is enabled again.
          </p>
          {confirming ? (
            <div className="panel panel-warn" role="group" aria-label="Confirm disabling the key">
              <p>
                <strong>Disable {keyId}?</strong> Log groups and detectors that use it stop working at once: their data cannot be read and new events are
                refused until the key is enabled again.
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="danger"
                  disabled={action.busy}
                  onClick={() => action.run(() => aws.kms.send(new DisableKeyCommand({ KeyId: keyId })), 'The key is disabled.', () => (setConfirming(false), onChanged()))}
                >
                  Yes, disable the key
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            </div>
          ) : (
            <button type="button" disabled={action.busy} onClick={() => setConfirming(true)}>
              Disable key
            </button>
          )}
        </>
      ) : (
        <>
          <p>The key is disabled: it cannot be used, and data encrypted under it cannot be read.</p>
          <button type="button" disabled={action.busy} onClick={() => action.run(() => aws.kms.send(new EnableKeyCommand({ KeyId: keyId })), 'The key is enabled.', onChanged)}>
            Enable key
          </button>
        </>
      )}
      <ActionResult action={action} failed={enabled ? 'The key was not disabled' : 'The key was not enabled'} />
    </section>
  );
}
