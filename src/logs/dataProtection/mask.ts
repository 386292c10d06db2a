/**
 * Masking at read time: the stored events stay the encrypted originals, and each read replaces what the group's
 * data protection policies identify by asterisks (one per character, so the shape of the message is kept), unless
 * the caller asked for `unmask` and holds `logs:Unmask`. Insights and any other reader call `maskerFor` (core) and
 * `Masker.mask` the same way.
 */
import type { DataIdentifier, Span } from './identifiers.js';

/** An identifier of a policy, applied to events ingested at or after the time the policy came into force. */
export interface MaskRule {
  identifier: DataIdentifier;
  since: number;
}

export interface MaskResult {
  text: string;
  /** Findings per identifier name. */
  findings: Map<string, number>;
}

/** Masks every span the identifiers find; overlapping findings are masked once. */
export function maskText(message: string, identifiers: readonly DataIdentifier[]): MaskResult {
  const findings = new Map<string, number>();
  const spans: Span[] = [];
  for (const id of identifiers) {
    const found = id.find(message);
    if (found.length === 0) continue;
    findings.set(id.name, (findings.get(id.name) ?? 0) + found.length);
    spans.push(...found);
  }
  if (spans.length === 0) return { text: message, findings };
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of spans) {
    const start = Math.max(s.start, at);
    if (s.end <= start) continue;
    out += message.slice(at, start) + '*'.repeat(s.end - start);
    at = s.end;
  }
  return { text: out + message.slice(at), findings };
}

export class Masker {
  private readonly sinceSorted: MaskRule[];

  constructor(rules: readonly MaskRule[]) {
    this.sinceSorted = [...rules].sort((a, b) => a.since - b.since);
  }

  get empty(): boolean {
    return this.sinceSorted.length === 0;
  }

  /** The identifiers that apply to an event ingested at `ingestionTime`. */
  identifiersAt(ingestionTime: number): DataIdentifier[] {
    const out: DataIdentifier[] = [];
    const seen = new Set<string>();
    for (const r of this.sinceSorted) {
      if (r.since > ingestionTime) break;
      if (!seen.has(r.identifier.name)) {
        seen.add(r.identifier.name);
        out.push(r.identifier);
      }
    }
    return out;
  }

  /** The message as a caller without `unmask` sees it. */
  mask(message: string, ingestionTime: number): string {
    if (this.empty) return message;
    const ids = this.identifiersAt(ingestionTime);
    return ids.length === 0 ? message : maskText(message, ids).text;
  }
}

export const NO_MASKING = new Masker([]);
