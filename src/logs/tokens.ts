/**
 * Pagination tokens. All are opaque to clients; a token that does not decode, or belongs to another listing or log
 * stream, is AWS's "The specified nextToken is invalid.".
 */
import { InvalidParameterException } from '../protocol/generated/logs.js';
import { messages } from './messages.js';
import type { EventKey } from './scan.js';

/** A listing's position (DescribeLogGroups, DescribeLogStreams): base64url of `kind:position`. */
export function encodeListToken(kind: string, position: string): string {
  return Buffer.from(`${kind}:${position}`, 'utf8').toString('base64url');
}

export function decodeListToken(kind: string, token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const text = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
  if (!text.startsWith(`${kind}:`)) throw invalidToken();
  return text.slice(kind.length + 1);
}

/** Before every event of a stream (events have non-negative timestamps). */
export const BEFORE_ALL: Omit<EventKey, 'streamId'> = { time: -1, seq: 0 };

export interface StreamToken {
  direction: 'f' | 'b';
  time: number;
  seq: number;
}

/**
 * GetLogEvents tokens, shaped like AWS's: `f/` or `b/`, 56 digits, `/s`. The digits are the position's time (+1, so
 * that "before everything" is 0), its sequence number and the stream id, so a token of another stream is refused.
 */
export function encodeStreamToken(direction: 'f' | 'b', streamId: number, pos: { time: number; seq: number }): string {
  return `${direction}/${String(pos.time + 1).padStart(20, '0')}${String(pos.seq).padStart(20, '0')}${String(streamId).padStart(16, '0')}/s`;
}

export function decodeStreamToken(token: string, streamId: number): StreamToken {
  const m = /^([fb])\/(\d{20})(\d{20})(\d{16})\/s$/.exec(token);
  if (!m || Number(m[4]) !== streamId) throw invalidToken();
  return { direction: m[1] as 'f' | 'b', time: Number(m[2]) - 1, seq: Number(m[3]) };
}

/** FilterLogEvents tokens: the group, the direction, and the last event considered. */
export function encodeFilterToken(groupId: number, direction: 'asc' | 'desc', key: EventKey): string {
  return Buffer.from(`filter:${groupId}:${direction}:${key.time}:${key.streamId}:${key.seq}`, 'utf8').toString('base64url');
}

export function decodeFilterToken(token: string, groupId: number, direction: 'asc' | 'desc'): EventKey {
  const text = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
  const m = /^filter:(\d+):(asc|desc):(-?\d+):(\d+):(\d+)$/.exec(text);
  if (!m || Number(m[1]) !== groupId || m[2] !== direction) throw invalidToken();
  return { time: Number(m[3]), streamId: Number(m[4]), seq: Number(m[5]) };
}

function invalidToken(): InvalidParameterException {
  return new InvalidParameterException(messages.invalidNextToken);
}
