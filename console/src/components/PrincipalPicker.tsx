import { useId } from 'react';
import type { IamPrincipal } from '../lib/iam.js';

/**
 * Picks IAM users and roles by name (checkboxes), and takes any other principal ARNs one per line. Without IAM's list
 * operations on the server, only the ARN box is shown.
 */
export function PrincipalPicker({
  legend,
  help,
  principals,
  picked,
  onPicked,
  extra,
  onExtra,
}: {
  legend: string;
  help: string;
  principals: IamPrincipal[] | null;
  picked: string[];
  onPicked: (arns: string[]) => void;
  extra: string;
  onExtra: (text: string) => void;
}) {
  const id = useId();
  const toggle = (arn: string, on: boolean) => onPicked(on ? [...picked, arn] : picked.filter((a) => a !== arn));
  return (
    <fieldset>
      <legend>{legend}</legend>
      <p className="hint">{help}</p>
      {principals === null ? (
        <p className="hint">This server does not list IAM users and roles yet; enter their ARNs below.</p>
      ) : principals.length === 0 ? (
        <p className="hint">The account has no IAM users or roles yet.</p>
      ) : (
        <ul className="checklist">
          {principals.map((p) => (
            <li key={p.arn}>
              <label>
                <input type="checkbox" checked={picked.includes(p.arn)} onChange={(e) => toggle(p.arn, e.target.checked)} />
                {p.kind === 'user' ? 'User' : 'Role'} <strong>{p.name}</strong>
              </label>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-arns`}>Other principal ARNs, one per line</label>
      <textarea id={`${id}-arns`} rows={2} value={extra} onChange={(e) => onExtra(e.target.value)} spellCheck={false} placeholder="arn:aws:iam::111122223333:role/Example" />
    </fieldset>
  );
}

export function arnsOf(picked: string[], extra: string): string[] {
  const typed = extra
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...new Set([...picked, ...typed])];
}
