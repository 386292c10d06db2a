/**
 * A small history router for the console's pages under /console/ (the server answers every route with the page).
 * Links are real <a href> elements, so they work with the keyboard, open in new tabs and show their target.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export const BASE = '/console';
const CHANGE = 'logseal:navigate';

export interface Route {
  /** The path inside the console, e.g. "/keys/1234…" ("/" for the start page). */
  path: string;
  query: URLSearchParams;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export function useRoute(): Route {
  const current = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(current, window.location.origin);
  const inside = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : url.pathname;
  return { path: inside === '' ? '/' : inside, query: url.searchParams };
}

export function href(to: string): string {
  return BASE + to;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.history.replaceState(null, '', href(to));
  else window.history.pushState(null, '', href(to));
  window.dispatchEvent(new Event(CHANGE));
}

/** Builds "/path?a=1&b=2", leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(e);
    // Let the browser handle new-tab and download gestures.
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a {...rest} href={href(to)} onClick={onClick} />;
}
