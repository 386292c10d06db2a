/**
 * IAM's pagination: `MaxItems` (default 100) and an opaque `Marker`; a page says `IsTruncated` and, when true, the
 * `Marker` to continue from. Markers wrap the store's continuation key so that clients never see it in the clear.
 */
import type { Page } from '../store/types.js';

export const DEFAULT_MAX_ITEMS = 100;

export interface PageRequest {
  Marker?: string;
  MaxItems?: number;
}

export function limitOf(input: PageRequest): number {
  return input.MaxItems ?? DEFAULT_MAX_ITEMS;
}

export function afterOf(input: PageRequest): string | undefined {
  return input.Marker === undefined ? undefined : Buffer.from(input.Marker, 'base64url').toString('utf8');
}

/** The `IsTruncated`/`Marker` members of a response for a page from the store. */
export function pageTail(page: Page<unknown>): { IsTruncated: boolean; Marker?: string } {
  return page.next === undefined ? { IsTruncated: false } : { IsTruncated: true, Marker: Buffer.from(page.next, 'utf8').toString('base64url') };
}

/** Pages through a list held in memory (an entity's policies, tags or keys), keyed by `key` in list order. */
export function pageOf<T>(items: readonly T[], input: PageRequest, key: (t: T) => string): Page<T> {
  const after = afterOf(input);
  let start = 0;
  if (after !== undefined) {
    const i = items.findIndex((t) => key(t) === after);
    start = i < 0 ? items.length : i + 1;
  }
  const limit = limitOf(input);
  const slice = items.slice(start, start + limit);
  return start + limit < items.length ? { items: slice, next: key(slice[slice.length - 1]!) } : { items: slice };
}
