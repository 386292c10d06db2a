import { createHash, randomBytes } from 'node:crypto';
import type { RequestContext } from '../../common/operation.js';
import { parseStreamArn } from '../../kinesis/arns.js';
import type { Store } from '../../store/types.js';
import { subscriptionDeps } from './deps.js';
import type { LogsCore } from '../core.js';
import { logsRoleSession, sessionContext } from './role.js';
import type { DestinationRecord } from './model.js';

/** A CloudWatch Logs destination's ARN. */
export function destinationArn(region: string, accountId: string, name: string): string {
  return `arn:aws:logs:${region}:${accountId}:destination:${name}`;
}

export function parseDestinationArn(arn: string): { region: string; accountId: string; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):destination:([^:*]+)$/.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, name: m[3]! } : undefined;
}

/** Where a filter's records go: a Kinesis stream, written as a role. */
export interface StreamTarget {
  streamArn: string;
  roleArn: string;
  /** The destination the filter names, when it names one (its access policy was checked on PutSubscriptionFilter). */
  destination?: DestinationRecord;
}

/** The stream a filter delivers to: its own destinationArn (a stream) or its destination's target. */
export async function resolveTarget(store: Store, destination: string, roleArn: string | undefined): Promise<StreamTarget | 'no-role' | 'no-destination' | 'unsupported'> {
  if (parseStreamArn(destination)) return roleArn === undefined ? 'no-role' : { streamArn: destination, roleArn };
  const d = parseDestinationArn(destination);
  if (!d) return 'unsupported';
  const rec = await store.logSubscriptions.getDestination(d.accountId, d.region, d.name);
  if (!rec) return 'no-destination';
  return { streamArn: rec.targetArn, roleArn: rec.roleArn, destination: rec };
}

/** Why a delivery could not be made. */
export class DeliveryError extends Error {
  constructor(
    readonly reason: 'role' | 'stream' | 'kms',
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * Writes records to the target stream as CloudWatch Logs does: as a session of the target's role, through Kinesis'
 * own authorization (the role needs kinesis:PutRecords on the stream) and encryption. Joins the caller's transaction.
 */
export async function putToTarget(
  core: LogsCore,
  target: StreamTarget,
  source: { accountId: string; region: string; name: string },
  partitionKey: string,
  records: readonly Buffer[],
): Promise<void> {
  const deps = subscriptionDeps(core);
  const now = core.clock.now();
  const session = await logsRoleSession(deps.iam, target.roleArn, source, now);
  if (!session) throw new DeliveryError('role', `CloudWatch Logs cannot assume ${target.roleArn}`);
  const stream = parseStreamArn(target.streamArn)!;
  const ctx: RequestContext = sessionContext(session, stream.region, now);
  try {
    await deps.putRecords({ StreamARN: target.streamArn, Records: records.map((r) => ({ PartitionKey: partitionKey, Data: r })) }, ctx);
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    throw new DeliveryError(code.startsWith('KMS') ? 'kms' : 'stream', err instanceof Error ? err.message : String(err));
  }
}

/** `ByLogStream` keeps a log stream's records on one shard (in order); `Random` spreads them. */
export function partitionKeyFor(distribution: 'Random' | 'ByLogStream', group: string, stream: string): string {
  if (distribution === 'Random') return randomBytes(16).toString('hex');
  return createHash('sha256').update(`${group}\n${stream}`).digest('hex');
}
