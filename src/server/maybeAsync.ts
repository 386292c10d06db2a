/**
 * Steps of a request that are usually synchronous (a cached credential, a read-only operation answered from memory)
 * but sometimes wait (a credential load, a store transaction). Chaining them through these helpers keeps the usual
 * case free of promises: every promise, `async` function and `await` costs a microtask turn and, once an
 * AsyncLocalStorage has been used, an async_hooks callback, which adds up on the hot path of every request.
 */
import { isPromise, type MaybePromise } from '../common/maybePromise.js';

export { andThen, isPromise, type MaybePromise } from '../common/maybePromise.js';

/**
 * Runs `step`; whatever it throws, synchronously or by rejecting, goes to `recover` (which may rethrow what it does
 * not handle).
 */
export function attempt<R>(step: () => MaybePromise<R>, recover: (err: unknown) => MaybePromise<R>): MaybePromise<R> {
  let result: MaybePromise<R>;
  try {
    result = step();
  } catch (err) {
    return recover(err);
  }
  return isPromise(result) ? result.catch(recover) : result;
}
