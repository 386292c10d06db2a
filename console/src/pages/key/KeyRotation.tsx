import { DisableKeyRotationCommand, EnableKeyRotationCommand, GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import { useEffect, useState } from 'react';
import { ActionResult } from '../../components/ActionResult.js';
import { Field, Load, formatTime } from '../../components/ui.js';
import { useAction } from '../../lib/action.js';
import { useAws } from '../../lib/context.js';
import { useLoad } from '../../lib/load.js';

const MIN_PERIOD = 90;
const MAX_PERIOD = 2560;

/** Automatic rotation on or off, and its period (90–2560 days, 365 by default). */
export function KeyRotation({ keyId }: { keyId: string }) {
  const aws = useAws();
  const action = useAction();
  const [status, reload] = useLoad(() => aws.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId })), [aws, keyId]);
  const [enabled, setEnabled] = useState(false);
  const [period, setPeriod] = useState('365');
  useEffect(() => {
    if (status.state !== 'ok') return;
    setEnabled(status.data.KeyRotationEnabled ?? false);
    setPeriod(String(status.data.RotationPeriodInDays ?? 365));
  }, [status]);
  const days = Number(period);
  const periodOk = Number.isInteger(days) && days >= MIN_PERIOD && days <= MAX_PERIOD;

  const save = () =>
    action.run(
      () =>
        enabled
          ? aws.kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: days }))
          : aws.kms.send(new DisableKeyRotationCommand({ KeyId: keyId })),
      enabled ? `Automatic rotation is on, every ${days} days.` : 'Automatic rotation is off.',
      reload,
    );

  return (
    <section aria-labelledby="rotation-h">
      <h2 id="rotation-h">Automatic rotation</h2>
      <Load value={status} what="the rotation status" unavailable="Key rotation">
        {(s) => (
          <>
            <p>
              Rotation makes new key material for new encryptions; data encrypted earlier stays readable.
              {s.KeyRotationEnabled && s.NextRotationDate ? ` Next rotation: ${formatTime(s.NextRotationDate)}.` : ''}
            </p>
            <label className="check">
              <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
              Rotate the key automatically
            </label>
            <Field label="Rotation period in days" hint={periodOk ? `Between ${MIN_PERIOD} and ${MAX_PERIOD}.` : `Enter a whole number of days between ${MIN_PERIOD} and ${MAX_PERIOD}.`}>
              {(p) => <input {...p} type="number" min={MIN_PERIOD} max={MAX_PERIOD} value={period} disabled={!enabled} onChange={(e) => setPeriod(e.target.value)} aria-invalid={!periodOk} />}
            </Field>
            <button type="button" disabled={action.busy || (enabled && !periodOk)} onClick={save}>
              Save rotation
            </button>
            <ActionResult action={action} failed="Rotation was not changed" />
          </>
        )}
      </Load>
    </section>
  );
}
