import { CreateAliasCommand, DeleteAliasCommand } from '@aws-sdk/client-kms';
import { useState, type FormEvent } from 'react';
import { ActionResult } from '../../components/ActionResult.js';
import { Field } from '../../components/ui.js';
import { useAction } from '../../lib/action.js';
import { useAws } from '../../lib/context.js';
import { aliasName, aliasProblem } from '../../lib/kms.js';

export function KeyAliases({ keyId, aliases, onChanged }: { keyId: string; aliases: string[]; onChanged: () => void }) {
  const aws = useAws();
  const action = useAction();
  const [name, setName] = useState('');
  const problem = aliasProblem(name.trim());
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const alias = aliasName(name);
    if (await action.run(() => aws.kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyId })), `Added ${alias}.`, onChanged)) setName('');
  };
  return (
    <section aria-labelledby="aliases-h">
      <h2 id="aliases-h">Aliases</h2>
      {aliases.length === 0 ? <p>The key has no alias.</p> : null}
      <ul className="plain">
        {aliases.map((a) => (
          <li key={a}>
            <code>{a}</code>{' '}
            <button type="button" className="secondary" disabled={action.busy} onClick={() => action.run(() => aws.kms.send(new DeleteAliasCommand({ AliasName: a })), `Removed ${a}.`, onChanged)}>
              Remove {a}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="inline-form">
        <Field label="New alias" hint={problem ?? 'For example app-logs (becomes alias/app-logs).'}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={problem !== null} spellCheck={false} />}
        </Field>
        <button type="submit" disabled={action.busy || name.trim() === '' || problem !== null}>
          Add alias
        </button>
      </form>
      <ActionResult action={action} failed="The aliases were not changed" />
    </section>
  );
}
