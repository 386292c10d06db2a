import { stateText } from '../lib/kms.js';

/** A key state as words and a colour; the words carry the meaning, the colour only repeats it. */
export function KeyState({ state }: { state: string | undefined }) {
  const tone = state === 'Enabled' ? 'ok' : state === 'PendingDeletion' || state === 'Unavailable' ? 'bad' : 'warn';
  return <span className={`badge badge-${tone}`}>{stateText(state)}</span>;
}
