import { useCallback, useEffect, useRef, useState } from 'react';
import { isUnknownOperation } from './errors.js';

/** A page's data: loading, loaded, failed, or the server does not have the operation yet. */
export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'ok'; data: T }
  | { state: 'error'; error: unknown }
  | { state: 'unavailable' };

/**
 * Runs `load` when the deps change and on `reload()`; an answer that arrives after a newer request started is
 * dropped, so a slow response never overwrites a fresh one.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  const generation = useRef(0);
  // The caller lists what `load` depends on, as with useEffect.
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    run().then(
      (data) => mine === generation.current && setValue({ state: 'ok', data }),
      (error) => mine === generation.current && setValue(isUnknownOperation(error) ? { state: 'unavailable' } : { state: 'error', error }),
    );
  }, [run]);
  useEffect(() => {
    setValue({ state: 'loading' });
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);
  return [value, reload];
}

/** Collects every page of a paginated AWS list. */
export async function allPages<T>(fetch: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...page.items);
    token = page.next;
  } while (token);
  return out;
}
