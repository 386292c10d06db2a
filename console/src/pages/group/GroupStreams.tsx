import { CreateLogStreamCommand, DeleteLogStreamCommand, DescribeLogStreamsCommand, type LogStream } from '@aws-sdk/client-cloudwatch-logs';
import { useId, useState } from 'react';
import { ActionResult } from '../../components/ActionResult.js';
import { Load, formatTime } from '../../components/ui.js';
import { useAction } from '../../lib/action.js';
import { useAws } from '../../lib/context.js';
import { useLoad } from '../../lib/load.js';
import { Link, withQuery } from '../../lib/router.js';

const PAGE = 50;

/**
 * The group's streams, a page at a time (DescribeLogStreams with nextToken), with a name prefix search; streams are
 * created and deleted here. AWS reports stored bytes per group only (a stream's storedBytes is deprecated and 0), so
 * streams show their first and last event instead of a size.
 */
export function GroupStreams({ group }: { group: string }) {
  const aws = useAws();
  const id = useId();
  const action = useAction();
  const [prefix, setPrefix] = useState('');
  const [search, setSearch] = useState('');
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const token = tokens[tokens.length - 1];
  const [page, reload] = useLoad(
    () =>
      aws.logs.send(
        new DescribeLogStreamsCommand(
          search
            ? { logGroupName: group, logStreamNamePrefix: search, nextToken: token, limit: PAGE }
            : { logGroupName: group, nextToken: token, orderBy: 'LastEventTime', descending: true, limit: PAGE },
        ),
      ),
    [aws, group, search, token],
  );
  const [name, setName] = useState('');
  const [doomed, setDoomed] = useState<string | null>(null);
  const create = () =>
    action.run(() => aws.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: name })), `The stream ${name} is created.`, () => {
      setName('');
      reload();
    });
  const remove = (stream: string) =>
    action.run(() => aws.logs.send(new DeleteLogStreamCommand({ logGroupName: group, logStreamName: stream })), `The stream ${stream} is deleted.`, () => {
      setDoomed(null);
      reload();
    });
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Log streams</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setTokens([undefined]);
          setSearch(prefix.trim());
        }}
      >
        <label htmlFor={`${id}-search`}>Streams whose name starts with</label>
        <input id={`${id}-search`} type="search" value={prefix} onChange={(e) => setPrefix(e.target.value)} />
        <button type="submit" className="secondary">
          Search streams
        </button>
      </form>
      <Load value={page} what="log streams" unavailable="DescribeLogStreams">
        {(out) => {
          const list: LogStream[] = out.logStreams ?? [];
          return (
            <>
              {list.length === 0 ? (
                <p>{search ? `No stream name starts with "${search}".` : 'The log group has no streams yet.'}</p>
              ) : (
                <div className="table-wrap" tabIndex={0} role="region" aria-label="Log streams table">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Stream</th>
                        <th scope="col">First event</th>
                        <th scope="col">Last event</th>
                        <th scope="col">Actions</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((s) => (
                        <tr key={s.logStreamName}>
                          <td>
                            <Link to={withQuery('/events', { group, stream: s.logStreamName })}>{s.logStreamName}</Link>
                          </td>
                          <td>{formatTime(s.firstEventTimestamp)}</td>
                          <td>{formatTime(s.lastEventTimestamp)}</td>
                          <td>
                            {doomed === s.logStreamName ? (
                              <span className="confirm">
                                <button type="button" className="danger" disabled={action.busy} onClick={() => void remove(s.logStreamName!)}>
                                  Confirm: delete {s.logStreamName} and its events
                                </button>{' '}
                                <button type="button" className="secondary" onClick={() => setDoomed(null)}>
                                  Keep {s.logStreamName}
                                </button>
                              </span>
                            ) : (
                              <button type="button" className="secondary" onClick={() => setDoomed(s.logStreamName!)}>
                                Delete {s.logStreamName}
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <Pager hasPrevious={tokens.length > 1} next={out.nextToken} onPrevious={() => setTokens(tokens.slice(0, -1))} onNext={(t) => setTokens([...tokens, t])} what="streams" />
            </>
          );
        }}
      </Load>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label htmlFor={`${id}-new`}>New stream name</label>
        <input id={`${id}-new`} value={name} onChange={(e) => setName(e.target.value)} maxLength={512} />
        <button type="submit" disabled={action.busy || name === ''}>
          Create stream
        </button>
      </form>
      <ActionResult action={action} failed="The streams were not changed" />
    </section>
  );
}

/** Previous / next page buttons over a server's nextToken. */
export function Pager({ hasPrevious, next, onPrevious, onNext, what }: { hasPrevious: boolean; next?: string; onPrevious: () => void; onNext: (token: string) => void; what: string }) {
  if (!hasPrevious && !next) return null;
  return (
    <div className="actions pager">
      <button type="button" className="secondary" disabled={!hasPrevious} onClick={onPrevious}>
        Previous {what}
      </button>
      <button type="button" className="secondary" disabled={!next} onClick={() => next && onNext(next)}>
        Next {what}
      </button>
    </div>
  );
}
