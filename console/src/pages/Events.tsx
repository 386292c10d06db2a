import { DescribeLogStreamsCommand, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { useCallback, useEffect, useRef, useState, type Dispatch, type FormEvent, type SetStateAction } from 'react';
import { DataErrorPanel } from '../components/KeyTroublePanel.js';
import { ErrorPanel, Field, Loading, PageTitle, Unavailable, formatTime } from '../components/ui.js';
import { useAws } from '../lib/context.js';
import { isUnknownOperation } from '../lib/errors.js';
import { KeyBag, asFilteredEvent, contentKey, followLive } from '../lib/liveTail.js';
import { useLoad } from '../lib/load.js';
import { logGroupArn } from '../lib/logs.js';
import { Link, navigate, withQuery } from '../lib/router.js';

const RANGES: { id: string; label: string; ms?: number }[] = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: 'all', label: 'All time' },
  { id: 'custom', label: 'Custom range' },
];

/** Pages of FilterLogEvents read when a Live Tail session starts, for what was stored since the newest event shown. */
const CATCH_UP_PAGES = 5;
/** How long after a session starts its events are matched against those fetched then. */
const REPEATS_WINDOW_MS = 5000;
const PAGE_LIMIT = 200;

interface Search {
  group: string;
  stream: string;
  pattern: string;
  start?: number;
  end?: number;
}

type Results = { state: 'idle' } | { state: 'loading' } | { state: 'ok'; events: FilteredLogEvent[]; next?: string } | { state: 'error'; error: unknown } | { state: 'unavailable' };

function rangeOf(rangeId: string, from: string, to: string): { start?: number; end?: number } {
  if (rangeId === 'custom') return { start: from ? new Date(from).getTime() : undefined, end: to ? new Date(to).getTime() : undefined };
  const r = RANGES.find((x) => x.id === rangeId);
  return r?.ms ? { start: Date.now() - r.ms } : {};
}

