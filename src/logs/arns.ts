/** ARNs of log groups and streams, and the `logGroupIdentifier` forms (a name or an ARN). */

export function logGroupArn(region: string, accountId: string, name: string): string {
  return `arn:aws:logs:${region}:${accountId}:log-group:${name}`;
}

export function logStreamArn(region: string, accountId: string, groupName: string, streamName: string): string {
  return `${logGroupArn(region, accountId, groupName)}:log-stream:${streamName}`;
}

const GROUP_ARN_RE = /^arn:aws:logs:([a-z0-9-]+):(\d{12}):log-group:([.\-_/#A-Za-z0-9]+?)(?::\*)?$/;

export interface GroupRef {
  name: string;
  /** Set when the reference was an ARN. */
  accountId?: string;
  region?: string;
}

/** A log group name, or a log group ARN with or without the trailing `:*`; undefined for anything else. */
export function parseGroupIdentifier(id: string): GroupRef | undefined {
  if (!id.startsWith('arn:')) return { name: id };
  const m = GROUP_ARN_RE.exec(id);
  return m ? { region: m[1]!, accountId: m[2]!, name: m[3]! } : undefined;
}
