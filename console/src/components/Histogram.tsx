import { formatTime } from './ui.js';

const WIDTH = 240;
const HEIGHT = 48;

/** Histogram keys are detector run times (epoch; AWS's values are milliseconds, seconds are accepted too). */
function toMs(key: string): number {
  const n = Number(key);
  return n < 1e12 ? n * 1000 : n;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A small bar chart of occurrences per detector run; its label states the same figures in words. */
export function Histogram({ data, label }: { data: Record<string, number>; label: string }) {
  const points = Object.entries(data)
    .map(([k, v]) => ({ t: toMs(k), v }))
    .sort((a, b) => a.t - b.t);
  if (points.length === 0) return null;
  const max = Math.max(1, ...points.map((p) => p.v));
  const bar = WIDTH / points.length;
  const total = points.reduce((s, p) => s + p.v, 0);
  const summary = `${label}: ${plural(total, 'occurrence')} over ${plural(points.length, 'run')} from ${formatTime(points[0].t)} to ${formatTime(points[points.length - 1].t)}, at most ${max} in one run.`;
  return (
    <figure className="histogram">
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        {points.map((p, i) => {
          const h = Math.max(1, (p.v / max) * (HEIGHT - 2));
          return (
            <rect key={p.t} x={i * bar + 1} y={HEIGHT - h} width={Math.max(1, bar - 2)} height={h}>
              <title>{`${formatTime(p.t)}: ${p.v}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="hint">{summary}</figcaption>
    </figure>
  );
}
