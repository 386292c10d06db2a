import type { DetectorListQuery, DetectorProgress, DetectorRecord, NewDetector, SealedState } from '../../anomaly/service/model.js';
import type { AnomalyStore, Page } from '../types.js';
import type { SqliteStore } from './sqliteStore.js';

/** Columns of a detector without its sealed state (listings never read the ciphertext). */
const DETECTOR_COLUMNS = 'seq, account_id, region, detector_id, log_group_arn, next_run_at, revision, doc';

interface DetectorRow {
  seq: number;
  account_id: string;
  region: string;
  detector_id: string;
  log_group_arn: string;
  next_run_at: number | null;
  revision: number;
  doc: string;
}

interface SealedRow extends DetectorRow {
  key_arn: string | null;
  wrapped_key: Buffer;
  state: Buffer;
}

/** What the `doc` column holds: every field that no query selects on. */
type DetectorDoc = Omit<NewDetector, 'accountId' | 'region' | 'detectorId' | 'logGroupArn' | 'progress'> & {
  progress: Omit<DetectorProgress, 'nextRunAt'>;
};

function docOf(d: NewDetector): string {
  const { accountId: _a, region: _r, detectorId: _d, logGroupArn: _g, progress, ...rest } = d;
  const { nextRunAt: _n, ...kept } = progress;
  const doc: DetectorDoc = { ...rest, progress: kept };
  return JSON.stringify(doc);
}

function toDetector(r: DetectorRow): DetectorRecord {
  const doc = JSON.parse(r.doc) as DetectorDoc;
  const progress: DetectorProgress = { ...doc.progress };
  if (r.next_run_at !== null) progress.nextRunAt = r.next_run_at;
  return {
    ...doc,
    accountId: r.account_id,
    region: r.region,
    detectorId: r.detector_id,
    logGroupArn: r.log_group_arn,
    progress,
    seq: r.seq,
    revision: r.revision,
  };
}

function toSealed(r: SealedRow): SealedState {
  const s: SealedState = { wrappedKey: r.wrapped_key, data: r.state };
  if (r.key_arn !== null) s.keyArn = r.key_arn;
  return s;
}

export class SqliteAnomalyStore implements AnomalyStore {
  constructor(private readonly s: SqliteStore) {}

  async createDetector(d: NewDetector, state: SealedState): Promise<DetectorRecord> {
    return this.s.write((p) => {
      const row = p(
        `INSERT INTO anomaly_detectors (account_id, region, detector_id, log_group_arn, next_run_at, revision, doc, key_arn,
           wrapped_key, state) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING seq`,
      ).get(d.accountId, d.region, d.detectorId, d.logGroupArn, d.progress.nextRunAt ?? null, docOf(d), state.keyArn ?? null, state.wrappedKey, state.data) as {
        seq: number;
      };
      return { ...structuredClone(d), seq: row.seq, revision: 1 };
    });
  }

  async getDetector(accountId: string, region: string, detectorId: string): Promise<DetectorRecord | undefined> {
    const r = this.s
      .readStmt(`SELECT ${DETECTOR_COLUMNS} FROM anomaly_detectors WHERE account_id = ? AND region = ? AND detector_id = ?`)
      .get(accountId, region, detectorId) as DetectorRow | undefined;
    return r && toDetector(r);
  }

  async getSealed(accountId: string, region: string, detectorId: string): Promise<{ detector: DetectorRecord; state: SealedState } | undefined> {
    const r = this.s.readStmt('SELECT * FROM anomaly_detectors WHERE account_id = ? AND region = ? AND detector_id = ?').get(accountId, region, detectorId) as
      | SealedRow
      | undefined;
    return r && { detector: toDetector(r), state: toSealed(r) };
  }

  async listDetectors(accountId: string, region: string, q: DetectorListQuery): Promise<Page<DetectorRecord>> {
    const where = ['account_id = ?', 'region = ?', 'seq > ?'];
    const args: unknown[] = [accountId, region, q.afterSeq ?? 0];
    if (q.logGroupArn !== undefined) {
      where.push('log_group_arn = ?');
      args.push(q.logGroupArn);
    }
    const rows = this.s
      .readStmt(`SELECT ${DETECTOR_COLUMNS} FROM anomaly_detectors WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`)
      .all(...args, q.limit + 1) as DetectorRow[];
    const items = rows.slice(0, q.limit).map(toDetector);
    const page: Page<DetectorRecord> = { items };
    if (rows.length > q.limit) page.next = String(items[items.length - 1]!.seq);
    return page;
  }

  async updateDetector(d: DetectorRecord, state?: SealedState): Promise<DetectorRecord | undefined> {
    return this.s.write((p) => {
      const keyArgs = [d.accountId, d.region, d.detectorId, d.revision];
      const changed =
        state === undefined
          ? p(
              `UPDATE anomaly_detectors SET next_run_at = ?, doc = ?, revision = revision + 1
               WHERE account_id = ? AND region = ? AND detector_id = ? AND revision = ?`,
            ).run(d.progress.nextRunAt ?? null, docOf(d), ...keyArgs).changes
          : p(
              `UPDATE anomaly_detectors SET next_run_at = ?, doc = ?, key_arn = ?, wrapped_key = ?, state = ?, revision = revision + 1
               WHERE account_id = ? AND region = ? AND detector_id = ? AND revision = ?`,
            ).run(d.progress.nextRunAt ?? null, docOf(d), state.keyArn ?? null, state.wrappedKey, state.data, ...keyArgs).changes;
      return changed === 1 ? { ...structuredClone(d), revision: d.revision + 1 } : undefined;
    });
  }

  async deleteDetector(accountId: string, region: string, detectorId: string): Promise<boolean> {
    return this.s.write(
      (p) => p('DELETE FROM anomaly_detectors WHERE account_id = ? AND region = ? AND detector_id = ?').run(accountId, region, detectorId).changes === 1,
    );
  }

  async detectorsDue(now: number, limit: number, afterSeq = 0): Promise<DetectorRecord[]> {
    const rows = this.s
      .readStmt(`SELECT ${DETECTOR_COLUMNS} FROM anomaly_detectors WHERE next_run_at <= ? AND seq > ? ORDER BY seq LIMIT ?`)
      .all(now, afterSeq, limit) as DetectorRow[];
    return rows.map(toDetector);
  }
}
