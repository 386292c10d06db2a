import { useEffect, useId, useRef, type ReactNode } from 'react';
import { shownError } from '../lib/errors.js';
import type { Loaded } from '../lib/load.js';

/** A failed call, with AWS's error code and message exactly as the service sent them. */
export function ErrorPanel({ error, title = 'The request failed', children }: { error: unknown; title?: string; children?: ReactNode }) {
  const e = shownError(error);
  return (
    <div className="panel panel-error" role="alert">
      <h3>{title}</h3>
      <p>
        <code className="error-code">{e.code}</code>
        {e.message ? <span className="error-message">{e.message}</span> : null}
      </p>
      {children}
    </div>
  );
}

/** What a page shows while the server does not serve the operations it needs. */
export function Unavailable({ what }: { what: string }) {
  return (
    <div className="panel panel-info" role="status">
      <h3>Not available on this server yet</h3>
      <p>{what} is not served by this logseal yet (it answers UnknownOperationException). This page works as soon as it is.</p>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/** Renders loading / error / unavailable states, and `children(data)` once loaded. */
export function Load<T>({ value, what, unavailable, children }: { value: Loaded<T>; what: string; unavailable: string; children: (data: T) => ReactNode }) {
  if (value.state === 'loading') return <Loading what={what} />;
  if (value.state === 'unavailable') return <Unavailable what={unavailable} />;
  if (value.state === 'error') return <ErrorPanel error={value.error} title={`Could not load ${what}`} />;
  return <>{children(value.data)}</>;
}

export function Success({ children }: { children: ReactNode }) {
  return (
    <div className="panel panel-ok" role="status">
      {children}
    </div>
  );
}

/** A labelled form control; `hint` is tied to the control with aria-describedby. */
export function Field({ label, hint, children }: { label: string; hint?: ReactNode; children: (props: { id: string; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': hintId })}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The page title; it takes focus when the page changes so screen readers and keyboard users start there. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

export function formatTime(ms: number | Date | undefined): string {
  if (ms === undefined) return '—';
  const d = ms instanceof Date ? ms : new Date(ms);
  // Milliseconds are kept: log events a few ms apart must show in their order.
  return d.toISOString().replace('T', ' ').replace(/Z$/, ' UTC');
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined) return '—';
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} bytes` : `${v.toFixed(1)} ${units[i]}`;
}
