import { DescribeLogGroupsCommand, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { useId, useState } from 'react';
import { Load, PageTitle, formatBytes } from '../components/ui.js';
import { useAws } from '../lib/context.js';
import { keyIdOfArn } from '../lib/keyErrors.js';
import { listAliases } from '../lib/kms.js';
import { useLoad } from '../lib/load.js';
import { retentionText } from '../lib/logs.js';
import { Link, navigate, withQuery } from '../lib/router.js';
import { Pager } from './group/GroupStreams.js';

const PAGE = 50;

/**
 * Log groups a page at a time (DescribeLogGroups with nextToken), searched by name prefix on the server; the
 * "without a customer key" filter applies to the page shown.
 */
export function LogGroupsPage({ onlyUnencrypted, prefix }: { onlyUnencrypted: boolean; prefix: string }) {
  const aws = useAws();
  const id = useId();
  const [typed, setTyped] = useState(prefix);
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const token = tokens[tokens.length - 1];
  const [data] = useLoad(async () => {
    const out = await aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix || undefined, nextToken: token, limit: PAGE }));
    // Aliases make the Encryption column readable; the list still works without them.
    const aliases = await listAliases(aws).catch(() => []);
    const aliasOf = new Map<string, string>();
    for (const a of aliases) if (a.TargetKeyId && !aliasOf.has(a.TargetKeyId)) aliasOf.set(a.TargetKeyId, a.AliasName!);
    return { groups: out.logGroups ?? [], next: out.nextToken, aliasOf };
  }, [aws, prefix, token]);
  const query = (patch: { filter?: string; prefix?: string }) =>
    withQuery('/log-groups', { filter: onlyUnencrypted ? 'no-customer-key' : undefined, prefix: prefix || undefined, ...patch });

  return (
    <>
      <PageTitle>Log groups</PageTitle>
      <p>
        <Link to="/log-groups/new" className="button">
          Create log group
        </Link>
      </p>
      <form
        className="inline-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(query({ prefix: typed.trim() || undefined }), { replace: true });
        }}
      >
        <label htmlFor={`${id}-q`}>Log groups whose name starts with</label>
        <input id={`${id}-q`} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="secondary">
          Search log groups
        </button>
      </form>
      <label className="check">
        <input type="checkbox" checked={onlyUnencrypted} onChange={(e) => navigate(query({ filter: e.target.checked ? 'no-customer-key' : undefined }), { replace: true })} />
        Show only log groups not encrypted with a customer key
      </label>
      <Load value={data} what="log groups" unavailable="CloudWatch Logs">
        {({ groups, next, aliasOf }) => {
          const shown = onlyUnencrypted ? groups.filter((g) => !g.kmsKeyId) : groups;
          const pager = <Pager hasPrevious={tokens.length > 1} next={next} onPrevious={() => setTokens(tokens.slice(0, -1))} onNext={(t) => setTokens([...tokens, t])} what="log groups" />;
          if (shown.length === 0) {
            return (
              <>
                <p>
                  {onlyUnencrypted
                    ? 'Every log group is encrypted with a customer key.'
                    : prefix
                      ? `No log group name starts with "${prefix}".`
                      : 'There are no log groups yet.'}
                </p>
                {pager}
              </>
            );
          }
          return (
            <>
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Log groups table">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Encryption</th>
                      <th scope="col">Retention</th>
                      <th scope="col">Stored</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((g) => (
                      <tr key={g.logGroupName}>
                        <td>
                          <Link to={withQuery('/log-group', { name: g.logGroupName })}>{g.logGroupName}</Link>
                        </td>
                        <td>
                          <Encryption group={g} aliasOf={aliasOf} />
                        </td>
                        <td>{retentionText(g.retentionInDays)}</td>
                        <td>{formatBytes(g.storedBytes)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {pager}
            </>
          );
        }}
      </Load>
    </>
  );
}

export function Encryption({ group, aliasOf }: { group: LogGroup; aliasOf: Map<string, string> }) {
  if (!group.kmsKeyId) return <span className="muted">Service-owned key</span>;
  const keyId = keyIdOfArn(group.kmsKeyId);
  return (
    <Link to={`/keys/${keyId}`} className="mono" title={group.kmsKeyId}>
      {aliasOf.get(keyId) ?? keyId}
    </Link>
  );
}
