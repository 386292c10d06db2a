/**
 * Logs Insights queries: StartQuery validates and parses, then the query runs in the background (never inside the
 * request) over the groups' encrypted chunks, merged across groups in time order. Results are sealed under the
 * query-result key (or the service-owned key) when the query ends, and kept for 7 days. Several queries run at once,
 * up to AWS's quota per account and region; StopQuery cancels one.
 */
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { BackgroundTask } from '../common/background.js';
import type { RequestContext } from '../common/operation.js';
import { openChunk, type EventColumns } from '../logs/chunks.js';
import { fetchSketched, isSkipped, NO_EVENTS, type LogsCore } from '../logs/core.js';
import { parseGroupIdentifier } from '../logs/arns.js';
import { messages as logsMessages } from '../logs/messages.js';
import type { ChunkQuery, LogGroupRecord } from '../logs/model.js';
import { EventScanner, NEXT, STOP, type ScanChunk } from '../logs/scan.js';
import { requiredText } from '../logs/sketch.js';
import { AwsError } from '../protocol/errors.js';
import {
  AccessDeniedException,
  InvalidParameterException,
  LimitExceededException,
  ResourceNotFoundException,
} from '../protocol/generated/logs.js';
import type { Query } from './ast.js';
import { QueryEngine, type ResultField } from './engine.js';
import { MAX_CONCURRENT_QUERIES, MAX_QUERY_GROUPS, messages, QUERY_TIMEOUT_MS, RESULT_RETENTION_MS } from './messages.js';
import type { QueryRecord, QueryStatus } from './model.js';
import { parseQuery } from './parser.js';
import { encodePtr } from './ptr.js';
import { EventRow } from './row.js';
import { newResultKey, openResults, sealResults } from './sealing.js';
import { maskerFor } from '../logs/dataProtection/policies.js';

export const DEFAULT_RESULT_LIMIT = 10_000;
/** How often a running query writes its progress (and learns that another instance stopped it). */
const PROGRESS_MS = 1_000;
/** A query Scheduled or Running that started longer ago than this cannot be running anywhere (its server died). */
const LONGEST_QUERY_MS = QUERY_TIMEOUT_MS + 60_000;

/** A query this process is running. */
interface Running {
  record: QueryRecord;
  engine: QueryEngine;
  cancelled: boolean;
  done: Promise<void>;
}

export interface StartInput {
  logGroupName?: string;
  logGroupNames?: string[];
  logGroupIdentifiers?: string[];
  startTime: number;
  endTime: number;
  queryString: string;
  limit?: number;
  queryLanguage?: string;
}

export interface QueryResults {
  record: QueryRecord;
  results: ResultField[][];
  encryptionKey?: string;
}

export class InsightsService {
  private readonly running = new Map<string, Running>();
  private readonly recovered: Promise<unknown>;
  /** Overridable in tests. */
  maxConcurrent = MAX_CONCURRENT_QUERIES;

  constructor(readonly core: LogsCore) {
    // Queries a previous process left unfinished will never finish.
    this.recovered = core.store.insights.failUnfinishedQueries('The server stopped while the query ran.').catch(() => undefined);
  }

  async ready(): Promise<void> {
    await this.recovered;
  }

  /** The caller's groups a StartQuery names. */
  async resolveGroups(ctx: RequestContext, input: StartInput): Promise<LogGroupRecord[]> {
    const given = [input.logGroupName, input.logGroupNames, input.logGroupIdentifiers].filter((x) => x !== undefined);
    if (given.length !== 1) throw new InvalidParameterException(messages.groupsExclusive);
    const ids = input.logGroupName !== undefined ? [input.logGroupName] : (input.logGroupNames ?? input.logGroupIdentifiers)!;
    if (ids.length === 0) throw new InvalidParameterException(messages.groupsExclusive);
    if (ids.length > MAX_QUERY_GROUPS) throw new InvalidParameterException(messages.tooManyGroups(MAX_QUERY_GROUPS));
    const groups: LogGroupRecord[] = [];
    for (const id of new Set(ids)) {
      const ref = input.logGroupIdentifiers ? parseGroupIdentifier(id) : { name: id };
      if (!ref || (ref.accountId !== undefined && (ref.accountId !== ctx.principal.accountId || ref.region !== ctx.region))) {
        throw new ResourceNotFoundException(logsMessages.groupNotFound);
      }
      groups.push(await this.core.mustGroup(ctx, ref.name));
    }
    return groups;
  }

