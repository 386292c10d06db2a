import {
  CreateLogAnomalyDetectorCommand,
  GetLogAnomalyDetectorCommand,
  ListAnomaliesCommand,
  ListLogAnomalyDetectorsCommand,
  UpdateAnomalyCommand,
  type Anomaly,
  type AnomalyDetector,
  type EvaluationFrequency,
  type SuppressionState,
} from '@aws-sdk/client-cloudwatch-logs';
import { useState, type FormEvent } from 'react';
import { ActionResult } from '../components/ActionResult.js';
import { Histogram } from '../components/Histogram.js';
import { KeyPicker } from '../components/KeyPicker.js';
import { LogsAccessHint } from '../components/LogsAccessHint.js';
import { ErrorPanel, Field, Load, PageTitle, formatTime } from '../components/ui.js';
import { useAction } from '../lib/action.js';
import { useAws } from '../lib/context.js';
import { keyIdOfArn } from '../lib/keyErrors.js';
import { listKeyRows } from '../lib/kms.js';
import { useLoad } from '../lib/load.js';
import { listLogGroups, logGroupArn, withoutStar } from '../lib/logs.js';
import { textMatch, usePaged } from '../lib/paged.js';
import { SearchBar } from '../components/SearchBar.js';
import { Pager } from './group/GroupStreams.js';
import { Link, navigate, withQuery } from '../lib/router.js';
import { DetectorSettings } from './detector/DetectorSettings.js';
import { AnomalyContext } from './detector/AnomalyContext.js';

const FREQUENCIES: { value: EvaluationFrequency; label: string }[] = [
  { value: 'ONE_MIN', label: 'Every minute' },
  { value: 'FIVE_MIN', label: 'Every 5 minutes' },
  { value: 'TEN_MIN', label: 'Every 10 minutes' },
  { value: 'FIFTEEN_MIN', label: 'Every 15 minutes' },
  { value: 'THIRTY_MIN', label: 'Every 30 minutes' },
  { value: 'ONE_HOUR', label: 'Every hour' },
];

const NO_ANOMALIES: Record<SuppressionState | '', string> = {
  '': 'No anomalies found yet. The detector reports them after it has learned the usual patterns.',
  UNSUPPRESSED: 'No anomalies that are not suppressed.',
  SUPPRESSED: 'No suppressed anomalies.',
};

function frequencyText(f: string | undefined): string {
  return FREQUENCIES.find((x) => x.value === f)?.label ?? f ?? '—';
}

function groupNameOf(arn: string): string {
  const i = arn.indexOf(':log-group:');
  return i < 0 ? arn : withoutStar(arn.slice(i + ':log-group:'.length));
}

const DETECTOR_PAGE = 25;
const ANOMALY_PAGE = 10;

/**
 * The detectors of the region a page at a time (ListLogAnomalyDetectors with limit and nextToken), searched by name
 * or log group (server pages are read until a page of matches is found: the operation has no name search).
 */
export function DetectorsPage() {
  const aws = useAws();
  const [search, setSearch] = useState('');
  const paged = usePaged(
    async (nextToken) => {
      const out = await aws.logs.send(new ListLogAnomalyDetectorsCommand({ limit: DETECTOR_PAGE, nextToken }));
      return { items: out.anomalyDetectors ?? [], next: out.nextToken };
    },
    [aws],
    search,
    search ? { match: (d: AnomalyDetector) => textMatch(search, d.detectorName, d.anomalyDetectorArn, ...(d.logGroupArnList ?? []).map(groupNameOf)), want: DETECTOR_PAGE } : {},
  );
  return (
    <>
      <PageTitle>Anomaly detectors</PageTitle>
      <p>An anomaly detector learns the usual patterns of a log group's events and reports the unusual ones.</p>
      <Load value={paged.value} what="anomaly detectors" unavailable="Log anomaly detection">
        {(page) => (
          <>
            <CreateDetector />
            <section aria-labelledby="detectors-h">
              <h2 id="detectors-h">Detectors</h2>
              <SearchBar label="Detectors whose name or log group contains" button="Search detectors" value={search} onSearch={setSearch} />
              {page.items.length === 0 ? (
                <p>{search ? `No detector name or log group contains "${search}"${page.next ? ' on the pages read so far' : ''}.` : 'There are no anomaly detectors yet.'}</p>
              ) : (
                <DetectorTable list={page.items} />
              )}
              <Pager hasPrevious={paged.hasPrevious} next={page.next} onPrevious={paged.previous} onNext={paged.nextPage} what="detectors" />
            </section>
          </>
        )}
      </Load>
    </>
  );
}

