import { GetQueryResultsCommand, StartQueryCommand, type Anomaly } from '@aws-sdk/client-cloudwatch-logs';
import { ErrorPanel, Loading, formatTime } from '../../components/ui.js';
import { useAws } from '../../lib/context.js';
import { useLoad } from '../../lib/load.js';

/** Detector runs shown before the anomaly's first period, and after its last. */
const BEFORE = 24;
const AFTER = 6;
const POLL_MS = 300;
const POLL_LIMIT = 100;
const W = 480;
const H = 96;

const PERIOD: Record<string, { ms: number; bin: string; words: string }> = {
  ONE_MIN: { ms: 60_000, bin: '1m', words: 'minute' },
  FIVE_MIN: { ms: 300_000, bin: '5m', words: '5 minutes' },
  TEN_MIN: { ms: 600_000, bin: '10m', words: '10 minutes' },
  FIFTEEN_MIN: { ms: 900_000, bin: '15m', words: '15 minutes' },
  THIRTY_MIN: { ms: 1_800_000, bin: '30m', words: '30 minutes' },
  ONE_HOUR: { ms: 3_600_000, bin: '1h', words: 'hour' },
};

/**
 * A query regex for the events of a pattern: its text as written, each `<*>` any text, each run of spaces any run of
 * white space. It may match a few more events than the miner put in the pattern, never fewer of those it did.
 */
export function patternRegex(pattern: string): string {
  return pattern
    .trim()
    .split('<*>')
    .map((piece) =>
      piece
        .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
        .replace(/\s+/g, '\\s+'),
    )
    .join('.*');
}

/** Histogram keys are detector run times (epoch; AWS's values are milliseconds, seconds are accepted too). */
function toMs(key: string): number {
  const n = Number(key);
  return n < 1e12 ? n * 1000 : n;
}

interface Bar {
  t: number;
  v: number;
  /** A period in which the detector reported this anomaly. */
  anomalous: boolean;
}

/**
 * The pattern's events per detector period around the anomaly: the periods it was reported in, highlighted, with the
 * periods before and after, counted by a Logs Insights query (`stats count(*) by bin(…)`) over the detector's log
 * groups, so the spike, the drop or the new pattern shows against its usual level.
 */
export function AnomalyContext({ a, groups, frequency }: { a: Anomaly; groups: string[]; frequency: string | undefined }) {
  const aws = useAws();
  const period = PERIOD[frequency ?? ''] ?? PERIOD.FIVE_MIN!;
  const runs = Object.keys(a.histogram ?? {}).map(toMs);
  const first = Math.min(a.firstSeen ?? Infinity, ...runs.map((r) => r - period.ms));
  const last = Math.max(a.lastSeen ?? 0, ...runs);
  const start = Math.floor((first - BEFORE * period.ms) / period.ms) * period.ms;
  const end = Math.ceil((last + AFTER * period.ms) / period.ms) * period.ms;
  const [bars] = useLoad(async (): Promise<Bar[]> => {
    const { queryId } = await aws.logs.send(
      new StartQueryCommand({
        logGroupNames: groups,
        startTime: Math.floor(start / 1000),
        endTime: Math.ceil(end / 1000),
        queryString: `filter @message like /${patternRegex(a.patternString ?? '')}/ | stats count(*) as n by bin(${period.bin})`,
      }),
    );
    for (let i = 0; i < POLL_LIMIT; i++) {
      const out = await aws.logs.send(new GetQueryResultsCommand({ queryId }));
      if (out.status === 'Running' || out.status === 'Scheduled') {
        await new Promise((r) => setTimeout(r, POLL_MS));
        continue;
      }
      if (out.status !== 'Complete') throw Object.assign(new Error(`The query ended ${out.status}.`), { name: 'QueryNotComplete' });
      const counts = new Map<number, number>();
      for (const row of out.results ?? []) {
        const t = row.find((f) => f.field?.startsWith('bin('))?.value;
        const n = Number(row.find((f) => f.field === 'n')?.value ?? 0);
        if (t) counts.set(Date.parse(`${t.replace(' ', 'T')}Z`), n);
      }
      const out2: Bar[] = [];
      for (let t = start; t < end; t += period.ms) out2.push({ t, v: counts.get(t) ?? 0, anomalous: runs.some((r) => t >= r - period.ms && t < r) });
      return out2;
    }
    throw Object.assign(new Error('The query did not finish in time.'), { name: 'QueryTimeout' });
  }, [aws, a.anomalyId, a.patternString, groups.join('\n'), start, end, period.bin]);

  if (bars.state === 'loading') return <Loading what="the events around the anomaly" />;
  if (bars.state === 'error' || bars.state === 'unavailable') {
    return bars.state === 'error' ? <ErrorPanel error={bars.error} title="Could not count the events around the anomaly" /> : null;
  }
  const list = bars.data;
  const max = Math.max(1, ...list.map((b) => b.v));
  const w = W / Math.max(1, list.length);
  const inside = list.filter((b) => b.anomalous);
  const outside = list.filter((b) => !b.anomalous);
  const during = inside.reduce((s, b) => s + b.v, 0);
  const usual = outside.length > 0 ? outside.reduce((s, b) => s + b.v, 0) / outside.length : 0;
  const summary =
    `Events matching this pattern per ${period.words} from ${formatTime(start)} to ${formatTime(end)}: ` +
    `${during} in the ${inside.length === 1 ? 'period' : `${inside.length} periods`} of the anomaly (highlighted), ` +
    `${usual.toFixed(1)} on average in the other periods.`;
  return (
    <figure className="histogram anomaly-context">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} style={{ width: '100%', maxWidth: W, height: 'auto' }} role="img" aria-label={summary}>
        {list.map((b, i) => {
          const h = b.v === 0 ? 0 : Math.max(2, (b.v / max) * (H - 2));
          return (
            <g key={b.t}>
              {b.anomalous ? <rect className="period" x={i * w} y={0} width={w} height={H} /> : null}
              <rect className={b.anomalous ? 'bar anomalous' : 'bar'} x={i * w + 1} y={H - h} width={Math.max(1, w - 2)} height={h}>
                <title>{`${formatTime(b.t)}: ${b.v}`}</title>
              </rect>
            </g>
          );
        })}
        <line x1={0} y1={H - 0.5} x2={W} y2={H - 0.5} className="axis" />
      </svg>
      <figcaption className="hint">{summary}</figcaption>
    </figure>
  );
}
