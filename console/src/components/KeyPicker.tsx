import type { KeyRow } from '../lib/kms.js';
import { keyLabel } from '../lib/kms.js';
import { Field } from './ui.js';

/**
 * Picks a key for CloudWatch Logs by its alias; the value is the key ARN, which is what CloudWatch Logs requires.
 * Only enabled symmetric encryption keys are offered: CloudWatch Logs cannot use any other.
 */
export function KeyPicker({ keys, value, onChange, label, none }: { keys: KeyRow[]; value: string; onChange: (arn: string) => void; label: string; none?: string }) {
  const usable = keys.filter((k) => k.metadata.KeyState === 'Enabled' && k.metadata.KeySpec === 'SYMMETRIC_DEFAULT' && k.metadata.KeyUsage === 'ENCRYPT_DECRYPT');
  return (
    <Field label={label} hint={usable.length === 0 ? 'There is no enabled symmetric encryption key. Create one on the Keys page.' : 'Enabled symmetric encryption keys of this account and region.'}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {none !== undefined ? <option value="">{none}</option> : null}
          {usable.map((k) => (
            <option key={k.metadata.Arn} value={k.metadata.Arn}>
              {keyLabel(k) === k.metadata.KeyId ? k.metadata.KeyId : `${keyLabel(k)} — ${k.metadata.KeyId}`}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
