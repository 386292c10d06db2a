import type { MaybePromise } from '../common/maybePromise.js';
import type { RequestContext } from '../common/operation.js';
import type { KmsCore } from './core.js';

/** An operation; the hot cryptographic ones answer without a promise when everything they need is cached. */
export type KmsOp = (core: KmsCore, input: any, ctx: RequestContext) => MaybePromise<unknown>;

/** Operations by model name; `readOnly` ones run outside a store transaction. */
export type KmsOpTable = Record<string, { run: KmsOp; readOnly?: boolean }>;
