import { StartLiveTailCommand, type CloudWatchLogsClient, type FilteredLogEvent, type LiveTailSessionLogEvent } from '@aws-sdk/client-cloudwatch-logs';

/** What a Live Tail session asks for: one log group, optionally one stream and a filter pattern. */
export interface LiveTailQuery {
  groupArn: string;
  stream: string;
  pattern: string;
}

export interface LiveTailHandlers {
  /** The session has started: events stored from now on arrive through onEvents. */
  onStart(): Promise<void> | void;
  /** Events of one update, in the order they were stored; `sampled` when the server sent only part of them. */
  onEvents(events: LiveTailSessionLogEvent[], sampled: boolean): void;
  /** The session ended with an error that a new session would meet again (access, limits, a key, the network). */
  onError(error: unknown): void;
}

/** A session ended by the server's three-hour cap, or a stream that simply ended, is started again after this pause. */
const RESTART_AFTER_MS = 1000;

/**
 * Follows one log group through `StartLiveTail` until `signal` aborts. The browser SDK reads the answer as an AWS event
 * stream over HTTP/1.1 (its fetch handler hands the response body to the event-stream reader as it arrives); aborting
 * the signal aborts the fetch, which closes the connection, and the server ends the session.
 *
 * A session that ends by its three-hour cap (`SessionTimeoutException`) or whose stream ends without an error is
 * started again, and `onStart` runs again (the page fetches what was stored in between). Any other error is reported
 * once and following stops.
 */
export async function followLive(logs: CloudWatchLogsClient, q: LiveTailQuery, signal: AbortSignal, h: LiveTailHandlers): Promise<void> {
  while (!signal.aborted) {
    try {
      const out = await logs.send(
        new StartLiveTailCommand({
          logGroupIdentifiers: [q.groupArn],
          logStreamNames: q.stream ? [q.stream] : undefined,
          logEventFilterPattern: q.pattern || undefined,
        }),
        { abortSignal: signal },
      );
      if (!out.responseStream) throw new Error('The Live Tail answer had no event stream.');
      for await (const e of out.responseStream) {
        if (signal.aborted) return;
        if (e.sessionStart) await h.onStart();
        else if (e.sessionUpdate) {
          const events = e.sessionUpdate.sessionResults ?? [];
          if (events.length > 0) h.onEvents(events, e.sessionUpdate.sessionMetadata?.sampled === true);
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      if (!(error instanceof Error && error.name === 'SessionTimeoutException')) {
        h.onError(error);
        return;
      }
    }
    await new Promise((r) => setTimeout(r, RESTART_AFTER_MS));
  }
}

/**
 * A key for an event's content (stream, time, message): Live Tail events carry no event id, so the events fetched when
 * a session starts and the first events the session sends are matched by content.
 */
export function contentKey(e: { logStreamName?: string; timestamp?: number; message?: string }): string {
  return `${e.logStreamName ?? ''}\u0000${e.timestamp ?? 0}\u0000${e.message ?? ''}`;
}

let liveIds = 0;

/** A Live Tail event in the shape of the page's rows, with an id of its own (unique on the page). */
export function asFilteredEvent(e: LiveTailSessionLogEvent): FilteredLogEvent {
  liveIds += 1;
  return { eventId: `live-${liveIds}`, logStreamName: e.logStreamName, timestamp: e.timestamp, ingestionTime: e.ingestionTime, message: e.message };
}

/** A multiset of content keys: `take` removes one occurrence and says whether there was one. */
export class KeyBag {
  private readonly counts = new Map<string, number>();
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  take(key: string): boolean {
    const n = this.counts.get(key) ?? 0;
    if (n === 0) return false;
    if (n === 1) this.counts.delete(key);
    else this.counts.set(key, n - 1);
    return true;
  }
  clear(): void {
    this.counts.clear();
  }
}
