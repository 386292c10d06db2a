import type { Action } from '../lib/action.js';
import { ErrorPanel, Success } from './ui.js';

export function ActionResult({ action, failed }: { action: Action; failed: string }) {
  if (action.error) return <ErrorPanel error={action.error} title={failed} />;
  if (action.done) return <Success>{action.done}</Success>;
  return null;
}
