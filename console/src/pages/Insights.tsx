import {
  AssociateKmsKeyCommand,
  DescribeQueriesCommand,
  DescribeQueryDefinitionsCommand,
  DisassociateKmsKeyCommand,
  GetQueryResultsCommand,
  PutQueryDefinitionCommand,
  StartQueryCommand,
  StopQueryCommand,
  type GetQueryResultsResponse,
  type QueryStatus,
} from '@aws-sdk/client-cloudwatch-logs';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { KeyPicker } from '../components/KeyPicker.js';
import { ErrorPanel, Field, Load, PageTitle, Success, formatTime } from '../components/ui.js';
import { SearchBar } from '../components/SearchBar.js';
import { usePaged } from '../lib/paged.js';
import { Pager } from './group/GroupStreams.js';
import { useAction } from '../lib/action.js';
import { useAws } from '../lib/context.js';
import { listKeyRows } from '../lib/kms.js';
import { useLoad } from '../lib/load.js';
import { listLogGroups } from '../lib/logs.js';

const RANGES: { id: string; label: string; ms: number }[] = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
];
const DEFAULT_QUERY = 'fields @timestamp, @message, @logStream\n| sort @timestamp desc\n| limit 20';
const POLL_MS = 400;

type Run = { state: 'idle' } | { state: 'running'; queryId: string; out?: GetQueryResultsResponse } | { state: 'done'; queryId: string; out: GetQueryResultsResponse } | { state: 'error'; error: unknown };

/** `bin()` rows as bars: one time column (`yyyy-MM-dd HH:mm:ss.SSS`) and one numeric column. */
function chartOf(out: GetQueryResultsResponse | undefined): { label: string; bars: { t: string; v: number }[] } | undefined {
  const rows = out?.results ?? [];
  if (rows.length === 0) return undefined;
  const first = rows[0]!;
  const time = first.find((f) => f.field?.startsWith('bin(') || /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/.test(f.value ?? ''))?.field;
  const value = first.find((f) => f.field !== time && f.field !== '@ptr' && /^-?\d+(\.\d+)?$/.test(f.value ?? ''))?.field;
  if (!time || !value) return undefined;
  const bars = rows
    .map((r) => ({ t: r.find((f) => f.field === time)?.value ?? '', v: Number(r.find((f) => f.field === value)?.value ?? 0) }))
    .filter((b) => b.t !== '')
    .sort((a, b) => (a.t < b.t ? -1 : 1));
  return { label: `${value} by ${time}`, bars };
}

