/**
 * A set of sequence numbers kept as sorted, disjoint, half-open ranges. A Live Tail session records per stream which
 * events it has already considered: appended chunks are contiguous ranges that extend the last one, so the set stays
 * one range per stream in the usual case; compaction's merged chunks (old events under a new chunk id) are then
 * recognised event by event.
 */
export class SeqRanges {
  /** Flattened [start0, end0, start1, end1, …], sorted, disjoint and not touching. */
  private readonly r: number[] = [];

  has(seq: number): boolean {
    const r = this.r;
    // Most lookups hit the last range or fall after it.
    let lo = 0;
    let hi = r.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (seq < r[mid * 2]!) hi = mid - 1;
      else if (seq >= r[mid * 2 + 1]!) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Adds [start, end). */
  add(start: number, end: number): void {
    if (end <= start) return;
    const r = this.r;
    const n = r.length;
    // The usual case: at or after the end of the last range.
    if (n === 0 || start > r[n - 1]!) {
      r.push(start, end);
      return;
    }
    if (start >= r[n - 2]! && start <= r[n - 1]!) {
      r[n - 1] = Math.max(r[n - 1]!, end);
      return;
    }
    // General case: rebuild around the new range.
    const out: number[] = [];
    let s = start;
    let e = end;
    let placed = false;
    for (let i = 0; i < n; i += 2) {
      const a = r[i]!;
      const b = r[i + 1]!;
      if (b < s) out.push(a, b);
      else if (a > e) {
        if (!placed) {
          out.push(s, e);
          placed = true;
        }
        out.push(a, b);
      } else {
        s = Math.min(s, a);
        e = Math.max(e, b);
      }
    }
    if (!placed) out.push(s, e);
    r.length = 0;
    r.push(...out);
  }

  /** How many ranges (for tests). */
  get size(): number {
    return this.r.length / 2;
  }
}
