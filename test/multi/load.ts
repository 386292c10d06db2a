/**
 * Continuous PutLogEvents from several clients spread over several instances, each event a unique message, for the
 * multi-instance tests: what was acknowledged is recorded, and afterwards every acknowledged event must be readable,
 * none twice.
 */
import { CloudWatchLogsClient, FilterLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { clientConfig } from '../helpers/server.js';

export interface Target {
  url: string;
  /** False while the instance is down: clients skip it. */
  up: boolean;
  /** Changes every time the instance is stopped: a request that saw a change may fail without blame. */
  generation: number;
}

export interface LoadResult {
  acknowledged: Set<string>;
  /** Requests that failed on an instance that stayed up (must be none, unless the database was away). */
  unexpected: string[];
  /** Failures by AWS error name (or connection error code). */
  failures: Map<string, number>;
  requests: number;
  /** Longest a request took (ms). */
  slowestMs: number;
}

export class LogLoad {
  readonly result: LoadResult = { acknowledged: new Set(), unexpected: [], failures: new Map(), requests: 0, slowestMs: 0 };
  private running = true;
  private readonly workers: Promise<void>[] = [];
  private seq = 0;

  constructor(
    private readonly targets: Target[],
    private readonly group: string,
    private readonly streams: string[],
    opts: { clients: number; batch: number; tolerate?: (err: unknown) => boolean },
  ) {
    for (let c = 0; c < opts.clients; c++) this.workers.push(this.worker(c, opts.batch, opts.tolerate ?? (() => false)));
  }

  private async worker(c: number, batch: number, tolerate: (err: unknown) => boolean): Promise<void> {
    const clients = new Map<string, CloudWatchLogsClient>();
    let turn = c;
    while (this.running) {
      const up = this.targets.filter((t) => t.up);
      if (up.length === 0) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const target = up[turn++ % up.length]!;
      const generation = target.generation;
      const stream = this.streams[turn % this.streams.length]!;
      const now = Date.now();
      const messages = Array.from({ length: batch }, () => `c${c}-e${this.seq++}`);
      let client = clients.get(target.url);
      if (!client) {
        client = new CloudWatchLogsClient({ ...clientConfig(target.url), requestHandler: { requestTimeout: 30_000 } as never });
        clients.set(target.url, client);
      }
      const started = Date.now();
      try {
        await client.send(
          new PutLogEventsCommand({ logGroupName: this.group, logStreamName: stream, logEvents: messages.map((message) => ({ timestamp: now, message })) }),
        );
        for (const m of messages) this.result.acknowledged.add(m);
      } catch (err) {
        const name = (err as { name?: string; code?: string }).code ?? (err as Error).name;
        this.result.failures.set(name, (this.result.failures.get(name) ?? 0) + 1);
        const blameless = target.generation !== generation || !target.up || tolerate(err);
        if (!blameless) this.result.unexpected.push(`${target.url}: ${name}: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 20));
      } finally {
        this.result.requests++;
        this.result.slowestMs = Math.max(this.result.slowestMs, Date.now() - started);
      }
    }
    for (const client of clients.values()) client.destroy();
  }

  async stop(): Promise<LoadResult> {
    this.running = false;
    await Promise.all(this.workers);
    return this.result;
  }
}

/** Every message of the group, read page by page through one instance. */
export async function readAll(url: string, group: string): Promise<string[]> {
  const client = new CloudWatchLogsClient(clientConfig(url));
  const out: string[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await client.send(new FilterLogEventsCommand({ logGroupName: group, nextToken, startTime: 0 }));
      for (const e of page.events ?? []) out.push(e.message!);
      nextToken = page.nextToken;
    } while (nextToken);
  } finally {
    client.destroy();
  }
  return out;
}
