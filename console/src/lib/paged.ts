import { useState } from 'react';
import { useLoad, type Loaded } from './load.js';

/** One page of a server's list, and the token (nextToken, NextMarker, Marker) that continues it. */
export interface ServerPage<T> {
  items: T[];
  next?: string;
}

export interface Paged<T> {
  value: Loaded<ServerPage<T>>;
  reload: () => void;
  hasPrevious: boolean;
  previous: () => void;
  nextPage: (token: string) => void;
}

/** Server pages read for one page of search results at most; the person continues with "Next" past them. */
const SEARCH_BUDGET = 20;

/**
 * A list shown a page at a time over the server's own paging token, with Previous / Next. `resetKey` names what
 * the list is of (the search text, a filter): when it changes, the list starts again at its first page.
 *
 * With `match`, the list is searched where the server has no search parameter: server pages are read, in the
 * server's order, until they give `want` matching items, the list ends, or SEARCH_BUDGET pages were read; the page
 * shown is those matches, and "Next" continues from the server's token where the reading stopped.
 */
export function usePaged<T>(
  fetchPage: (token: string | undefined) => Promise<ServerPage<T>>,
  deps: readonly unknown[],
  resetKey: string,
  opts: { match?: (item: T) => boolean; want?: number } = {},
): Paged<T> {
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [forKey, setForKey] = useState(resetKey);
  if (forKey !== resetKey) {
    // Adjusting state while rendering (React's pattern for state that follows a prop): a new search starts afresh.
    setForKey(resetKey);
    setTokens([undefined]);
  }
  const token = forKey === resetKey ? tokens[tokens.length - 1] : undefined;
  const { match, want = 1 } = opts;
  const [value, reload] = useLoad(async () => {
    if (!match) return fetchPage(token);
    const items: T[] = [];
    let next = token;
    let read = 0;
    do {
      const page = await fetchPage(next);
      items.push(...page.items.filter(match));
      next = page.next;
      read++;
    } while (next && items.length < want && read < SEARCH_BUDGET);
    return { items, next };
  }, [...deps, token, resetKey]);
  return {
    value,
    reload,
    hasPrevious: tokens.length > 1,
    previous: () => setTokens(tokens.slice(0, -1)),
    nextPage: (t) => setTokens([...tokens, t]),
  };
}

/** Case-insensitive "contains" over a few texts of an item; an empty search matches everything. */
export function textMatch(search: string, ...texts: (string | undefined)[]): boolean {
  const s = search.trim().toLowerCase();
  return s === '' || texts.some((t) => t !== undefined && t.toLowerCase().includes(s));
}
