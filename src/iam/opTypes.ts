import type { RequestContext } from '../common/operation.js';
import type { IamCore } from './core.js';

export type IamOp = (core: IamCore, input: any, ctx: RequestContext) => Promise<unknown>;

/** Operations by model name; `readOnly` ones run outside a store transaction. */
export type IamOpTable = Record<string, { run: IamOp; readOnly?: boolean }>;
