import type { RequestContext } from '../common/operation.js';
import type { LogsCore } from './core.js';

export type LogsOp = (core: LogsCore, input: any, ctx: RequestContext) => Promise<unknown>;

/** Operations by model name; `readOnly` ones run outside a store transaction. */
export type LogsOpTable = Record<string, { run: LogsOp; readOnly?: boolean; maxBodyBytes?: number; decodeJson?: (body: Buffer) => unknown }>;
