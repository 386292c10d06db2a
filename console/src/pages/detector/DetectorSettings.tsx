import { DeleteLogAnomalyDetectorCommand, UpdateLogAnomalyDetectorCommand, type AnomalyDetector, type EvaluationFrequency } from '@aws-sdk/client-cloudwatch-logs';
import { useId, useState } from 'react';
import { ActionResult } from '../../components/ActionResult.js';
import { useAction } from '../../lib/action.js';
import { useAws } from '../../lib/context.js';
import { navigate } from '../../lib/router.js';

const FREQUENCIES: { value: EvaluationFrequency; label: string }[] = [
  { value: 'ONE_MIN', label: 'Every minute' },
  { value: 'FIVE_MIN', label: 'Every 5 minutes' },
  { value: 'TEN_MIN', label: 'Every 10 minutes' },
  { value: 'FIFTEEN_MIN', label: 'Every 15 minutes' },
  { value: 'THIRTY_MIN', label: 'Every 30 minutes' },
  { value: 'ONE_HOUR', label: 'Every hour' },
];

/**
 * Changes a detector with UpdateLogAnomalyDetector (frequency, filter pattern, how long anomalies stay visible,
 * paused or running), and deletes it after a confirmation.
 */
export function DetectorSettings({ d, onChanged }: { d: AnomalyDetector; onChanged: () => void }) {
  const aws = useAws();
  const id = useId();
  const action = useAction();
  const arn = d.anomalyDetectorArn!;
  const [frequency, setFrequency] = useState<EvaluationFrequency>(d.evaluationFrequency ?? 'FIVE_MIN');
  const [pattern, setPattern] = useState(d.filterPattern ?? '');
  const [visibility, setVisibility] = useState(String(d.anomalyVisibilityTime ?? 21));
  const [confirming, setConfirming] = useState(false);
  const paused = d.anomalyDetectorStatus === 'PAUSED';
  const update = (enabled: boolean, done: string) =>
    action.run(
      () =>
        aws.logs.send(
          new UpdateLogAnomalyDetectorCommand({
            anomalyDetectorArn: arn,
            enabled,
            evaluationFrequency: frequency,
            filterPattern: pattern,
            anomalyVisibilityTime: Number(visibility),
          }),
        ),
      done,
      onChanged,
    );
  const remove = async () => {
    if (await action.run(() => aws.logs.send(new DeleteLogAnomalyDetectorCommand({ anomalyDetectorArn: arn })), 'The detector is deleted.')) navigate('/detectors');
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Detector settings</h2>
      <div className="field">
        <label htmlFor={`${id}-freq`}>Runs</label>
        <select id={`${id}-freq`} value={frequency} onChange={(e) => setFrequency(e.target.value as EvaluationFrequency)}>
          {FREQUENCIES.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-pattern`}>Filter pattern (optional)</label>
        <input id={`${id}-pattern`} className="mono" value={pattern} onChange={(e) => setPattern(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-vis`}>Keep anomalies visible for (days)</label>
        <input id={`${id}-vis`} type="number" min={7} max={90} value={visibility} onChange={(e) => setVisibility(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" disabled={action.busy} onClick={() => void update(!paused, 'The detector is updated.')}>
          Save settings
        </button>
        {paused ? (
          <button type="button" className="secondary" disabled={action.busy} onClick={() => void update(true, 'The detector runs again.')}>
            Resume detector
          </button>
        ) : (
          <button type="button" className="secondary" disabled={action.busy} onClick={() => void update(false, 'The detector is paused.')}>
            Pause detector
          </button>
        )}
        {confirming ? null : (
          <button type="button" className="danger" disabled={action.busy} onClick={() => setConfirming(true)}>
            Delete detector
          </button>
        )}
      </div>
      {confirming ? (
        <div className="panel panel-warn" role="group" aria-label="Confirm deleting the detector">
          <p>
            <strong>Delete {d.detectorName || arn}?</strong> What it learned and the anomalies it found are deleted with it.
          </p>
          <div className="actions">
            <button type="button" className="danger" disabled={action.busy} onClick={() => void remove()}>
              Yes, delete the detector
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <ActionResult action={action} failed="The detector was not changed" />
    </section>
  );
}
