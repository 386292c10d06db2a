/**
 * Steps of a request that are usually synchronous (a cached credential, a read-only operation answered from memory)
 * but sometimes wait (a credential load, a store transaction). Chaining them through these helpers keeps the usual
 * case free of promises: every promise, `async` function and `await` costs a microtask turn and, once an
 * AsyncLocalStorage has been used, an async_hooks callback, which adds up on the hot path of every request.
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** `next(value)`, now when the value is there, or once the promise settles. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(next) : next(value);
}

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
