import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { AT_RISK, regionPosture, STATUS_TEXT, type KeyFacts, type RegionPosture, type ResourceKind, type ResourcePosture, type Status } from '../../../src/posture/posture.js';
import { chooseRegions, isEmpty, mapLimit } from '../../../src/posture/regions.js';
import { AWS_REGIONS } from '../../../src/common/regions.generated.js';
import { ErrorPanel, Load, PageTitle } from '../components/ui.js';
import { createAws, type Aws } from '../lib/aws.js';
import { useAws } from '../lib/context.js';
import { keyIdOfArn } from '../lib/keyErrors.js';
import { useLoad } from '../lib/load.js';
import { serverPrivateRegions } from '../lib/session.js';
import { listDetectors, listLogGroups, withoutStar } from '../lib/logs.js';
import { Link, withQuery } from '../lib/router.js';

const ORDER: Status[] = ['customer-key', 'service-key', 'key-disabled', 'key-pending-deletion', 'key-missing', 'policy-missing-logs'];
/** Regions asked at once: the overview asks every AWS region, each a few calls. */
const PARALLEL = 6;

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

interface Overview {
  /** Regions with log groups or detectors, and the console's own region even when it has none. */
  shown: RegionPosture[];
  /** Regions asked that hold nothing. */
  empty: string[];
  /** Regions that could not be read (AWS's error), so nothing is hidden by one refused region. */
  failed: { region: string; error: unknown }[];
  atRisk: number;
}

/**
 * Every AWS region, the server's private regions and the console's own, as `logseal posture --region all,NAME…`, except
 * that a private region holding nothing goes to the list of empty regions like AWS's.
 */
async function overview(aws: Aws): Promise<Overview> {
  const { regions: chosen, named } = chooseRegions(['all', aws.session.region]);
  const regions = [...new Set([...chosen, ...serverPrivateRegions()])];
  const answers = await mapLimit(regions, PARALLEL, async (region) => {
    try {
      return await posture(region === aws.session.region ? aws : createAws({ ...aws.session, region }));
    } catch (error) {
      // The console's own region fails the page as before; another region's failure is shown beside the others.
      if (region === aws.session.region) throw error;
      return { region, error };
    }
  });
  const all = answers.filter((a): a is RegionPosture => !('error' in a));
  const failed = answers.filter((a): a is { region: string; error: unknown } => 'error' in a);
  const shown = all.filter((p) => named.has(p.region) || !isEmpty(p));
  // The console's region first, then the others in AWS's order.
  shown.sort((a, b) => Number(b.region === aws.session.region) - Number(a.region === aws.session.region));
  return { shown, empty: all.filter((p) => !shown.includes(p)).map((p) => p.region), failed, atRisk: all.reduce((n, p) => n + p.atRisk, 0) };
}

function regionText(region: string): string {
  const d = AWS_REGIONS.find(([r]) => r === region)?.[1];
  return d ? `${region} — ${d}` : `${region} — private region`;
}

/** A console link into another region: the console switches to it (without signing in again) and opens the page. */
function inRegion(path: string, params: Record<string, string | undefined>, region: string): string {
  return withQuery(path, { ...params, region });
}

/**
 * The console's home: how the log groups and anomaly detectors of every region are encrypted, and which are at risk
 * (a disabled key, a key pending deletion, a missing key, a key policy without the CloudWatch Logs statement); each
 * line links to its fix, in its region. `logseal posture --region all` prints the same for CI jobs.
 */
export function OverviewPage() {
  const aws = useAws();
  const [data] = useLoad(() => overview(aws), [aws]);
  return (
    <>
      <PageTitle>Encryption overview</PageTitle>
      <p>How the log groups and anomaly detectors of account {aws.session.accountId} are encrypted, in every region.</p>
      <Load value={data} what="the encryption overview of every region" unavailable="CloudWatch Logs">
        {(o) => (
          <>
            {o.atRisk > 0 ? (
              <div className="panel panel-error" role="alert">
                <h3>
                  {o.atRisk} resource{o.atRisk === 1 ? '' : 's'} at risk in {regionCount(o.shown.filter((p) => p.atRisk > 0).length)}
                </h3>
                <p>Their data cannot be read or written until their key is fixed. Each line below links to the fix.</p>
              </div>
            ) : (
              <div className="panel panel-ok" role="status">
                <p>
                  Nothing is at risk{o.failed.length > 0 ? ' in the regions that could be read' : ''}: every customer key in use is enabled and lets
                  CloudWatch Logs use it.
                </p>
              </div>
            )}
            {o.shown.map((p) => (
              <RegionSection key={p.region} p={p} current={p.region === aws.session.region} />
            ))}
            {o.failed.map((f) => (
              <ErrorPanel key={f.region} error={f.error} title={`Could not read ${regionText(f.region)}`} />
            ))}
            {o.empty.length > 0 ? (
              <details className="empty-regions">
                <summary>{regionCount(o.empty.length)} without log groups or anomaly detectors</summary>
                <p className="muted">{o.empty.join(', ')}</p>
              </details>
            ) : null}
          </>
        )}
      </Load>
    </>
  );
}

