/** The IAM policy language: parse and validate a document, compile it once, evaluate it per request. */
export { parsePolicy } from './parse.js';
export { compilePolicy, evaluate, type CompiledPolicy } from './evaluate.js';
export { PolicyError, PolicyReason } from './errors.js';
export { CompiledPolicyCache } from './cache.js';
export { evaluateCached } from './decisionCache.js';
export { bindPrincipals, showPrincipals, isIamEntityArn, type PrincipalIds } from './bindings.js';
export { parseStrictJson, JsonError, type Json } from './json.js';
export type {
  BaseOperator,
  CompileOptions,
  ConditionClause,
  ConditionContext,
  ContextScalar,
  ContextValue,
  Effect,
  Evaluation,
  ParseOptions,
  Policy,
  PolicyRequest,
  PolicyVersion,
  PrincipalSpec,
  RequestPrincipal,
  SetQualifier,
  Statement,
} from './types.js';
