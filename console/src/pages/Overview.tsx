import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { AT_RISK, regionPosture, STATUS_TEXT, type KeyFacts, type RegionPosture, type ResourceKind, type Status } from '../../../src/posture/posture.js';
import { Load, PageTitle } from '../components/ui.js';
import type { Aws } from '../lib/aws.js';
import { useAws } from '../lib/context.js';
import { keyIdOfArn } from '../lib/keyErrors.js';
import { useLoad } from '../lib/load.js';
import { listDetectors, listLogGroups, withoutStar } from '../lib/logs.js';
import { Link, withQuery } from '../lib/router.js';

const ORDER: Status[] = ['customer-key', 'service-key', 'key-disabled', 'key-pending-deletion', 'key-missing', 'policy-missing-logs'];

async function posture(aws: Aws): Promise<RegionPosture> {
  const { region, accountId } = aws.session;
  const [groups, detectors] = await Promise.all([listLogGroups(aws), listDetectors(aws).catch(() => [])]);
  return regionPosture({
    region,
    accountId,
    resources: async () => [
      ...groups.map((g) => ({ kind: 'log-group' as const, name: g.logGroupName!, arn: g.logGroupArn ?? withoutStar(g.arn!), kmsKeyId: g.kmsKeyId })),
      ...detectors.map((d) => ({ kind: 'anomaly-detector' as const, name: d.detectorName || d.anomalyDetectorArn!, arn: d.anomalyDetectorArn!, kmsKeyId: d.kmsKeyId })),
    ],
    key: async (keyArn): Promise<KeyFacts> => {
      let state: string | undefined;
      try {
        state = (await aws.kms.send(new DescribeKeyCommand({ KeyId: keyArn }))).KeyMetadata?.KeyState;
      } catch (err) {
        return { error: err instanceof Error ? err.name : 'Error' };
      }
      try {
        return { state, policy: (await aws.kms.send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }))).Policy };
      } catch {
        return { state };
      }
    },
  });
}

/**
 * The console's home: how the log groups and anomaly detectors of this region are encrypted, and which are at risk
 * (a disabled key, a key pending deletion, a missing key, a key policy without the CloudWatch Logs statement), each
 * with a link to its fix. `logseal posture` prints the same for CI jobs.
 */
export function OverviewPage() {
  const aws = useAws();
  const [data] = useLoad(() => posture(aws), [aws]);
  return (
    <>
      <PageTitle>Encryption overview</PageTitle>
      <p>
        How the log groups and anomaly detectors of {aws.session.region} are encrypted. Change the region at the top of the page to see another one.
      </p>
      <Load value={data} what="the encryption overview" unavailable="CloudWatch Logs">
        {(p) => (
          <>
            {p.atRisk > 0 ? (
              <div className="panel panel-error" role="alert">
                <h3>
                  {p.atRisk} resource{p.atRisk === 1 ? '' : 's'} at risk
                </h3>
                <p>Their data cannot be read or written until the key below is fixed.</p>
              </div>
            ) : (
              <div className="panel panel-ok" role="status">
                <p>Nothing is at risk: every customer key in use is enabled and lets CloudWatch Logs use it.</p>
              </div>
            )}
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Encryption overview table">
              <table className="overview">
                <thead>
                  <tr>
                    <th scope="col">Encryption</th>
                    <th scope="col">Log groups</th>
                    <th scope="col">Anomaly detectors</th>
                  </tr>
                </thead>
                <tbody>
                  {ORDER.map((s) => (
                    <tr key={s} className={AT_RISK.has(s) && p.counts['log-group'][s] + p.counts['anomaly-detector'][s] > 0 ? 'at-risk' : undefined}>
                      <th scope="row">{STATUS_TEXT[s][0]!.toUpperCase() + STATUS_TEXT[s].slice(1)}</th>
                      <td>{p.counts['log-group'][s]}</td>
                      <td>{p.counts['anomaly-detector'][s]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {p.counts['log-group']['service-key'] > 0 ? (
              <p>
                <Link to={withQuery('/log-groups', { filter: 'no-customer-key' })}>Associate a customer key with the log groups that use the service-owned key</Link>
              </p>
            ) : null}
            {p.atRisk > 0 ? (
              <section aria-labelledby="risk-h">
                <h2 id="risk-h">At risk</h2>
                <ul className="risk-list">
                  {p.resources
                    .filter((r) => r.atRisk)
                    .map((r) => (
                      <li key={r.arn}>
                        <Link to={r.kind === 'log-group' ? withQuery('/log-group', { name: r.name }) : withQuery('/detector', { arn: r.arn })}>
                          {kindText(r.kind)} {r.name}
                        </Link>
                        : {STATUS_TEXT[r.status]} (<span className="mono">{r.kmsKeyId}</span>). <Fix status={r.status} keyArn={r.kmsKeyId!} target={r.arn} />
                      </li>
                    ))}
                </ul>
              </section>
            ) : null}
          </>
        )}
      </Load>
    </>
  );
}

function kindText(kind: ResourceKind): string {
  return kind === 'log-group' ? 'Log group' : 'Anomaly detector';
}

function Fix({ status, keyArn, target }: { status: Status; keyArn: string; target: string }) {
  const keyId = keyIdOfArn(keyArn);
  if (status === 'key-disabled') return <Link to={`/keys/${keyId}`}>Enable the key</Link>;
  if (status === 'key-pending-deletion') return <Link to={`/keys/${keyId}`}>Cancel the key deletion</Link>;
  if (status === 'policy-missing-logs') return <Link to={withQuery('/policy-check', { key: keyId, target })}>Run the policy check</Link>;
  return <span>Associate an existing key on the resource's page.</span>;
}
