/**
 * Severity from log-level keywords, and an anomaly's priority from its severity and how far it deviates.
 *
 * CloudWatch Logs documents that priority "is computed based on log severity labels such as FATAL and ERROR and the
 * amount of deviation from the baseline", and that keywords such as `Exception` count; events without such words
 * have severity NONE. The word lists below are the usual level names of syslog, log4j, Python logging and Go.
 */
import type { Priority, Severity } from './model.js';

const RANK: Readonly<Record<Severity, number>> = { NONE: 0, WARN: 1, ERROR: 2, FATAL: 3 };
const PRIORITY_RANK: Readonly<Record<Priority, number>> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

const WORDS = new Map<string, Severity>([
  ['fatal', 'FATAL'],
  ['critical', 'FATAL'],
  ['crit', 'FATAL'],
  ['panic', 'FATAL'],
  ['emerg', 'FATAL'],
  ['emergency', 'FATAL'],
  ['severe', 'FATAL'],
  ['error', 'ERROR'],
  ['errors', 'ERROR'],
  ['err', 'ERROR'],
  ['exception', 'ERROR'],
  ['failed', 'ERROR'],
  ['failure', 'ERROR'],
  ['fail', 'ERROR'],
  ['warn', 'WARN'],
  ['warning', 'WARN'],
]);

/** Words made of letters; `NullPointerException`, `java.lang.OutOfMemoryError` end in a keyword. */
const WORD = /[A-Za-z]+/g;
const SUFFIXED = /(?:Exception|Error)$/;

/** The most severe level keyword in a text (whole words, any case, or a class name ending in Exception/Error). */
export function severityOf(text: string): Severity {
  let best: Severity = 'NONE';
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const w = m[0];
    const s = WORDS.get(w.toLowerCase()) ?? (w.length > 5 && SUFFIXED.test(w) ? 'ERROR' : undefined);
    if (s !== undefined && RANK[s] > RANK[best]) {
      best = s;
      if (best === 'FATAL') break;
    }
  }
  return best;
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

/** How far from the baseline: HIGH for a change of 5× or more (AWS's example of a HIGH anomaly is a 500% spike). */
export type Deviation = 'HIGH' | 'MEDIUM' | 'LOW';

export function deviationOfRatio(ratio: number): Deviation {
  return ratio >= 5 ? 'HIGH' : ratio >= 2 ? 'MEDIUM' : 'LOW';
}

/**
 * Priority matrix: FATAL is always HIGH; ERROR is HIGH unless the deviation is small; WARN follows the deviation;
 * events without a level keyword are at most MEDIUM, since an unusual count of routine messages is rarely urgent.
 */
export function priorityOf(severity: Severity, deviation: Deviation): Priority {
  switch (severity) {
    case 'FATAL':
      return 'HIGH';
    case 'ERROR':
      return deviation === 'LOW' ? 'MEDIUM' : 'HIGH';
    case 'WARN':
      return deviation;
    case 'NONE':
      return deviation === 'HIGH' ? 'MEDIUM' : 'LOW';
  }
}

export function priorityRank(p: Priority): number {
  return PRIORITY_RANK[p];
}

export function maxPriority(a: Priority, b: Priority): Priority {
  return PRIORITY_RANK[a] >= PRIORITY_RANK[b] ? a : b;
}

/** HTTP status classes as severities: 5xx server errors are errors, 4xx client errors warnings. */
export function httpStatusSeverity(value: string): Severity {
  if (!/^[1-5]\d\d$/.test(value)) return 'NONE';
  return value[0] === '5' ? 'ERROR' : value[0] === '4' ? 'WARN' : 'NONE';
}