export function EventsPage({ group, stream: initialStream, filter }: { group: string; stream: string; filter: string }) {
  const aws = useAws();
  const groupArn = logGroupArn(aws.session.region, aws.session.accountId, group);
  const [stream, setStream] = useState(initialStream);
  // Suggestions for the stream field: the most recently written streams, or, once a name is being typed, the streams
  // whose name starts with it (DescribeLogStreams' own prefix search), so any stream of a large group can be picked.
  const typedPrefix = stream.trim();
  const [streams] = useLoad(async () => {
    const out = await aws.logs.send(
      new DescribeLogStreamsCommand(
        typedPrefix
          ? { logGroupName: group, logStreamNamePrefix: typedPrefix, limit: 50 }
          : { logGroupName: group, orderBy: 'LastEventTime', descending: true, limit: 50 },
      ),
    );
    return (out.logStreams ?? []).map((s) => s.logStreamName!);
  }, [aws, group, typedPrefix]);
  // The filter pattern lives in the URL (?filter=…), so a search can be bookmarked, shared and reloaded.
  const initialFilter = useRef(filter).current;
  const [pattern, setPattern] = useState(initialFilter);
  const [rangeId, setRangeId] = useState('24h');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [follow, setFollow] = useState(false);
  const [results, setResults] = useState<Results>({ state: 'idle' });
  const [announce, setAnnounce] = useState('');
  const search = useRef<Search>({ group, stream: initialStream, pattern: initialFilter });
  const [liveError, setLiveError] = useState<unknown>(null);
  const liveStopped = useCallback((error: unknown) => {
    setFollow(false);
    setLiveError(error);
  }, []);

  const fetchPage = useCallback(
    async (s: Search, nextToken?: string) => {
      const out = await aws.logs.send(
        new FilterLogEventsCommand({
          logGroupName: group,
          logStreamNames: s.stream ? [s.stream] : undefined,
          filterPattern: s.pattern || undefined,
          startTime: s.start,
          endTime: s.end,
          nextToken,
          limit: PAGE_LIMIT,
        }),
      );
      return { events: out.events ?? [], next: out.nextToken };
    },
    [aws, group],
  );

  const run = useCallback(
    async (s: Search) => {
      search.current = s;
      setResults({ state: 'loading' });
      try {
        const page = await fetchPage(s);
        if (search.current === s) setResults({ state: 'ok', ...page });
      } catch (error) {
        if (search.current === s) setResults(isUnknownOperation(error) ? { state: 'unavailable' } : { state: 'error', error });
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    void run({ group, stream: initialStream, pattern: initialFilter, ...rangeOf('24h', '', '') });
  }, [run, group, initialStream, initialFilter]);

  useLiveFollow(follow, results, fetchPage, search, setResults, setAnnounce, liveStopped);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(withQuery('/events', { group, stream: initialStream || undefined, filter: pattern.trim() || undefined }), { replace: true });
    void run({ group, stream: stream.trim(), pattern: pattern.trim(), ...rangeOf(rangeId, from, to) });
  };

  const more = async () => {
    if (results.state !== 'ok' || !results.next) return;
    try {
      const page = await fetchPage(search.current, results.next);
      setResults({ state: 'ok', events: [...results.events, ...page.events], next: page.next });
    } catch (error) {
      setResults({ state: 'error', error });
    }
  };

  return (
    <>
      <p className="crumbs">
        <Link to="/log-groups">Log groups</Link> / <Link to={withQuery('/log-group', { name: group })}>{group}</Link> /
      </p>
      <PageTitle>Events of {group}</PageTitle>
      <form onSubmit={submit} className="form wide search-form">
        <Field label="Log stream" hint="Empty searches every stream; type a name to pick one (names starting with what you type are offered).">
          {(p) => (
            <>
              <input {...p} list={`${p.id}-streams`} value={stream} onChange={(e) => setStream(e.target.value)} spellCheck={false} autoComplete="off" />
              <datalist id={`${p.id}-streams`}>{streams.state === 'ok' ? streams.data.map((s) => <option key={s} value={s} />) : null}</datalist>
            </>
          )}
        </Field>
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
        {rangeId === 'custom' ? (
          <>
            <Field label="From (your local time)">{(p) => <input {...p} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
            <Field label="To (your local time)">{(p) => <input {...p} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
          </>
        ) : null}
        <Field label="Filter pattern" hint={<>CloudWatch Logs filter pattern syntax, for example <code>ERROR</code>, <code>"disk full"</code> or <code>{'{ $.status = 500 }'}</code>. Empty shows every event.</>}>
          {(p) => <input {...p} value={pattern} onChange={(e) => setPattern(e.target.value)} spellCheck={false} />}
        </Field>
        <div className="actions">
          <button type="submit">Search</button>
          <label className="check">
            <input
              type="checkbox"
              checked={follow}
              onChange={(e) => {
                setLiveError(null);
                setFollow(e.target.checked);
              }}
            />
            Follow new events live
          </label>
        </div>
      </form>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      {liveError !== null ? (
        <ErrorPanel error={liveError} title="Following live stopped (StartLiveTail)">
          <p>Turn on "Follow new events live" to start a new Live Tail session.</p>
        </ErrorPanel>
      ) : null}
      <EventResults results={results} groupArn={groupArn} onMore={more} />
    </>
  );
}

/**
 * While following, a Live Tail session (`StartLiveTail`) of the group, with the search's stream and filter pattern,
 * appends the events stored from then on, in the order they were stored (so an event sent late with an old timestamp
 * is shown too). When a session starts, the events stored since the newest one shown are fetched once with
 * FilterLogEvents (so nothing stored between the search and the session is missed); the session's first events that
 * repeat those are dropped, matched by stream, time and message (Live Tail events carry no event id). The session
 * stops when following is turned off, the search changes or the page is left; one that reaches the three-hour cap is
 * started again.
 */
function useLiveFollow(
  follow: boolean,
  results: Results,
  fetchPage: (s: Search, token?: string) => Promise<{ events: FilteredLogEvent[]; next?: string }>,
  search: { current: Search },
  setResults: Dispatch<SetStateAction<Results>>,
  setAnnounce: (s: string) => void,
  onStopped: (error: unknown) => void,
) {
  const aws = useAws();
  const groupArn = logGroupArn(aws.session.region, aws.session.accountId, search.current.group);
  const latest = useRef(results);
  latest.current = results;
  // A new session for each search: its stream and pattern are the session's.
  const searchKey = results.state === 'ok' ? search.current : null;
  useEffect(() => {
    if (!follow || searchKey === null) return;
    const ctl = new AbortController();
    const s = searchKey;
    const repeats = new KeyBag();
    let repeatsUntil = 0;
    const append = (fresh: FilteredLogEvent[], note = '') => {
      if (fresh.length === 0) return;
      setResults((r) => (r.state === 'ok' && search.current === s ? { ...r, events: [...r.events, ...fresh] } : r));
      setAnnounce(`${fresh.length} new event${fresh.length === 1 ? '' : 's'}${note}`);
    };
    void followLive(aws.logs, { groupArn, stream: s.stream, pattern: s.pattern }, ctl.signal, {
      onStart: async () => {
        const r = latest.current;
        if (r.state !== 'ok') return;
        const newest = r.events.reduce((m, e) => Math.max(m, e.timestamp ?? 0), s.start ?? 0);
        const caught: FilteredLogEvent[] = [];
        let next: string | undefined;
        for (let i = 0; i < CATCH_UP_PAGES; i++) {
          const page = await fetchPage({ ...s, start: newest, end: undefined }, next);
          caught.push(...page.events);
          next = page.next;
          if (!next) break;
        }
        if (ctl.signal.aborted) return;
        const shown = latest.current.state === 'ok' ? latest.current.events : r.events;
        const seenIds = new Set(shown.map((e) => e.eventId));
        const shownRecent = new KeyBag();
        for (const e of shown) if ((e.timestamp ?? 0) >= newest) shownRecent.add(contentKey(e));
        repeats.clear();
        for (const e of caught) repeats.add(contentKey(e));
        repeatsUntil = Date.now() + REPEATS_WINDOW_MS;
        append(caught.filter((e) => !seenIds.has(e.eventId) && !shownRecent.take(contentKey(e))));
      },
      onEvents: (events, sampled) => {
        const fresh = events.filter((e) => !(Date.now() < repeatsUntil && repeats.take(contentKey(e)))).map(asFilteredEvent);
        append(fresh, sampled ? ' (a sample: more events arrived this second than Live Tail sends)' : '');
      },
      onError: (error) => onStopped(error),
    });
    return () => ctl.abort();
  }, [follow, searchKey, aws, groupArn, fetchPage, search, setResults, setAnnounce, onStopped]);
}

function EventResults({ results, groupArn, onMore }: { results: Results; groupArn: string; onMore: () => void }) {
  if (results.state === 'idle') return null;
  if (results.state === 'loading') return <Loading what="events" />;
  if (results.state === 'unavailable') return <Unavailable what="Searching events (FilterLogEvents)" />;
  if (results.state === 'error') return <DataErrorPanel error={results.error} groupArn={groupArn} title="Could not read the events" />;
  if (results.events.length === 0) return <p role="status">No events match.</p>;
  return (
    <section aria-labelledby="results-h">
      <h2 id="results-h">
        {results.events.length} event{results.events.length === 1 ? '' : 's'}
      </h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Events table">
        <table className="events">
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Stream</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {results.events.map((e) => (
              <tr key={e.eventId}>
                <td className="nowrap">{formatTime(e.timestamp)}</td>
                <td>{e.logStreamName}</td>
                <td className="message">
                  <Message text={e.message ?? ''} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {results.next ? (
        <button type="button" className="secondary" onClick={onMore}>
          Load more events
        </button>
      ) : null}
    </section>
  );
}

/** A JSON message can be expanded into its indented form; any other message is shown as it is. */
function Message({ text }: { text: string }) {
  const t = text.trim();
  let parsed: unknown;
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      parsed = JSON.parse(t);
    } catch {
      parsed = undefined;
    }
  }
  if (parsed === undefined || typeof parsed !== 'object' || parsed === null) return <>{text}</>;
  return (
    <details className="json-message">
      <summary>{text}</summary>
      <pre className="code">{JSON.stringify(parsed, null, 2)}</pre>
    </details>
  );
}
