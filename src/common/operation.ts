import type { Principal } from '../auth/identity.js';

/** What a service operation knows about the request it serves. */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  /** The region from the request's credential scope; every resource is scoped to (account, region). */
  region: string;
  sourceIp: string;
  userAgent: string;
  /** Request time in ms, from the injected clock. */
  time: number;
  secureTransport: boolean;
  /**
   * Set when another logseal service makes the call on a customer's behalf (e.g. CloudWatch Logs using a KMS key):
   * the `aws:SourceAccount`, `aws:SourceArn` and `kms:ViaService` condition keys.
   */
  sourceAccount?: string;
  sourceArn?: string;
  viaService?: string;
}

export type OperationHandler<I = any, O = any> = (input: I, ctx: RequestContext) => O | Promise<O>;

export interface OperationDef {
  handler: OperationHandler;
  /** Read-only operations run outside a store transaction; every other operation runs in exactly one. */
  readOnly?: boolean;
  /** The largest request body accepted for the operation (default: 1 MiB). */
  maxBodyBytes?: number;
  /**
   * Decodes an AWS JSON request body in place of the generic decoder (`decodeJsonInput`), giving the same answers
   * (value or error) in a form the handler reads faster: PutLogEvents' events as columns (src/logs/eventBatch.ts).
   */
  decodeJson?: (body: Buffer) => unknown;
}

/** Handlers of one service, keyed by the operation's model name (`CreateKey`). Absent operations are unknown. */
export type OperationTable = Readonly<Record<string, OperationDef>>;
