import type { KeyMetadata } from '@aws-sdk/client-kms';
import type { ReactNode } from 'react';
import { KeyState } from '../components/KeyState.js';
import { Load, PageTitle, formatTime } from '../components/ui.js';
import { useAws } from '../lib/context.js';
import { canRotate, describeKey, listAliases } from '../lib/kms.js';
import { useLoad } from '../lib/load.js';
import { Link, withQuery } from '../lib/router.js';
import { KeyAliases } from './key/KeyAliases.js';
import { KeyDeletion } from './key/KeyDeletion.js';
import { KeyGrants } from './key/KeyGrants.js';
import { KeyPolicyEditor } from './key/KeyPolicyEditor.js';
import { KeyRotation } from './key/KeyRotation.js';
import { KeyStatus } from './key/KeyStatus.js';

export function KeyDetailPage({ keyId }: { keyId: string }) {
  const aws = useAws();
  const [key, reload] = useLoad(async () => {
    const [metadata, aliases] = await Promise.all([describeKey(aws, keyId), listAliases(aws, keyId)]);
    return { metadata, aliases: aliases.map((a) => a.AliasName!) };
  }, [aws, keyId]);
  const title = key.state === 'ok' ? (key.data.aliases[0] ?? key.data.metadata.KeyId) : keyId;
  return (
    <>
      <p className="crumbs">
        <Link to="/keys">Keys</Link> /
      </p>
      <PageTitle>Key {title}</PageTitle>
      <Load value={key} what="the key" unavailable="AWS KMS">
        {({ metadata }) => (
          <>
            <KeySummary m={metadata} />
            <p>
              <Link to={withQuery('/policy-check', { key: metadata.KeyId })}>Can CloudWatch Logs use this key?</Link>
            </p>
            <KeyStatus m={metadata} onChanged={reload} />
            {canRotate(metadata) && metadata.KeyState !== 'PendingDeletion' ? <KeyRotation keyId={metadata.KeyId!} /> : null}
            <KeyAliases keyId={metadata.KeyId!} onChanged={reload} />
            <KeyGrants keyId={metadata.KeyId!} />
            <KeyPolicyEditor keyId={metadata.KeyId!} keyArn={metadata.Arn} />
            <KeyDeletion m={metadata} onChanged={reload} />
          </>
        )}
      </Load>
    </>
  );
}

function KeySummary({ m }: { m: KeyMetadata }) {
  const rows: [string, ReactNode][] = [
    ['State', <KeyState state={m.KeyState} />],
    ['ARN', <span className="mono">{m.Arn}</span>],
    ['Key ID', <span className="mono">{m.KeyId}</span>],
    ['Key spec', m.KeySpec],
    ['Key usage', m.KeyUsage],
    ['Origin', m.Origin],
    ['Created', formatTime(m.CreationDate)],
    ['Description', m.Description || '—'],
  ];
  if (m.DeletionDate) rows.splice(1, 0, ['Deleted on', formatTime(m.DeletionDate)]);
  return (
    <section aria-labelledby="summary-h">
      <h2 id="summary-h">Summary</h2>
      <dl className="summary">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
