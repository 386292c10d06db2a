import { AssociateKmsKeyCommand, DisassociateKmsKeyCommand, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { useState } from 'react';
import { ActionResult } from '../components/ActionResult.js';
import { KeyPicker } from '../components/KeyPicker.js';
import { LogsAccessHint } from '../components/LogsAccessHint.js';
import { Load, PageTitle, formatBytes, formatTime } from '../components/ui.js';
import { useAction } from '../lib/action.js';
import { useAws } from '../lib/context.js';
import { keyIdOfArn } from '../lib/keyErrors.js';
import { listKeyRows } from '../lib/kms.js';
import { useLoad } from '../lib/load.js';
import { describeLogGroup, logGroupArn, retentionText } from '../lib/logs.js';
import { Link, withQuery } from '../lib/router.js';
import { GroupDelete, GroupRetention, GroupTags } from './group/GroupSettings.js';
import { GroupKeyWarning } from './group/GroupKeyWarning.js';
import { GroupStreams } from './group/GroupStreams.js';

export function LogGroupPage({ name }: { name: string }) {
  const aws = useAws();
  const [group, reload] = useLoad(async () => {
    const g = await describeLogGroup(aws, name);
    if (!g) throw Object.assign(new Error(`There is no log group named ${name} in ${aws.session.region}.`), { name: 'ResourceNotFoundException' });
    return g;
  }, [aws, name]);
  return (
    <>
      <p className="crumbs">
        <Link to="/log-groups">Log groups</Link> /
      </p>
      <PageTitle>Log group {name}</PageTitle>
      <Load value={group} what="the log group" unavailable="CloudWatch Logs">
        {(g) => (
          <>
            {g.kmsKeyId ? <GroupKeyWarning keyArn={g.kmsKeyId} groupArn={groupArn(aws.session.region, aws.session.accountId, g)} /> : null}
            <dl className="summary">
              <div>
                <dt>ARN</dt>
                <dd className="mono">{groupArn(aws.session.region, aws.session.accountId, g)}</dd>
              </div>
              <div>
                <dt>Created</dt>
                <dd>{formatTime(g.creationTime)}</dd>
              </div>
              <div>
                <dt>Retention</dt>
                <dd>{retentionText(g.retentionInDays)}</dd>
              </div>
              <div>
                <dt>Stored</dt>
                <dd>{formatBytes(g.storedBytes)}</dd>
              </div>
            </dl>
            <p>
              <Link to={withQuery('/events', { group: name })} className="button">
                Search events
              </Link>
            </p>
            <EncryptionSection group={g} onChanged={reload} />
            <GroupStreams group={name} />
            <GroupRetention group={g} onChanged={reload} />
            <GroupTags arn={groupArn(aws.session.region, aws.session.accountId, g)} />
            <GroupDelete name={name} />
          </>
        )}
      </Load>
    </>
  );
}

function groupArn(region: string, accountId: string, g: LogGroup): string {
  return g.logGroupArn ?? logGroupArn(region, accountId, g.logGroupName!);
}

function EncryptionSection({ group, onChanged }: { group: LogGroup; onChanged: () => void }) {
  const aws = useAws();
  const action = useAction();
  const [keys] = useLoad(() => listKeyRows(aws), [aws]);
  const [keyArn, setKeyArn] = useState('');
  const name = group.logGroupName!;
  const arn = groupArn(aws.session.region, aws.session.accountId, group);
  const current = group.kmsKeyId;
  const associate = () => action.run(() => aws.logs.send(new AssociateKmsKeyCommand({ logGroupName: name, kmsKeyId: keyArn })), 'The key is associated. New events are encrypted with it.', onChanged);
  const disassociate = () =>
    action.run(() => aws.logs.send(new DisassociateKmsKeyCommand({ logGroupName: name })), 'The key is disassociated. New events are encrypted with the service-owned key.', onChanged);
  return (
    <section aria-labelledby="enc-h">
      <h2 id="enc-h">Encryption</h2>
      <p>
        {current ? (
          <>
            New events are encrypted with the customer key <Link to={`/keys/${keyIdOfArn(current)}`} className="mono">{current}</Link>.
          </>
        ) : (
          'New events are encrypted with a service-owned key (no customer key).'
        )}
      </p>
      <div className="panel panel-info">
        <p>
          Changing the key affects only events written from now on. Events already stored stay encrypted with the key they
          were written with: keep that key enabled, and do not delete it, for as long as you need those events. If it is
          disabled or deleted, they cannot be read.
        </p>
      </div>
      <Load value={keys} what="keys" unavailable="AWS KMS">
        {(rows) => <KeyPicker keys={rows} value={keyArn} onChange={setKeyArn} label={current ? 'Use another key' : 'Key to associate'} none="Choose a key" />}
      </Load>
      {keyArn ? <LogsAccessHint keyArn={keyArn} target={{ kind: 'log-group', arn }} /> : null}
      <div className="actions">
        <button type="button" disabled={action.busy || !keyArn || keyArn === current} onClick={associate}>
          Associate key
        </button>
        {current ? (
          <button type="button" className="secondary" disabled={action.busy} onClick={disassociate}>
            Disassociate key
          </button>
        ) : null}
      </div>
      <ActionResult action={action} failed="The encryption was not changed" />
    </section>
  );
}
