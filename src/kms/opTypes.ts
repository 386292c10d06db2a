import type { RequestContext } from '../common/operation.js';
import type { KmsCore } from './core.js';

export type KmsOp = (core: KmsCore, input: any, ctx: RequestContext) => Promise<unknown>;

/** Operations by model name; `readOnly` ones run outside a store transaction. */
export type KmsOpTable = Record<string, { run: KmsOp; readOnly?: boolean }>;
