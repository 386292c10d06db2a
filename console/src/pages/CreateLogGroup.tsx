import { CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { useState, type FormEvent } from 'react';
import { KeyPicker } from '../components/KeyPicker.js';
import { LogsAccessHint } from '../components/LogsAccessHint.js';
import { TagEditor, tagMap, type TagRow } from '../components/TagEditor.js';
import { ErrorPanel, Field, Load, PageTitle } from '../components/ui.js';
import { useAws } from '../lib/context.js';
import { listKeyRows } from '../lib/kms.js';
import { useLoad } from '../lib/load.js';
import { logGroupArn, RETENTION_DAYS, retentionText } from '../lib/logs.js';
import { Link, navigate, withQuery } from '../lib/router.js';

/** CreateLogGroup's name rule (the model's pattern), said in words. */
function nameProblem(name: string): string | null {
  if (name === '') return null;
  if (name.length > 512) return 'A log group name can be at most 512 characters long.';
  if (!/^[.\-_/#A-Za-z0-9]+$/.test(name)) return 'A log group name may use letters, digits, and . - _ / #.';
  if (name.startsWith('aws/')) return "Log group names can't start with aws/.";
  return null;
}

export function CreateLogGroupPage() {
  const aws = useAws();
  const [keys] = useLoad(() => listKeyRows(aws), [aws]);
  const [name, setName] = useState('');
  const [keyArn, setKeyArn] = useState('');
  const [retention, setRetention] = useState('');
  const [tags, setTags] = useState<TagRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ err: unknown; created: boolean } | null>(null);
  const problem = nameProblem(name.trim());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const groupName = name.trim();
    if (!groupName || problem) return;
    setBusy(true);
    setError(null);
    let created = false;
    try {
      await aws.logs.send(new CreateLogGroupCommand({ logGroupName: groupName, kmsKeyId: keyArn || undefined, tags: tagMap(tags) }));
      created = true;
      if (retention) await aws.logs.send(new PutRetentionPolicyCommand({ logGroupName: groupName, retentionInDays: Number(retention) }));
      navigate(withQuery('/log-group', { name: groupName }));
    } catch (err) {
      setError({ err, created });
      setBusy(false);
    }
  };

  return (
    <>
      <p className="crumbs">
        <Link to="/log-groups">Log groups</Link> /
      </p>
      <PageTitle>Create a log group</PageTitle>
      <form onSubmit={submit} className="form">
        <Field label="Name" hint={problem ?? 'For example /app/web. Letters, digits, and . - _ / #.'}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} required aria-invalid={problem !== null} spellCheck={false} />}
        </Field>
        <Load value={keys} what="keys" unavailable="AWS KMS">
          {(rows) => <KeyPicker keys={rows} value={keyArn} onChange={setKeyArn} label="Encryption key" none="Service-owned key (no customer key)" />}
        </Load>
        {keyArn ? (
          <LogsAccessHint keyArn={keyArn} target={{ kind: 'log-group', arn: logGroupArn(aws.session.region, aws.session.accountId, name.trim() || 'NAME') }} />
        ) : (
          <p className="hint">Without a customer key, events are encrypted with a key CloudWatch Logs owns and manages.</p>
        )}
        <Field label="Retention">
          {(p) => (
            <select {...p} value={retention} onChange={(e) => setRetention(e.target.value)}>
              <option value="">Never expire</option>
              {RETENTION_DAYS.map((d) => (
                <option key={d} value={d}>
                  {retentionText(d)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TagEditor rows={tags} onChange={setTags} />
        <div className="actions">
          <button type="submit" disabled={busy || name.trim() === '' || problem !== null}>
            {busy ? 'Creating…' : 'Create log group'}
          </button>
          <Link to="/log-groups">Cancel</Link>
        </div>
      </form>
      {error ? <ErrorPanel error={error.err} title={error.created ? 'The log group was created, but its retention was not set' : 'The log group was not created'} /> : null}
    </>
  );
}
