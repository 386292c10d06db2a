import type { RequestContext } from '../../common/operation.js';
import type { IamCore } from '../../iam/core.js';
import type { PutRecordsInput, PutRecordsOutput } from '../../protocol/generated/kinesis.js';
import type { LogsCore } from '../core.js';

/** What subscription filters need of other services: IAM roles, and Kinesis as a role session calls it. */
export interface SubscriptionDeps {
  iam: IamCore;
  /** Kinesis PutRecords, authorized as over the network; joins the caller's store transaction. */
  putRecords(input: PutRecordsInput, ctx: RequestContext): Promise<PutRecordsOutput>;
}

const attached = new WeakMap<LogsCore, SubscriptionDeps>();

/** Wires subscription delivery into a CloudWatch Logs core (done once, by the server). */
export function attachSubscriptions(core: LogsCore, deps: SubscriptionDeps): void {
  attached.set(core, deps);
}

export function subscriptionDeps(core: LogsCore): SubscriptionDeps {
  const d = attached.get(core);
  if (!d) throw new Error('subscription filters are not wired to IAM and Kinesis');
  return d;
}
