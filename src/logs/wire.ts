/** The one place where CloudWatch Logs domain records become wire shapes. */
import type { LogGroup, LogStream } from '../protocol/generated/logs.js';
import { logGroupArn, logStreamArn } from './arns.js';
import type { LogGroupRecord, LogStreamRecord } from './model.js';

/** A group as DescribeLogGroups shows it; with `namesOnly` (a `logGroupNamePattern` search) AWS shows less. */
export function logGroupEntry(g: LogGroupRecord, namesOnly = false): LogGroup {
  const arn = logGroupArn(g.region, g.accountId, g.name);
  if (namesOnly) {
    return { logGroupName: g.name, creationTime: g.createdAt, metricFilterCount: 0, arn: `${arn}:*`, logGroupClass: g.logGroupClass, logGroupArn: arn };
  }
  const e: LogGroup = { logGroupName: g.name, creationTime: g.createdAt };
  if (g.retentionDays !== undefined) e.retentionInDays = g.retentionDays;
  e.metricFilterCount = 0;
  e.arn = `${arn}:*`;
  e.storedBytes = g.storedBytes;
  if (g.kmsKeyArn !== undefined) e.kmsKeyId = g.kmsKeyArn;
  e.logGroupClass = g.logGroupClass;
  e.logGroupArn = arn;
  e.deletionProtectionEnabled = g.deletionProtection;
  return e;
}

/** A stream as DescribeLogStreams shows it. `storedBytes` of streams is always 0 on AWS since 2019. */
export function logStreamEntry(group: LogGroupRecord, s: LogStreamRecord): LogStream {
  const e: LogStream = { logStreamName: s.name, creationTime: s.createdAt };
  if (s.firstEventTime !== undefined) e.firstEventTimestamp = s.firstEventTime;
  if (s.lastEventTime !== undefined) e.lastEventTimestamp = s.lastEventTime;
  if (s.lastIngestionTime !== undefined) e.lastIngestionTime = s.lastIngestionTime;
  if (s.nextSeq > 0) e.uploadSequenceToken = sequenceToken(s.id, s.nextSeq);
  e.arn = logStreamArn(group.region, group.accountId, group.name, s.name);
  e.storedBytes = 0;
  return e;
}

/** The (ignored) sequence token AWS still returns: 56 digits, here the stream id and its event count. */
export function sequenceToken(streamId: number, nextSeq: number): string {
  return String(streamId).padStart(16, '0') + String(nextSeq).padStart(40, '0');
}

/** A FilterLogEvents event id: 56 digits made of the event's time, stream and sequence number (unique in a group). */
export function eventId(time: number, streamId: number, seq: number): string {
  return String(time).padStart(20, '0') + String(streamId).padStart(16, '0') + String(seq).padStart(20, '0');
}
