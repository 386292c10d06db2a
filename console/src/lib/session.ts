/**
 * The person's sign-in: credentials and region, kept in sessionStorage only (gone when the tab closes) and used only
 * to sign requests to the logseal that served this page.
 */
export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** From STS GetCallerIdentity at sign-in. */
  accountId: string;
  arn: string;
}

const STORAGE_KEY = 'logseal.console.session';

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<Session>;
    if (s.accessKeyId && s.secretAccessKey && s.region && s.accountId && s.arn) return s as Session;
  } catch {
    // A damaged entry is the same as none: the person signs in again.
  }
  sessionStorage.removeItem(STORAGE_KEY);
  return null;
}

export function saveSession(s: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
}

export function clearSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** `logseal serve --dev` marks the page it serves; the sign-in form then offers the well-known test/test. */
export function isDevServer(): boolean {
  return document.querySelector('meta[name="logseal-dev"]')?.getAttribute('content') === '1';
}

/** The private region names the server accepts besides AWS's (`logseal serve --regions`), as the page was told. */
export function serverPrivateRegions(): string[] {
  const text = document.querySelector('meta[name="logseal-regions"]')?.getAttribute('content') ?? '';
  return text.split(' ').filter((n) => n !== '');
}
