/**
 * A value that is usually there at once (a cache hit) and sometimes has to be waited for (a store read). Returning
 * the value itself when it is there spares the caller an `async` function's promise and a microtask turn per step,
 * which adds up on the hot paths of every request; callers that `await` it work either way.
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** `next(value)`, now when the value is there, or once the promise settles. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(next) : next(value);
}