function DetectorTable({ list }: { list: AnomalyDetector[] }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Anomaly detectors table">
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Log groups</th>
            <th scope="col">Runs</th>
            <th scope="col">Status</th>
            <th scope="col">Key</th>
          </tr>
        </thead>
        <tbody>
          {list.map((d) => (
            <tr key={d.anomalyDetectorArn}>
              <td>
                <Link to={withQuery('/detector', { arn: d.anomalyDetectorArn })}>{d.detectorName || d.anomalyDetectorArn}</Link>
              </td>
              <td>{(d.logGroupArnList ?? []).map(groupNameOf).join(', ')}</td>
              <td>{frequencyText(d.evaluationFrequency)}</td>
              <td>{d.anomalyDetectorStatus ?? '—'}</td>
              <td>{d.kmsKeyId ? <Link to={`/keys/${keyIdOfArn(d.kmsKeyId)}`} className="mono">{keyIdOfArn(d.kmsKeyId)}</Link> : <span className="muted">Service-owned key</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateDetector() {
  const aws = useAws();
  const [groups] = useLoad(() => listLogGroups(aws), [aws]);
  const [keys] = useLoad(() => listKeyRows(aws), [aws]);
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [frequency, setFrequency] = useState<EvaluationFrequency>('FIVE_MIN');
  const [pattern, setPattern] = useState('');
  const [keyArn, setKeyArn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!group) return;
    setBusy(true);
    setError(null);
    try {
      const out = await aws.logs.send(
        new CreateLogAnomalyDetectorCommand({
          logGroupArnList: [group],
          detectorName: name.trim() || undefined,
          evaluationFrequency: frequency,
          filterPattern: pattern.trim() || undefined,
          kmsKeyId: keyArn || undefined,
        }),
      );
      navigate(withQuery('/detector', { arn: out.anomalyDetectorArn }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="create-detector-h">
      <h2 id="create-detector-h">Create a detector</h2>
      <form onSubmit={submit} className="form">
        <Field label="Name (optional)">{(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        <Load value={groups} what="log groups" unavailable="CloudWatch Logs">
          {(list) => (
            <Field label="Log group">
              {(p) => (
                <select {...p} value={group} onChange={(e) => setGroup(e.target.value)} required>
                  <option value="">Choose a log group</option>
                  {list.map((g) => {
                    const arn = withoutStar(g.arn ?? logGroupArn(aws.session.region, aws.session.accountId, g.logGroupName!));
                    return (
                      <option key={arn} value={arn}>
                        {g.logGroupName}
                      </option>
                    );
                  })}
                </select>
              )}
            </Field>
          )}
        </Load>
        <Field label="How often it runs">
          {(p) => (
            <select {...p} value={frequency} onChange={(e) => setFrequency(e.target.value as EvaluationFrequency)}>
              {FREQUENCIES.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Filter pattern (optional)" hint="Only events matching it are analysed. Empty analyses every event.">
          {(p) => <input {...p} value={pattern} onChange={(e) => setPattern(e.target.value)} spellCheck={false} />}
        </Field>
        <Load value={keys} what="keys" unavailable="AWS KMS">
          {(rows) => <KeyPicker keys={rows} value={keyArn} onChange={setKeyArn} label="Key for the detector's findings" none="Service-owned key (no customer key)" />}
        </Load>
        {/* The new detector's ARN is not known yet: the check is for any detector of the account and region. */}
        {keyArn ? <LogsAccessHint keyArn={keyArn} target={{ kind: 'anomaly-detector', arn: `arn:aws:logs:${aws.session.region}:${aws.session.accountId}:anomaly-detector:*` }} /> : null}
        <button type="submit" disabled={busy || !group}>
          {busy ? 'Creating…' : 'Create detector'}
        </button>
      </form>
      {error ? <ErrorPanel error={error} title="The detector was not created" /> : null}
    </section>
  );
}

export function DetectorPage({ arn }: { arn: string }) {
  const aws = useAws();
  const [state, setState] = useState<SuppressionState | ''>('');
  const [search, setSearch] = useState('');
  const [detector, reloadDetector] = useLoad(async (): Promise<AnomalyDetector> => {
    const { $metadata: _, ...d } = await aws.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }));
    return { ...d, anomalyDetectorArn: arn };
  }, [aws, arn]);
  // Anomalies a page at a time (ListAnomalies with limit and nextToken); the suppression state is the server's own
  // filter, the text search reads server pages until a page of matches is found.
  const anomalies = usePaged(
    async (nextToken) => {
      const out = await aws.logs.send(new ListAnomaliesCommand({ anomalyDetectorArn: arn, suppressionState: state || undefined, nextToken, limit: ANOMALY_PAGE }));
      return { items: out.anomalies ?? [], next: out.nextToken };
    },
    [aws, arn, state],
    `${state}\n${search}`,
    search ? { match: (a: Anomaly) => textMatch(search, a.description, a.patternString, ...(a.logSamples ?? []).map((x) => x.message)), want: ANOMALY_PAGE } : {},
  );
  const reload = anomalies.reload;
  const name = detector.state === 'ok' && detector.data ? detector.data.detectorName || arn : arn;
  return (
    <>
      <p className="crumbs">
        <Link to="/detectors">Anomaly detectors</Link> /
      </p>
      <PageTitle>Anomalies of {name}</PageTitle>
      {detector.state === 'ok' && detector.data ? (
        <p>
          Watches {(detector.data.logGroupArnList ?? []).map(groupNameOf).join(', ')}; {frequencyText(detector.data.evaluationFrequency).toLowerCase()}; status{' '}
          {detector.data.anomalyDetectorStatus ?? 'unknown'}.
          {detector.data.filterPattern ? (
            <>
              {' '}
              Analyses the events matching <span className="mono">{detector.data.filterPattern}</span>.
            </>
          ) : null}{' '}
          {detector.data.kmsKeyId ? (
            <>
              Its findings are encrypted with the key{' '}
              <Link to={`/keys/${keyIdOfArn(detector.data.kmsKeyId)}`} className="mono">
                {keyIdOfArn(detector.data.kmsKeyId)}
              </Link>
              .
            </>
          ) : (
            'Its findings are encrypted with the service-owned key.'
          )}
        </p>
      ) : null}
      {detector.state === 'error' ? <ErrorPanel error={detector.error} title="Could not load the detector" /> : null}
      {detector.state === 'ok' && detector.data ? (
        <DetectorSettings d={detector.data} onChanged={reloadDetector} />
      ) : null}
      <Field label="Show">
        {(p) => (
          <select {...p} value={state} onChange={(e) => setState(e.target.value as SuppressionState | '')}>
            <option value="">All anomalies</option>
            <option value="UNSUPPRESSED">Not suppressed</option>
            <option value="SUPPRESSED">Suppressed</option>
          </select>
        )}
      </Field>
      <SearchBar label="Anomalies whose description, pattern or sample events contain" button="Search anomalies" value={search} onSearch={setSearch} />
      <Load value={anomalies.value} what="anomalies" unavailable="ListAnomalies">
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <p>{search ? `No anomaly mentions "${search}"${page.next ? ' on the pages read so far' : ''}.` : NO_ANOMALIES[state]}</p>
            ) : (
              page.items.map((a) => <AnomalyCard key={a.anomalyId} a={a} onChanged={reload} detector={detector.state === 'ok' ? detector.data : undefined} />)
            )}
            <Pager hasPrevious={anomalies.hasPrevious} next={page.next} onPrevious={anomalies.previous} onNext={anomalies.nextPage} what="anomalies" />
          </>
        )}
      </Load>
    </>
  );
}

function AnomalyCard({ a, onChanged, detector }: { a: Anomaly; onChanged: () => void; detector?: AnomalyDetector }) {
  const aws = useAws();
  const action = useAction();
  const [hours, setHours] = useState('0');
  const update = (input: Partial<ConstructorParameters<typeof UpdateAnomalyCommand>[0]>, done: string) =>
    action.run(() => aws.logs.send(new UpdateAnomalyCommand({ anomalyDetectorArn: a.anomalyDetectorArn!, anomalyId: a.anomalyId, ...input })), done, onChanged);
  const suppress = () => {
    const h = Number(hours);
    return h > 0
      ? update({ suppressionType: 'LIMITED', suppressionPeriod: { value: h, suppressionUnit: 'HOURS' } }, `Suppressed for ${h} hours.`)
      : update({ suppressionType: 'INFINITE' }, 'Suppressed until you unsuppress it.');
  };
  // UpdateAnomaly without a suppression type ends the suppression, so baselining a suppressed anomaly unsuppresses it.
  const markBaseline = () => update({ baseline: true }, a.suppressed ? 'Marked as normal behaviour (baseline); it is no longer suppressed.' : 'Marked as normal behaviour (baseline).');
  const headingId = `anomaly-${a.anomalyId}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span className={`badge badge-${a.priority === 'HIGH' ? 'bad' : a.priority === 'MEDIUM' ? 'warn' : 'ok'}`}>{a.priority ?? 'No'} priority</span> {a.description}
      </h2>
      <p className="mono pattern">{a.patternString}</p>
      <p>
        First seen {formatTime(a.firstSeen)}, last seen {formatTime(a.lastSeen)}. State: {a.state}
        {a.suppressed ? (a.suppressedUntil ? `, suppressed until ${formatTime(a.suppressedUntil)}` : ', suppressed') : ''}.
      </p>
      <Histogram data={a.histogram ?? {}} label={`Occurrences of this anomaly per detector run`} />
      {detector && a.patternString ? (
        <AnomalyContext a={a} groups={(a.logGroupArnList?.length ? a.logGroupArnList : (detector.logGroupArnList ?? [])).map(groupNameOf)} frequency={detector.evaluationFrequency} />
      ) : null}
      {a.logSamples && a.logSamples.length > 0 ? (
        <details>
          <summary>Sample events ({a.logSamples.length})</summary>
          <ul className="samples">
            {a.logSamples.map((s, i) => (
              <li key={i}>
                <span className="muted">{formatTime(s.timestamp)}</span> <span className="message">{s.message}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="actions">
        {a.suppressed ? (
          <button type="button" disabled={action.busy} onClick={() => update({}, 'No longer suppressed.')}>
            Unsuppress
          </button>
        ) : (
          <>
            <Field label="Suppress for">
              {(p) => (
                <select {...p} value={hours} onChange={(e) => setHours(e.target.value)}>
                  <option value="0">Until I unsuppress it</option>
                  <option value="1">1 hour</option>
                  <option value="24">1 day</option>
                  <option value="168">7 days</option>
                </select>
              )}
            </Field>
            <button type="button" disabled={action.busy} onClick={suppress}>
              Suppress
            </button>
          </>
        )}
        <button type="button" className="secondary" disabled={action.busy || a.state === 'Baseline'} onClick={markBaseline}>
          Mark as baseline
        </button>
      </div>
      <ActionResult action={action} failed="The anomaly was not changed" />
    </article>
  );
}
