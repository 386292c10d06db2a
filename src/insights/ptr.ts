/**
 * `@ptr`: where an event lives, for GetLogRecord. Opaque to clients: base64url of
 * `v1|account|region|groupId|streamId|timestamp|seq`. A pointer names nothing the caller may not read: GetLogRecord
 * checks that the group is still the caller's, in the caller's region.
 */
export interface LogPointer {
  accountId: string;
  region: string;
  groupId: number;
  streamId: number;
  timestamp: number;
  seq: number;
}

export function encodePtr(p: LogPointer): string {
  return Buffer.from(`v1|${p.accountId}|${p.region}|${p.groupId}|${p.streamId}|${p.timestamp}|${p.seq}`, 'utf8').toString('base64url');
}

export function decodePtr(s: string): LogPointer | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(s)) return undefined;
  const parts = Buffer.from(s, 'base64url').toString('utf8').split('|');
  if (parts.length !== 7 || parts[0] !== 'v1') return undefined;
  const [, accountId, region, g, st, t, q] = parts as [string, string, string, string, string, string, string];
  const nums = [g, st, t, q].map(Number);
  if (nums.some((n) => !Number.isSafeInteger(n) || n < 0)) return undefined;
  return { accountId, region, groupId: nums[0]!, streamId: nums[1]!, timestamp: nums[2]!, seq: nums[3]! };
}
