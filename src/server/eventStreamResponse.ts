import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventStreamOutput, EventStreamSink } from '../common/eventStream.js';
import { encodeJsonEvent, encodeJsonException, EVENT_STREAM_CONTENT_TYPE } from '../protocol/eventStream.js';

/** Streams in progress, so that a shutdown can end them (they would otherwise hold their connection open). */
export class OpenStreams {
  private readonly ends = new Set<() => void>();

  add(end: () => void): () => void {
    this.ends.add(end);
    return () => this.ends.delete(end);
  }

  /** Ends every stream (the client sees the stream end normally). */
  endAll(): void {
    for (const end of [...this.ends]) end();
  }

  get size(): number {
    return this.ends.size;
  }
}

/**
 * Answers an AWS JSON 1.1 operation whose output is an event stream: HTTP 200 with
 * `Content-Type: application/vnd.amazon.eventstream`, then messages as the producer writes them. The first message is
 * the `initial-response` event the JSON protocols send (the output's other members; none here, so `{}`): botocore
 * requires it, the SDK for JavaScript accepts it. Over HTTP/1.1 the body is chunked; over HTTP/2 it is the stream's
 * DATA frames. Messages the connection cannot take yet wait in a queue bounded by the producer's `maxQueuedEvents`
 * (oldest dropped first). The stream ends when the producer ends it, when the client goes away, or on shutdown.
 */
export function sendEventStream(
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string | number>,
  output: EventStreamOutput,
  open: OpenStreams,
  done: () => void,
): void {
  if (res.destroyed || req.socket.destroyed) {
    output.options.abandoned?.();
    done();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': EVENT_STREAM_CONTENT_TYPE });
  const max = output.options.maxQueuedEvents ?? Number.POSITIVE_INFINITY;
  const queue: { frame: Buffer; event: boolean }[] = [];
  let finished = false;
  let stop: (() => void) | undefined;
  let forget: (() => void) | undefined;

  const flush = () => {
    while (queue.length > 0 && !res.writableNeedDrain && !res.destroyed) res.write(queue.shift()!.frame);
  };
  const write = (frame: Buffer, event: boolean) => {
    if (finished || res.destroyed) return;
    if (queue.length === 0 && !res.writableNeedDrain) {
      res.write(frame);
      return;
    }
    queue.push({ frame, event });
    let events = 0;
    for (const q of queue) if (q.event) events++;
    // A slow reader: the oldest waiting events go first.
    while (events > max) {
      const i = queue.findIndex((q) => q.event);
      queue.splice(i, 1);
      events--;
    }
  };
  const finish = () => {
    if (finished) return;
    finished = true;
    forget?.();
    const s = stop;
    stop = undefined;
    s?.();
    done();
  };
  const end = () => {
    if (finished) return;
    flush();
    for (const q of queue.splice(0)) res.write(q.frame);
    res.end();
    finish();
  };

  res.on('drain', flush);
  res.once('close', finish);
  const sink: EventStreamSink = {
    event: (type, payload) => write(encodeJsonEvent(type, payload), true),
    exception: (type, message) => {
      write(encodeJsonException(type, message), false);
      end();
    },
    end,
    get pending() {
      return queue.length;
    },
  };
  write(encodeJsonEvent('initial-response', {}), false);
  forget = open.add(end);
  stop = output.start(sink);
  if (finished) {
    // The producer ended the stream while starting.
    const s = stop;
    stop = undefined;
    s();
  }
}
