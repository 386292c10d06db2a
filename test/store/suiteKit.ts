import { test } from 'node:test';
import type { Store } from '../../src/store/types.js';

/** Opens a fresh store of one adapter, and cleans it up. */
export type OpenStore = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

/** Registers one skipped test in place of a suite whose adapter is not available here; true when it did. */
export function skippedSuite(name: string, skip: string | false | undefined): boolean {
  if (!skip) return false;
  test(`${name}: every test of the suite`, { skip }, () => {});
  return true;
}

/** Wraps a test body so that it runs on a store of its own, cleaned up whatever the outcome. */
export function storeRunner(open: OpenStore) {
  return (fn: (store: Store) => Promise<void>) => async () => {
    const { store, cleanup } = await open();
    try {
      await fn(store);
    } finally {
      await cleanup();
    }
  };
}
