import type { LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { Load, PageTitle, formatBytes } from '../components/ui.js';
import { useAws } from '../lib/context.js';
import { keyIdOfArn } from '../lib/keyErrors.js';
import { listAliases } from '../lib/kms.js';
import { useLoad } from '../lib/load.js';
import { listLogGroups, retentionText } from '../lib/logs.js';
import { Link, navigate, withQuery } from '../lib/router.js';

export function LogGroupsPage({ onlyUnencrypted }: { onlyUnencrypted: boolean }) {
  const aws = useAws();
  const [data] = useLoad(async () => {
    const groups = await listLogGroups(aws);
    // Aliases make the Encryption column readable; the list still works without them.
    const aliases = await listAliases(aws).catch(() => []);
    const aliasOf = new Map<string, string>();
    for (const a of aliases) if (a.TargetKeyId && !aliasOf.has(a.TargetKeyId)) aliasOf.set(a.TargetKeyId, a.AliasName!);
    return { groups, aliasOf };
  }, [aws]);

  return (
    <>
      <PageTitle>Log groups</PageTitle>
      <p>
        <Link to="/log-groups/new" className="button">
          Create log group
        </Link>
      </p>
      <label className="check">
        <input type="checkbox" checked={onlyUnencrypted} onChange={(e) => navigate(withQuery('/log-groups', { filter: e.target.checked ? 'no-customer-key' : undefined }), { replace: true })} />
        Show only log groups not encrypted with a customer key
      </label>
      <Load value={data} what="log groups" unavailable="CloudWatch Logs">
        {({ groups, aliasOf }) => {
          const shown = onlyUnencrypted ? groups.filter((g) => !g.kmsKeyId) : groups;
          if (shown.length === 0) return <p>{onlyUnencrypted ? 'Every log group is encrypted with a customer key.' : 'There are no log groups yet.'}</p>;
          return (
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
      {aliasOf.get(keyId) ?? group.kmsKeyId}
    </Link>
  );
}
