import { CancelKeyDeletionCommand, ScheduleKeyDeletionCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { useState } from 'react';
import { ActionResult } from '../../components/ActionResult.js';
import { Field, formatTime } from '../../components/ui.js';
import { useAction } from '../../lib/action.js';
import { useAws } from '../../lib/context.js';

const MIN_DAYS = 7;
const MAX_DAYS = 30;

/** Schedule deletion after a waiting period (7–30 days, 30 by default), or cancel a scheduled deletion. */
export function KeyDeletion({ m, onChanged }: { m: KeyMetadata; onChanged: () => void }) {
  const aws = useAws();
  const action = useAction();
  const [days, setDays] = useState('30');
  const [understood, setUnderstood] = useState(false);
  const keyId = m.KeyId!;
  const n = Number(days);
  const daysOk = Number.isInteger(n) && n >= MIN_DAYS && n <= MAX_DAYS;

  if (m.KeyState === 'PendingDeletion') {
    return (
      <section aria-labelledby="deletion-h">
        <h2 id="deletion-h">Deletion</h2>
        <p className="panel panel-warn">
          This key will be deleted on {formatTime(m.DeletionDate)}. Until then it cannot be used. Cancelling the deletion
          leaves the key disabled; enable it to use it again.
        </p>
        <button type="button" disabled={action.busy} onClick={() => action.run(() => aws.kms.send(new CancelKeyDeletionCommand({ KeyId: keyId })), 'Deletion is cancelled. The key is disabled.', onChanged)}>
          Cancel deletion
        </button>
        <ActionResult action={action} failed="Deletion was not cancelled" />
      </section>
    );
  }
  if (m.KeyState !== 'Enabled' && m.KeyState !== 'Disabled' && m.KeyState !== 'PendingImport') return null;
  const schedule = () =>
    action.run(() => aws.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: n })), `Deletion is scheduled in ${n} days.`, onChanged);
  return (
    <section aria-labelledby="deletion-h">
      <h2 id="deletion-h">Schedule deletion</h2>
      <div className="panel panel-warn">
        <p>
          <strong>Deleting a key cannot be undone.</strong> Once it is deleted, everything encrypted under it — log events
          of log groups that use it, data keys, stored secrets — can never be read again, by anyone.
        </p>
        <p>During the waiting period the key cannot be used, and you can still cancel the deletion.</p>
      </div>
      <Field label="Waiting period in days" hint={daysOk ? `Between ${MIN_DAYS} and ${MAX_DAYS} days.` : `Enter a whole number of days between ${MIN_DAYS} and ${MAX_DAYS}.`}>
        {(p) => <input {...p} type="number" min={MIN_DAYS} max={MAX_DAYS} value={days} onChange={(e) => setDays(e.target.value)} aria-invalid={!daysOk} />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
        I understand that data encrypted under this key becomes unreadable once it is deleted
      </label>
      <button type="button" className="danger" disabled={action.busy || !daysOk || !understood} onClick={schedule}>
        Schedule deletion
      </button>
      <ActionResult action={action} failed="Deletion was not scheduled" />
    </section>
  );
}
