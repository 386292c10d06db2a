import type { DetectorListQuery, DetectorProgress, DetectorRecord, NewDetector, SealedState } from '../../anomaly/service/model.js';
import type { AnomalyStore, Page } from '../types.js';
import type { SqlDriver } from './driver.js';

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
  return { ...doc, accountId: r.account_id, region: r.region, detectorId: r.detector_id, logGroupArn: r.log_group_arn, progress, seq: r.seq, revision: r.revision };
}

function toSealed(r: SealedRow): SealedState {
  const s: SealedState = { wrappedKey: r.wrapped_key, data: r.state };
  if (r.key_arn !== null) s.keyArn = r.key_arn;
  return s;
}

export class SqlAnomalyStore implements AnomalyStore {
  constructor(private readonly d: SqlDriver) {}

  async createDetector(det: NewDetector, state: SealedState): Promise<DetectorRecord> {
    const { rows } = await this.d.exec<{ seq: number }>(
      `INSERT INTO anomaly_detectors (account_id, region, detector_id, log_group_arn, next_run_at, revision, doc, key_arn,
         wrapped_key, state) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING seq`,
      [det.accountId, det.region, det.detectorId, det.logGroupArn, det.progress.nextRunAt ?? null, docOf(det), state.keyArn ?? null, state.wrappedKey, state.data],
    );
    return { ...structuredClone(det), seq: rows[0]!.seq, revision: 1 };
  }

  async getDetector(accountId: string, region: string, detectorId: string): Promise<DetectorRecord | undefined> {
    const r = await this.d.get<DetectorRow>(`SELECT ${DETECTOR_COLUMNS} FROM anomaly_detectors WHERE account_id = ? AND region = ? AND detector_id = ?`, [
      accountId,
      region,
      detectorId,
    ]);
    return r && toDetector(r);
  }

  async getSealed(accountId: string, region: string, detectorId: string): Promise<{ detector: DetectorRecord; state: SealedState } | undefined> {
    const r = await this.d.get<SealedRow>('SELECT * FROM anomaly_detectors WHERE account_id = ? AND region = ? AND detector_id = ?', [accountId, region, detectorId]);
    return r && { detector: toDetector(r), state: toSealed(r) };
  }

  async listDetectors(accountId: string, region: string, q: DetectorListQuery): Promise<Page<DetectorRecord>> {
    const where = ['account_id = ?', 'region = ?', 'seq > ?'];
    const args: unknown[] = [accountId, region, q.afterSeq ?? 0];
    if (q.logGroupArn !== undefined) {
      where.push('log_group_arn = ?');
      args.push(q.logGroupArn);
    }
    const rows = await this.d.all<DetectorRow>(`SELECT ${DETECTOR_COLUMNS} FROM anomaly_detectors WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`, [
      ...args,
      q.limit + 1,
    ]);
    const items = rows.slice(0, q.limit).map(toDetector);
    const result: Page<DetectorRecord> = { items };
    if (rows.length > q.limit) result.next = String(items[items.length - 1]!.seq);
    return result;
  }

  async updateDetector(det: DetectorRecord, state?: SealedState): Promise<DetectorRecord | undefined> {
    const keyArgs = [det.accountId, det.region, det.detectorId, det.revision];
    const { changes } =
      state === undefined
        ? await this.d.exec(
            `UPDATE anomaly_detectors SET next_run_at = ?, doc = ?, revision = revision + 1
             WHERE account_id = ? AND region = ? AND detector_id = ? AND revision = ?`,
            [det.progress.nextRunAt ?? null, docOf(det), ...keyArgs],
          )
        : await this.d.exec(
            `UPDATE anomaly_detectors SET next_run_at = ?, doc = ?, key_arn = ?, wrapped_key = ?, state = ?, revision = revision + 1
             WHERE account_id = ? AND region = ? AND detector_id = ? AND revision = ?`,
            [det.progress.nextRunAt ?? null, docOf(det), state.keyArn ?? null, state.wrappedKey, state.data, ...keyArgs],
          );
    return changes === 1 ? { ...structuredClone(det), revision: det.revision + 1 } : undefined;
  }

  async deleteDetector(accountId: string, region: string, detectorId: string): Promise<boolean> {
    return (await this.d.exec('DELETE FROM anomaly_detectors WHERE account_id = ? AND region = ? AND detector_id = ?', [accountId, region, detectorId])).changes === 1;
  }

  async detectorsDue(now: number, limit: number, afterSeq = 0): Promise<DetectorRecord[]> {
    const rows = await this.d.all<DetectorRow>(
      `SELECT ${DETECTOR_COLUMNS} FROM anomaly_detectors WHERE next_run_at <= ? AND seq > ? ORDER BY seq LIMIT ?`,
      [now, afterSeq, limit],
    );
    return rows.map(toDetector);
  }
}
