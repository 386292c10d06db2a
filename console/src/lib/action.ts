import { useState } from 'react';

export interface Action {
  busy: boolean;
  error: unknown;
  done: string | null;
  /** Runs `fn`; on success shows `doneText` and calls `after` (usually a reload). */
  run: (fn: () => Promise<unknown>, doneText: string, after?: () => void) => Promise<boolean>;
  clear: () => void;
}

/** State of a button's request: busy while it runs, then AWS's error or a plain confirmation. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run: Action['run'] = async (fn, doneText, after) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await fn();
      setDone(doneText);
      after?.();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run, clear: () => (setError(null), setDone(null)) };
}
