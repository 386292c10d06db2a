/**
 * How an AWS service principal writes to a log group inside logseal: through the same authorized operations a client
 * calls (CreateLogStream, PutLogEvents), as the service, on behalf of a source account and resource. The resource
 * policies of the group's account decide (`LogsResourcePolicies`); nothing else lets a service write.
 *
 * This is the entry point for services that deliver logs (vended logs, a service's query or slow logs); no client
 * can sign as a service principal.
 */
import type { Principal } from '../../auth/identity.js';
import type { Clock } from '../../common/clock.js';
import { requestId } from '../../common/ids.js';
import type { OperationTable, RequestContext } from '../../common/operation.js';
import type { PutLogEventsRequest, PutLogEventsResponse } from '../../protocol/generated/logs.js';
import type { Store } from '../../store/types.js';

export interface ServiceCaller {
  /** The service principal, e.g. `route53.amazonaws.com` or `delivery.logs.amazonaws.com`. */
  service: string;
  /** The account and region of the log group written to. */
  accountId: string;
  region: string;
  /** Whom the service acts for: `aws:SourceAccount` and `aws:SourceArn`. */
  sourceAccount?: string;
  sourceArn?: string;
}

export class ServiceLogWriter {
  /** `operations`: CloudWatch Logs' authorized operation table (what the HTTP front serves). */
  constructor(
    private readonly operations: OperationTable,
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async createLogStream(caller: ServiceCaller, logGroupName: string, logStreamName: string): Promise<void> {
    await this.call(caller, 'CreateLogStream', { logGroupName, logStreamName });
  }

  async putLogEvents(caller: ServiceCaller, input: PutLogEventsRequest): Promise<PutLogEventsResponse> {
    return (await this.call(caller, 'PutLogEvents', input)) as PutLogEventsResponse;
  }

  private async call(caller: ServiceCaller, operation: string, input: unknown): Promise<unknown> {
    const def = this.operations[operation]!;
    const principal: Principal = { type: 'service', accountId: caller.accountId, arn: caller.service, userId: caller.service, name: caller.service };
    const ctx: RequestContext = {
      requestId: requestId(),
      principal,
      region: caller.region,
      sourceIp: '',
      userAgent: caller.service,
      time: this.clock.now(),
      secureTransport: true,
    };
    if (caller.sourceAccount !== undefined) ctx.sourceAccount = caller.sourceAccount;
    if (caller.sourceArn !== undefined) ctx.sourceArn = caller.sourceArn;
    // As the HTTP front runs operations: one transaction per mutating operation.
    if (def.readOnly) return def.handler(input, ctx);
    return this.store.transaction(async () => def.handler(input, ctx));
  }
}