function BarChart({ label, bars }: { label: string; bars: { t: string; v: number }[] }) {
  const W = 480;
  const H = 120;
  const max = Math.max(1, ...bars.map((b) => b.v));
  const w = W / Math.max(1, bars.length);
  const summary = `${label}: ${bars.length} bars from ${bars[0]?.t} to ${bars[bars.length - 1]?.t}, highest ${max}.`;
  return (
    <figure className="histogram" data-testid="insights-chart">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} style={{ width: '100%', maxWidth: W, height: 'auto' }} role="img" aria-label={summary}>
        {bars.map((b, i) => {
          const h = Math.max(1, (b.v / max) * (H - 2));
          return (
            <rect key={b.t} x={i * w + 1} y={H - h} width={Math.max(1, w - 2)} height={h}>
              <title>{`${b.t}: ${b.v}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="hint">{summary}</figcaption>
    </figure>
  );
}

function ResultsTable({ out }: { out: GetQueryResultsResponse }) {
  const rows = out.results ?? [];
  const cols: string[] = [];
  for (const r of rows) for (const f of r) if (f.field && f.field !== '@ptr' && !cols.includes(f.field)) cols.push(f.field);
  if (rows.length === 0) return <p className="muted">No results.</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Query results">
    <table>
      <thead>
        <tr>
          {cols.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {cols.map((c) => (
              <td key={c}>
                <code>{r.find((f) => f.field === c)?.value ?? ''}</code>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

const DEFS_PAGE = 10;
const HISTORY_PAGE = 10;

export function InsightsPage() {
  const aws = useAws();
  const [groups] = useLoad(() => listLogGroups(aws), [aws]);
  // Saved queries and the history a page at a time (nextToken); saved queries are searched by name prefix and the
  // history by status, both with the operations' own parameters.
  const [defsPrefix, setDefsPrefix] = useState('');
  const defsPaged = usePaged(
    async (nextToken) => {
      const out = await aws.logs.send(new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: defsPrefix || undefined, maxResults: DEFS_PAGE, nextToken }));
      return { items: out.queryDefinitions ?? [], next: out.nextToken };
    },
    [aws, defsPrefix],
    defsPrefix,
  );
  const reloadDefs = defsPaged.reload;
  const [historyStatus, setHistoryStatus] = useState<QueryStatus | ''>('');
  const historyPaged = usePaged(
    async (nextToken) => {
      const out = await aws.logs.send(new DescribeQueriesCommand({ maxResults: HISTORY_PAGE, nextToken, status: historyStatus || undefined }));
      return { items: out.queries ?? [], next: out.nextToken };
    },
    [aws, historyStatus],
    historyStatus,
  );
  const reloadHistory = historyPaged.reload;
  const [keys] = useLoad(() => listKeyRows(aws), [aws]);
  const [selected, setSelected] = useState<string[]>([]);
  const [rangeId, setRangeId] = useState('1h');
  const [query, setQuery] = useState(DEFAULT_QUERY);
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const [saveName, setSaveName] = useState('');
  const [keyArn, setKeyArn] = useState('');
  const save = useAction();
  const keyAction = useAction();
  const current = useRef<string | null>(null);
  const resultsArn = `arn:aws:logs:${aws.session.region}:${aws.session.accountId}:query-result:*`;

  const follow = async (queryId: string) => {
    current.current = queryId;
    for (;;) {
      let out: GetQueryResultsResponse;
      try {
        out = await aws.logs.send(new GetQueryResultsCommand({ queryId }));
      } catch (error) {
        if (current.current === queryId) setRun({ state: 'error', error });
        return;
      }
      if (current.current !== queryId) return;
      if (out.status === 'Running' || out.status === 'Scheduled') {
        setRun({ state: 'running', queryId, out });
        await new Promise((r) => setTimeout(r, POLL_MS));
        continue;
      }
      setRun({ state: 'done', queryId, out });
      reloadHistory();
      return;
    }
  };

  useEffect(() => () => void (current.current = null), []);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    const range = RANGES.find((r) => r.id === rangeId)!;
    const now = Date.now();
    try {
      const out = await aws.logs.send(
        new StartQueryCommand({ logGroupNames: selected, startTime: Math.floor((now - range.ms) / 1000), endTime: Math.ceil(now / 1000), queryString: query }),
      );
      setRun({ state: 'running', queryId: out.queryId! });
      void follow(out.queryId!);
    } catch (error) {
      setRun({ state: 'error', error });
    }
  };

  const out = run.state === 'running' || run.state === 'done' ? run.out : undefined;
  const chart = chartOf(out);
  return (
    <>
      <PageTitle>Logs Insights</PageTitle>
      <div className="columns">
        <form onSubmit={start} aria-label="Query editor">
          <Load value={groups} what="log groups" unavailable="DescribeLogGroups">
            {(gs) => (
              <Field label="Log groups" hint="Up to 50 groups.">
                {(p) => (
                  <select {...p} multiple value={selected} onChange={(e) => setSelected([...e.target.selectedOptions].map((o) => o.value))}>
                    {gs.map((g) => (
                      <option key={g.logGroupName} value={g.logGroupName}>
                        {g.logGroupName}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
          </Load>
          <Field label="Time range">
            {(p) => (
              <select {...p} value={rangeId} onChange={(e) => setRangeId(e.target.value)}>
                {RANGES.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Query" hint="Logs Insights query language: fields, filter, stats … by bin(5m), sort, limit, parse, dedup, display, unnest, pattern.">
            {(p) => <textarea {...p} className="code" rows={6} spellCheck={false} value={query} onChange={(e) => setQuery(e.target.value)} />}
          </Field>
          <p>
            <button type="submit" disabled={selected.length === 0 || run.state === 'running'}>
              Run query
            </button>{' '}
            {run.state === 'running' ? (
              <button type="button" className="secondary" onClick={() => void aws.logs.send(new StopQueryCommand({ queryId: run.queryId })).catch(() => undefined)}>
                Cancel
              </button>
            ) : null}
          </p>
          <Field label="Save as">
            {(p) => <input {...p} value={saveName} onChange={(e) => setSaveName(e.target.value)} />}
          </Field>
          <button
            type="button"
            className="secondary"
            disabled={saveName === '' || save.busy}
            onClick={() => void save.run(() => aws.logs.send(new PutQueryDefinitionCommand({ name: saveName, queryString: query, logGroupNames: selected })), `Saved “${saveName}”.`, reloadDefs)}
          >
            Save query
          </button>
          {save.error ? <ErrorPanel error={save.error} /> : null}
          {save.done ? <Success>{save.done}</Success> : null}
        </form>
        <aside aria-label="Saved queries">
          <h2>Saved queries</h2>
          <SearchBar label="Saved queries whose name starts with" button="Search saved queries" value={defsPrefix} onSearch={setDefsPrefix} />
          <Load value={defsPaged.value} what="saved queries" unavailable="DescribeQueryDefinitions">
            {({ items: ds, next }) => (
              <>
              {ds.length === 0 ? (
                <p className="muted">{defsPrefix ? `No saved query name starts with "${defsPrefix}".` : 'None yet.'}</p>
              ) : (
                <ul>
                  {ds.map((d) => (
                    <li key={d.queryDefinitionId}>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => {
                          setQuery(d.queryString ?? '');
                          if (d.logGroupNames?.length) setSelected(d.logGroupNames);
                        }}
                      >
                        {d.name}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              <Pager hasPrevious={defsPaged.hasPrevious} next={next} onPrevious={defsPaged.previous} onNext={defsPaged.nextPage} what="saved queries" />
              </>
            )}
          </Load>
        </aside>
      </div>

      <section aria-label="Results">
        <h2>Results</h2>
        {run.state === 'error' ? <ErrorPanel error={run.error} title="The query failed" /> : null}
        {run.state === 'running' ? (
          <p role="status" aria-live="polite">
            Running… {out?.statistics ? `${out.statistics.recordsScanned ?? 0} records scanned` : ''}
          </p>
        ) : null}
        {out && run.state === 'done' ? (
          <>
            <p role="status" data-testid="insights-status">
              {out.status}: {out.statistics?.recordsMatched ?? 0} of {out.statistics?.recordsScanned ?? 0} records matched, {out.results?.length ?? 0} rows.{' '}
              {out.encryptionKey ? `Results stored encrypted with ${out.encryptionKey}.` : 'Results stored encrypted with the service-owned key.'}
            </p>
            {chart ? <BarChart {...chart} /> : null}
            <ResultsTable out={out} />
          </>
        ) : null}
      </section>

      <section aria-label="Query history">
        <h2>History</h2>
        <div className="field">
          <label htmlFor="history-status">Queries with the status</label>
          <select id="history-status" value={historyStatus} onChange={(e) => setHistoryStatus(e.target.value as QueryStatus | '')}>
            <option value="">Any status</option>
            {(['Complete', 'Running', 'Scheduled', 'Failed', 'Cancelled', 'Timeout'] as const).map((st) => (
              <option key={st} value={st}>
                {st}
              </option>
            ))}
          </select>
        </div>
        <Load value={historyPaged.value} what="recent queries" unavailable="DescribeQueries">
          {({ items: qs, next }) => (
            <>
            {qs.length === 0 ? <p>{historyStatus ? `No queries with the status ${historyStatus}.` : 'No queries yet.'}</p> : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Recent queries">
            <table>
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                  <th scope="col">Query</th>
                </tr>
              </thead>
              <tbody>
                {qs.map((q) => (
                  <tr key={q.queryId}>
                    <td className="nowrap">{formatTime(q.createTime)}</td>
                    <td>{q.status}</td>
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => {
                          setQuery(q.queryString ?? '');
                          void follow(q.queryId!);
                        }}
                      >
                        <code>{q.queryString}</code>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
            )}
            <Pager hasPrevious={historyPaged.hasPrevious} next={next} onPrevious={historyPaged.previous} onNext={historyPaged.nextPage} what="queries" />
            </>
          )}
        </Load>
      </section>

      <section aria-label="Query results encryption">
        <h2>Encryption of query results</h2>
        <p className="hint">
          Associating a key with <code>{resultsArn}</code> encrypts the results of every later query of this account and region with it. Its key policy must
          let CloudWatch Logs use it with that ARN in the encryption context.
        </p>
        <Load value={keys} what="keys" unavailable="ListKeys">
          {(rows) => <KeyPicker keys={rows} value={keyArn} onChange={setKeyArn} label="Query results key" none="Service-owned key (no customer key)" />}
        </Load>
        <button
          type="button"
          disabled={keyAction.busy}
          onClick={() =>
            void keyAction.run(
              () =>
                keyArn
                  ? aws.logs.send(new AssociateKmsKeyCommand({ resourceIdentifier: resultsArn, kmsKeyId: keyArn }))
                  : aws.logs.send(new DisassociateKmsKeyCommand({ resourceIdentifier: resultsArn })),
              keyArn ? `Query results are now encrypted with ${keyArn}.` : 'Query results are now encrypted with the service-owned key.',
            )
          }
        >
          Set query results key
        </button>
        {keyAction.error ? <ErrorPanel error={keyAction.error} /> : null}
        {keyAction.done ? <Success>{keyAction.done}</Success> : null}
      </section>
    </>
  );
}
