import { CreateAliasCommand, DeleteAliasCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { useState, type FormEvent } from 'react';
import { ActionResult } from '../../components/ActionResult.js';
import { Field, Load } from '../../components/ui.js';
import { useAction } from '../../lib/action.js';
import { useAws } from '../../lib/context.js';
import { aliasName, aliasProblem } from '../../lib/kms.js';
import { usePaged } from '../../lib/paged.js';
import { Pager } from '../group/GroupStreams.js';

const PAGE = 20;

/** The key's aliases a page at a time (ListAliases with KeyId, Limit and Marker); added and removed here. */
export function KeyAliases({ keyId, onChanged }: { keyId: string; onChanged: () => void }) {
  const aws = useAws();
  const action = useAction();
  const [name, setName] = useState('');
  const paged = usePaged(
    async (Marker) => {
      const out = await aws.kms.send(new ListAliasesCommand({ KeyId: keyId, Limit: PAGE, Marker }));
      return { items: (out.Aliases ?? []).map((a) => a.AliasName!), next: out.Truncated ? out.NextMarker : undefined };
    },
    [aws, keyId],
    keyId,
  );
  const changed = () => {
    paged.reload();
    onChanged();
  };
  const problem = aliasProblem(name.trim());
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const alias = aliasName(name);
    if (await action.run(() => aws.kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyId })), `Added ${alias}.`, changed)) setName('');
  };
  return (
    <section aria-labelledby="aliases-h">
      <h2 id="aliases-h">Aliases</h2>
      <Load value={paged.value} what="aliases" unavailable="ListAliases">
        {(page) => (
          <>
            {page.items.length === 0 && !paged.hasPrevious ? <p>The key has no alias.</p> : null}
            <ul className="plain">
              {page.items.map((a) => (
                <li key={a}>
                  <code>{a}</code>{' '}
                  <button type="button" className="secondary" disabled={action.busy} onClick={() => action.run(() => aws.kms.send(new DeleteAliasCommand({ AliasName: a })), `Removed ${a}.`, changed)}>
                    Remove {a}
                  </button>
                </li>
              ))}
            </ul>
            <Pager hasPrevious={paged.hasPrevious} next={page.next} onPrevious={paged.previous} onNext={paged.nextPage} what="aliases" />
          </>
        )}
      </Load>
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
