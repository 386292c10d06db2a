import {
  DeleteLogGroupCommand,
  DeleteRetentionPolicyCommand,
  ListTagsForResourceCommand,
  PutRetentionPolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type LogGroup,
} from '@aws-sdk/client-cloudwatch-logs';
import { useEffect, useId, useState } from 'react';
import { ActionResult } from '../../components/ActionResult.js';
import { TagEditor, tagMap, type TagRow } from '../../components/TagEditor.js';
import { Load } from '../../components/ui.js';
import { useAction } from '../../lib/action.js';
import { useAws } from '../../lib/context.js';
import { useLoad } from '../../lib/load.js';
import { RETENTION_DAYS, retentionText } from '../../lib/logs.js';
import { navigate } from '../../lib/router.js';

/** Retention: PutRetentionPolicy with one of AWS's allowed periods, or DeleteRetentionPolicy to keep events forever. */
export function GroupRetention({ group, onChanged }: { group: LogGroup; onChanged: () => void }) {
  const aws = useAws();
  const id = useId();
  const action = useAction();
  const name = group.logGroupName!;
  const [days, setDays] = useState(String(group.retentionInDays ?? ''));
  const save = () =>
    action.run(
      () =>
        days === ''
          ? aws.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: name }))
          : aws.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: Number(days) })),
      days === '' ? 'Events of this group are now kept forever.' : `Events older than ${retentionText(Number(days))} are now deleted.`,
      onChanged,
    );
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Retention</h2>
      <div className="field">
        <label htmlFor={`${id}-days`}>Keep events for</label>
        <select id={`${id}-days`} value={days} onChange={(e) => setDays(e.target.value)}>
          <option value="">Never expire</option>
          {RETENTION_DAYS.map((d) => (
            <option key={d} value={String(d)}>
              {retentionText(d)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="button" disabled={action.busy || days === String(group.retentionInDays ?? '')} onClick={save}>
          Save retention
        </button>
      </div>
      <ActionResult action={action} failed="The retention was not changed" />
    </section>
  );
}

/** The group's tags (ListTagsForResource), edited as rows and saved with TagResource / UntagResource. */
export function GroupTags({ arn }: { arn: string }) {
  const aws = useAws();
  const action = useAction();
  const [tags, reload] = useLoad(async () => (await aws.logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags ?? {}, [aws, arn]);
  const [rows, setRows] = useState<TagRow[]>([]);
  useEffect(() => {
    if (tags.state === 'ok') setRows(Object.entries(tags.data).map(([key, value]) => ({ key, value })));
  }, [tags]);
  const save = (current: Record<string, string>) =>
    action.run(
      async () => {
        const wanted = tagMap(rows) ?? {};
        const removed = Object.keys(current).filter((k) => !(k in wanted));
        if (removed.length > 0) await aws.logs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: removed }));
        if (Object.keys(wanted).length > 0) await aws.logs.send(new TagResourceCommand({ resourceArn: arn, tags: wanted }));
      },
      'The tags are saved.',
      reload,
    );
  return (
    <section aria-labelledby="tags-h">
      <h2 id="tags-h">Tags</h2>
      <Load value={tags} what="tags" unavailable="ListTagsForResource">
        {(current) => (
          <>
            <TagEditor rows={rows} onChange={setRows} />
            <div className="actions">
              <button type="button" disabled={action.busy} onClick={() => save(current)}>
                Save tags
              </button>
            </div>
          </>
        )}
      </Load>
      <ActionResult action={action} failed="The tags were not saved" />
    </section>
  );
}

/** DeleteLogGroup after the person types the group's name: its events are deleted with it. */
export function GroupDelete({ name }: { name: string }) {
  const aws = useAws();
  const id = useId();
  const action = useAction();
  const [typed, setTyped] = useState('');
  const remove = async () => {
    if (await action.run(() => aws.logs.send(new DeleteLogGroupCommand({ logGroupName: name })), `The log group ${name} is deleted.`)) {
      navigate('/log-groups');
    }
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Delete log group</h2>
      <div className="panel panel-warn">
        <p>
          <strong>Deleting a log group cannot be undone.</strong> Its streams and every event in them are deleted with it.
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>
          Type the log group name (<span className="mono">{name}</span>) to confirm
        </label>
        <input id={`${id}-confirm`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
      </div>
      <div className="actions">
        <button type="button" className="danger" disabled={action.busy || typed !== name} onClick={() => void remove()}>
          Delete log group
        </button>
      </div>
      <ActionResult action={action} failed="The log group was not deleted" />
    </section>
  );
}
