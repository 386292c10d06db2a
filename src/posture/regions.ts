/**
 * Which regions a posture covers. `all` stands for every AWS commercial region (the regions every logseal accepts);
 * any other name is taken as given, so private regions (`logseal serve --regions`) are named beside it
 * (`--region all,lab-1`). Shared by `logseal posture` and the console's overview; no node or DOM imports.
 */
import { AWS_REGIONS } from '../common/regions.generated.js';
import type { RegionPosture } from './posture.js';

export const ALL_REGIONS = 'all';

export interface RegionChoice {
  /** The regions to look at, in order, without repeats. */
  regions: string[];
  /** Regions named one by one: always shown, even with nothing in them. The others are shown only when not empty. */
  named: ReadonlySet<string>;
}

export function chooseRegions(names: readonly string[]): RegionChoice {
  const regions: string[] = [];
  const named = new Set<string>();
  for (const name of names) {
    if (name === ALL_REGIONS) for (const [r] of AWS_REGIONS) regions.push(r);
    else {
      regions.push(name);
      named.add(name);
    }
  }
  return { regions: [...new Set(regions)], named };
}

/** A region with no log group and no detector says nothing worth a line of its own when every region was asked for. */
export function isEmpty(p: RegionPosture): boolean {
  return p.resources.length === 0;
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of `items` in the answer. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