function regionCount(n: number): string {
  return `${n} region${n === 1 ? '' : 's'}`;
}

function RegionSection({ p, current }: { p: RegionPosture; current: boolean }) {
  const id = `region-${p.region}`;
  const total = p.resources.length;
  return (
    <section aria-labelledby={id} className="region-posture">
      <h2 id={id}>
        {regionText(p.region)} {current ? <span className="badge badge-info">console's region</span> : null}{' '}
        {p.atRisk > 0 ? <span className="badge badge-bad">{p.atRisk} at risk</span> : null}
      </h2>
      {total === 0 ? (
        <p>No log groups or anomaly detectors.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={`Encryption in ${p.region}`}>
          <table className="overview">
            <thead>
              <tr>
                <th scope="col">Encryption</th>
                <th scope="col">Log groups</th>
                <th scope="col">Anomaly detectors</th>
                <th scope="col">What to do</th>
              </tr>
            </thead>
            <tbody>
              {ORDER.filter((s) => s === 'customer-key' || s === 'service-key' || count(p, s) > 0).map((s) => (
                <tr key={s} className={AT_RISK.has(s) && count(p, s) > 0 ? 'at-risk' : undefined}>
                  <th scope="row">{STATUS_TEXT[s][0]!.toUpperCase() + STATUS_TEXT[s].slice(1)}</th>
                  <td data-label="Log groups">{p.counts['log-group'][s]}</td>
                  <td data-label="Anomaly detectors">{p.counts['anomaly-detector'][s]}</td>
                  <td data-label="What to do">
                    <LineFix p={p} status={s} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.atRisk > 0 ? (
        <>
          <h3>At risk in {p.region}</h3>
          <ul className="risk-list">
            {p.resources
              .filter((r) => r.atRisk)
              .map((r) => (
                <li key={r.arn}>
                  <Link to={inRegion(r.kind === 'log-group' ? '/log-group' : '/detector', r.kind === 'log-group' ? { name: r.name } : { arn: r.arn }, p.region)}>
                    {kindText(r.kind)} {r.name}
                  </Link>
                  : {STATUS_TEXT[r.status]} (<span className="mono">{r.kmsKeyId}</span>). <Fix r={r} region={p.region} />
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function count(p: RegionPosture, s: Status): number {
  return p.counts['log-group'][s] + p.counts['anomaly-detector'][s];
}

function kindText(kind: ResourceKind): string {
  return kind === 'log-group' ? 'Log group' : 'Anomaly detector';
}

/** The fix for a whole line of the table: one link per key concerned (usually one), or to the list of groups. */
function LineFix({ p, status }: { p: RegionPosture; status: Status }) {
  if (status === 'customer-key') return <span className="muted">Nothing</span>;
  if (status === 'service-key') {
    return p.counts['log-group']['service-key'] > 0 ? (
      <Link to={inRegion('/log-groups', { filter: 'no-customer-key' }, p.region)}>Associate a customer key</Link>
    ) : (
      <span className="muted">Nothing</span>
    );
  }
  const byKey = new Map<string, ResourcePosture>();
  for (const r of p.resources) if (r.status === status && r.kmsKeyId && !byKey.has(r.kmsKeyId)) byKey.set(r.kmsKeyId, r);
  return (
    <ul className="fix-list">
      {[...byKey.values()].map((r) => (
        <li key={r.kmsKeyId}>
          <Fix r={r} region={p.region} named />
        </li>
      ))}
    </ul>
  );
}

function Fix({ r, region, named = false }: { r: ResourcePosture; region: string; named?: boolean }) {
  const keyId = keyIdOfArn(r.kmsKeyId!);
  const which = named ? ` ${keyId}` : '';
  if (r.status === 'key-disabled') return <Link to={inRegion(`/keys/${keyId}`, {}, region)}>Enable the key{which}</Link>;
  if (r.status === 'key-pending-deletion') return <Link to={inRegion(`/keys/${keyId}`, {}, region)}>Cancel the deletion of the key{which}</Link>;
  if (r.status === 'policy-missing-logs') return <Link to={inRegion('/policy-check', { key: keyId, target: r.arn }, region)}>Run the policy check for the key{which}</Link>;
  const page = r.kind === 'log-group' ? inRegion('/log-group', { name: r.name }, region) : inRegion('/detector', { arn: r.arn }, region);
  return <Link to={page}>Associate an existing key with {r.name}</Link>;
}
