/**
 * What an operation whose output is an event stream returns instead of its output: a producer that the HTTP layer
 * starts once the response headers are sent. The producer writes events through the sink and ends the stream; the
 * HTTP layer calls `stop` when the client goes away (or the server shuts down). Domain code stays free of HTTP.
 */
export interface EventStreamSink {
  /** An event of the stream's union, by member name, with its JSON body. */
  event(eventType: string, payload: unknown): void;
  /** A modelled exception of the stream's union; the stream ends after it. */
  exception(exceptionType: string, message: string): void;
  /** Ends the stream normally. */
  end(): void;
  /** Events written but not yet taken by the client (backpressure); the producer may drop or wait. */
  readonly pending: number;
}

export interface EventStreamOptions {
  /**
   * Events kept for a client that reads slower than they come (beyond what the connection buffers); past it the
   * oldest waiting events are dropped. Unbounded when absent.
   */
  maxQueuedEvents?: number;
  /** Called when the stream will never start (the request failed or the client left before the answer). */
  abandoned?: () => void;
}

export class EventStreamOutput {
  constructor(
    /** Starts producing; returns the function that stops it (called once, when the stream ends for any reason). */
    readonly start: (sink: EventStreamSink) => () => void,
    readonly options: EventStreamOptions = {},
  ) {}
}

export function isEventStreamOutput(x: unknown): x is EventStreamOutput {
  return x instanceof EventStreamOutput;
}