  async start(ctx: RequestContext, input: StartInput): Promise<string> {
    await this.ready();
    if (input.queryLanguage !== undefined && input.queryLanguage !== 'CWLI') throw new InvalidParameterException(messages.unsupportedLanguage(input.queryLanguage));
    if (input.endTime < input.startTime) throw new InvalidParameterException(messages.endBeforeStart);
    const query = parseQuery(input.queryString);
    const groups = await this.resolveGroups(ctx, input);
    const { accountId } = ctx.principal;
    const now = this.core.clock.now();
    const record: QueryRecord = {
      accountId,
      region: ctx.region,
      queryId: randomUUID(),
      queryString: input.queryString,
      queryLanguage: 'CWLI',
      logGroupNames: groups.map((g) => g.name),
      startTime: input.startTime,
      endTime: input.endTime,
      status: 'Running',
      createTime: now,
      statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0, logGroupsScanned: groups.length },
      userIdentity: ctx.principal.arn,
      expiresAt: now + RESULT_RETENTION_MS,
    };
    if (input.limit !== undefined) record.limit = input.limit;
    // The quota counts the account's queries running on every instance (they are in the database): counted and
    // written in one serializable transaction, so that instances starting queries at once cannot both pass it.
    const store = this.core.store;
    await store.transaction(async () => {
      const active = await store.insights.countActiveQueries(accountId, ctx.region, now - LONGEST_QUERY_MS);
      if (active >= this.maxConcurrent) throw new LimitExceededException(messages.concurrency(this.maxConcurrent));
      await store.insights.putQuery(record);
    });
    const engine = new QueryEngine(query, {
      maxResults: input.limit ?? DEFAULT_RESULT_LIMIT,
      fromTime: input.startTime * 1000,
      toTime: input.endTime * 1000 + 999,
    });
    const run: Running = { record, engine, cancelled: false, done: Promise.resolve() };
    this.running.set(record.queryId, run);
    // Started on the next turn, outside the request: the response goes out at once.
    run.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.execute(run, groups, query, ctx))
      .catch(() => undefined)
      .finally(() => this.running.delete(record.queryId));
    return record.queryId;
  }

  /** Waits for a running query to end (tests, shutdown). */
  async settle(queryId: string): Promise<void> {
    await this.running.get(queryId)?.done;
  }

  private async execute(run: Running, groups: LogGroupRecord[], _query: Query, ctx: RequestContext): Promise<void> {
    const { record, engine } = run;
    const started = this.core.clock.now();
    const deadline = Date.now() + QUERY_TIMEOUT_MS;
    let status: QueryStatus = 'Complete';
    // Progress is written while the query runs, so that GetQueryResults on any instance shows it; when the write
    // finds the query no longer Running, StopQuery on another instance cancelled it.
    let saving: Promise<unknown> = Promise.resolve();
    const progress = setInterval(() => {
      record.statistics.recordsMatched = engine.matched;
      saving = this.core.store.insights
        .saveProgress(record)
        .then((running) => {
          if (!running) run.cancelled = true;
        })
        .catch(() => undefined);
    }, PROGRESS_MS);
    progress.unref();
    try {
      const timedOut = await this.scan(run, groups, ctx, deadline);
      if (run.cancelled) status = 'Cancelled';
      else if (timedOut) status = 'Timeout';
      else engine.end();
    } catch (err) {
      status = 'Failed';
      record.error = err instanceof Error ? err.message : String(err);
    }
    clearInterval(progress);
    await saving;
    // Stopped elsewhere just as it ended: it stays Cancelled, as StopQuery answered.
    if (status !== 'Cancelled') {
      const stored = await this.core.store.insights.getQuery(record.accountId, record.region, record.queryId).catch(() => undefined);
      if (stored?.status === 'Cancelled') status = 'Cancelled';
    }
    record.statistics.recordsMatched = engine.matched;
    record.queryDuration = Math.max(0, this.core.clock.now() - started);
    try {
      const keyArn = await this.core.store.insights.getResultKey(record.accountId, record.region);
      const key = await newResultKey(this.core, { requestId: ctx.requestId, time: this.core.clock.now() }, record.accountId, record.region, record.queryId, keyArn);
      const sealed = sealResults(record.queryId, key, gzipSync(JSON.stringify(engine.results)));
      // The live record keeps saying Running until the results are stored: GetQueryResults answers a live query from
      // memory, where a sorted query has no results to show before its end.
      await this.core.store.insights.updateQuery({ ...record, status }, sealed);
      record.status = status;
    } catch (err) {
      record.status = 'Failed';
      record.error = `The results could not be stored: ${err instanceof AwsError ? `${err.code}: ${err.message}` : (err as Error).message}`;
      await this.core.store.insights.updateQuery(record).catch(() => undefined);
    }
  }

  /** Visits the groups' events in the query's order, merged across groups; true when the query timed out. */
  private async scan(run: Running, groups: LogGroupRecord[], ctx: RequestContext, deadline: number): Promise<boolean> {
    const { record, engine } = run;
    const direction = engine.order;
    const fromTime = record.startTime * 1000;
    const toTime = record.endTime * 1000 + 999;
    // Each group's events are masked as its data protection policies say (what a caller sees, what filters match);
    // `unmask(…)` reads the originals.
    const maskers = await Promise.all(groups.map((g) => maskerFor(this.core, g)));
    const byId = new Map(
      groups.map((g, i) => [g.id, { group: g, unwrap: this.core.dataKeys.unwrapper(g, ctx), log: `${g.accountId}:${g.name}`, masker: maskers[i]! }]),
    );
    const masking = maskers.some((m) => !m.empty);
    const streamNames = new Map<number, string>();
    const store = this.core.store.logs;
    const stats = record.statistics;
    // Text every event the leading filters keep contains (`prefilter.ts`): chunks whose sketch rules it out are not
    // read (decision 0024), and in the others events without it are never decoded.
    const terms = engine.prefilterTerms(masking);
    const required = requiredText(terms.map((t) => [t]));
    const list = (g: LogGroupRecord, q: ChunkQuery) =>
      required.length > 0 ? fetchSketched(store, q, required, byId.get(g.id)!.unwrap) : store.listChunks(q);
    const scanner = new EventScanner(
      {
        fetch: async (after, limit) => {
          const pages = await Promise.all(groups.map((g) => list(g, { groupId: g.id, fromTime, toTime, order: direction, after, limit })));
          const all = pages.flatMap((p) => p.chunks);
          const key = (c: ScanChunk) => (direction === 'asc' ? c.minTime : c.maxTime);
          all.sort((a, b) => (direction === 'asc' ? key(a) - key(b) || a.id - b.id : key(b) - key(a) || b.id - a.id));
          return { chunks: all.slice(0, limit), epoch: pages.reduce((s, p) => s + p.epoch, 0) };
        },
        open: async (chunk): Promise<EventColumns> => {
          if (isSkipped(chunk)) {
            // Its events count as scanned, as events the byte search passes over do (all of them when the chunk
            // lies in the query's range; one reaching past it is not counted, its share being unknown).
            if (chunk.minTime >= fromTime && chunk.maxTime <= toTime) {
              stats.recordsScanned += chunk.count;
              stats.bytesScanned += chunk.rawBytes;
            }
            return NO_EVENTS;
          }
          if (!streamNames.has(chunk.streamId)) {
            const [s] = await store.getStreamsById(chunk.groupId, [chunk.streamId]);
            streamNames.set(chunk.streamId, s?.name ?? '');
          }
          const g = byId.get(chunk.groupId)!;
          const key = await g.unwrap(chunk.keyArn, chunk.wrappedKey);
          return openChunk(chunk.data, key, chunk);
        },
      },
      { direction, fromTime, toTime },
    );
    const { accountId, region } = record;
    let timedOut = false;
    let n = 0;
    // Events without the terms the leading filters require (`prefilter.ts`) are counted as scanned but never decoded.
    const needles = terms.map((t) => Buffer.from(t, 'utf8'));
    const masks = new WeakMap<EventColumns, Uint8Array>();
    // Chunks are visited one after the other except where streams overlap in time: the current one's mask is kept.
    let lastCols: EventColumns | undefined;
    let lastMask: Uint8Array = new Uint8Array(0);
    await scanner.run((cur, i) => {
      if (run.cancelled) return STOP;
      if ((++n & 0xfff) === 0 && Date.now() > deadline) {
        timedOut = true;
        return STOP;
      }
      const cols = cur.cols;
      const chunk = cur.chunk;
      stats.recordsScanned++;
      stats.bytesScanned += cols.byteLengths[i]!;
      // A transformed version may hold what the original does not (upperCaseString, addKeys): no byte pre-search then.
      if (needles.length > 0 && !cols.transformed) {
        if (cols !== lastCols) {
          let mask = masks.get(cols);
          if (!mask) masks.set(cols, (mask = containingAll(cols, needles)));
          lastCols = cols;
          lastMask = mask;
        }
        if (lastMask[i] === 0) return NEXT;
      }
      const timestamp = cols.times[i]!;
      const ingestionTime = cols.ingestionTimes[i]!;
      const seq = chunk.firstSeq + cols.seqDeltas[i]!;
      const g = byId.get(chunk.groupId)!;
      const original = cols.message(i);
      const message = g.masker.mask(original, ingestionTime);
      const row = new EventRow({
        timestamp,
        ingestionTime,
        message,
        logStream: streamNames.get(chunk.streamId) ?? '',
        log: g.log,
        ptr: () => encodePtr({ accountId, region, groupId: chunk.groupId, streamId: chunk.streamId, timestamp, seq }),
        ...(message !== original ? { original } : {}),
        transformed: cols.transformed?.transformed(i),
        transformationError: cols.transformed?.error(i),
      });
      return engine.push(row) ? STOP : NEXT;
    });
    return timedOut;
  }

  /** A query of the caller's, with its results (sealed ones opened now: a disabled key fails here). */
  async results(ctx: RequestContext, queryId: string): Promise<QueryResults> {
    await this.ready();
    const { accountId } = ctx.principal;
    const live = this.running.get(queryId);
    if (live && live.record.accountId === accountId && live.record.region === ctx.region) {
      live.record.statistics.recordsMatched = live.engine.matched;
      const results = live.engine.streaming ? live.engine.results.slice() : [];
      // StopQuery may have come through another instance: the database says so before this run notices.
      const stored = await this.core.store.insights.getQuery(accountId, ctx.region, queryId);
      if (stored?.status === 'Cancelled') {
        live.cancelled = true;
        return { record: { ...live.record, status: 'Cancelled' }, results };
      }
      return { record: live.record, results };
    }
    const record = await this.mustQuery(ctx, queryId);
    const sealed = await this.core.store.insights.getResults(accountId, ctx.region, queryId);
    if (!sealed) return { record, results: [] };
    let plain: Buffer;
    try {
      plain = await openResults(this.core, ctx, accountId, ctx.region, queryId, sealed);
    } catch (err) {
      if (sealed.keyArn !== undefined && err instanceof AwsError) {
        throw new AccessDeniedException(messages.resultKeyUnavailable(sealed.keyArn, queryId, `${err.code}: ${err.message}`));
      }
      throw err;
    }
    const out: QueryResults = { record, results: JSON.parse(gunzipSync(plain).toString('utf8')) as ResultField[][] };
    if (sealed.keyArn !== undefined) out.encryptionKey = sealed.keyArn;
    return out;
  }

  async mustQuery(ctx: RequestContext, queryId: string): Promise<QueryRecord> {
    const live = this.running.get(queryId);
    if (live && live.record.accountId === ctx.principal.accountId && live.record.region === ctx.region) return live.record;
    const q = await this.core.store.insights.getQuery(ctx.principal.accountId, ctx.region, queryId);
    if (!q) throw new ResourceNotFoundException(messages.queryNotFound(queryId));
    return q;
  }

  /**
   * Cancels a running query, on this instance or another: marked Cancelled in the database, the instance running it
   * sees that at its next progress write and stops, keeping the results found so far.
   */
  async stop(ctx: RequestContext, queryId: string): Promise<boolean> {
    await this.ready();
    const r = await this.core.store.insights.cancelQuery(ctx.principal.accountId, ctx.region, queryId);
    if (!r) throw new ResourceNotFoundException(messages.queryNotFound(queryId));
    if (!r.stopped) throw new InvalidParameterException(messages.queryNotRunning(queryId, r.query.status));
    const live = this.running.get(queryId);
    if (live && live.record.accountId === ctx.principal.accountId && live.record.region === ctx.region) {
      live.cancelled = true;
      await live.done;
    }
    return true;
  }

  /** The state of a query as DescribeQueries shows it (a running query's live progress). */
  live(record: QueryRecord): QueryRecord {
    const live = this.running.get(record.queryId);
    if (!live) return record;
    if (record.status === 'Cancelled') {
      // Stopped through another instance; this run stops at its next event.
      live.cancelled = true;
      return { ...live.record, status: 'Cancelled' };
    }
    return live.record;
  }

  /** Cancels every running query and waits for them (server shutdown). */
  async close(): Promise<void> {
    for (const r of this.running.values()) r.cancelled = true;
    await Promise.all([...this.running.values()].map((r) => r.done));
  }
}

/** Which messages contain every needle: 1 for those, 0 for the others. */
function containingAll(cols: EventColumns, needles: readonly Buffer[]): Uint8Array {
  const mask = cols.containing(needles[0]!);
  for (let k = 1; k < needles.length; k++) {
    const more = cols.containing(needles[k]!);
    for (let i = 0; i < mask.length; i++) mask[i]! &= more[i]!;
  }
  return mask;
}

const services = new WeakMap<LogsCore, InsightsService>();

export function insightsService(core: LogsCore): InsightsService {
  let s = services.get(core);
  if (!s) services.set(core, (s = new InsightsService(core)));
  return s;
}

/** Deletes queries (and their results) once they expire, 7 days after they started. */
export function insightsExpiryTask(core: LogsCore): BackgroundTask {
  return {
    name: 'insights-expiry',
    intervalMs: 60_000,
    async runOnce() {
      const now = core.clock.now();
      while ((await core.store.insights.deleteExpiredQueries(now, 500)) === 500) {
        /* more */
      }
    },
  };
}
