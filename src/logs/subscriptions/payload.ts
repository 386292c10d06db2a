/**
 * What CloudWatch Logs writes to a subscription's stream: gzip'd JSON, one object per record, exactly as AWS sends it
 * (Amazon CloudWatch Logs User Guide, "Real-time processing of log data with subscriptions"):
 *
 *   {"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"…","logStream":"…",
 *    "subscriptionFilters":["…"],"logEvents":[{"id":"…","timestamp":1432826855000,"message":"…"}]}
 *
 * and, when a filter is created, a CONTROL_MESSAGE checking the destination.
 */
import { gzipSync } from 'node:zlib';
import { subscriptionMessages } from './messages.js';

export interface DeliveredEvent {
  id: string;
  timestamp: number;
  message: string;
}

/** A record's uncompressed JSON stays under this, so a gzip'd record never passes Kinesis's 1 MiB limit. */
export const MAX_BATCH_JSON_BYTES = 1_000_000;

export function dataMessages(owner: string, logGroup: string, logStream: string, filters: readonly string[], events: readonly DeliveredEvent[]): Buffer[] {
  const head = `{"messageType":"DATA_MESSAGE","owner":${JSON.stringify(owner)},"logGroup":${JSON.stringify(logGroup)},"logStream":${JSON.stringify(logStream)},"subscriptionFilters":${JSON.stringify(filters)},"logEvents":[`;
  const out: Buffer[] = [];
  let parts: string[] = [];
  let bytes = head.length + 2;
  for (const e of events) {
    const json = JSON.stringify({ id: e.id, timestamp: e.timestamp, message: e.message });
    const n = Buffer.byteLength(json, 'utf8') + 1;
    if (parts.length > 0 && bytes + n > MAX_BATCH_JSON_BYTES) {
      out.push(gzipSync(`${head}${parts.join(',')}]}`));
      parts = [];
      bytes = head.length + 2;
    }
    parts.push(json);
    bytes += n;
  }
  if (parts.length > 0) out.push(gzipSync(`${head}${parts.join(',')}]}`));
  return out;
}

export function controlMessage(now: number): Buffer {
  return gzipSync(
    JSON.stringify({
      messageType: 'CONTROL_MESSAGE',
      owner: 'CloudwatchLogs',
      logGroup: '',
      logStream: '',
      subscriptionFilters: [],
      logEvents: [{ id: '', timestamp: now, message: subscriptionMessages.controlMessage }],
    }),
  );
}

/** An event's id: 56 decimal digits from its timestamp, stream and sequence number (unique, growing per stream). */
export function eventId(timestamp: number, streamId: number, seq: number): string {
  return `${String(timestamp).padStart(20, '0')}${String(streamId).padStart(16, '0')}${String(seq).padStart(20, '0')}`;
}
