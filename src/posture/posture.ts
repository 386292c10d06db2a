/**
 * The encryption posture of one (account, region): for log groups and anomaly detectors, how many use a customer key
 * that CloudWatch Logs can use, the service-owned key, or a key that is at risk — disabled, pending deletion, missing
 * (not found or not describable), or whose key policy has no statement letting CloudWatch Logs use it for that
 * resource. Shared by the console's overview page (SDK v3 in the browser) and `logseal posture` (node): each gives
 * a PostureSource over its own client. No node or DOM imports.
 *
 * The policy question is answered by the console's key-policy evaluation for the logs principal (the same check as
 * its "Can CloudWatch Logs use this key here?" page).
 */
import { checkPolicyText } from '../../console/src/policy/document.js';
import { checkLogsAccess } from '../../console/src/policy/logsAccess.js';

export type ResourceKind = 'log-group' | 'anomaly-detector';

export type Status = 'customer-key' | 'service-key' | 'key-disabled' | 'key-pending-deletion' | 'key-missing' | 'policy-missing-logs';

export const AT_RISK: ReadonlySet<Status> = new Set(['key-disabled', 'key-pending-deletion', 'key-missing', 'policy-missing-logs']);

export const STATUS_TEXT: Record<Status, string> = {
  'customer-key': 'customer key CloudWatch Logs can use',
  'service-key': 'service-owned key',
  'key-disabled': 'key disabled',
  'key-pending-deletion': 'key pending deletion',
  'key-missing': 'key not found or not describable',
  'policy-missing-logs': 'key policy without the CloudWatch Logs statement',
};

export interface Resource {
  kind: ResourceKind;
  name: string;
  arn: string;
  kmsKeyId?: string;
}

export interface KeyFacts {
  /** DescribeKey's KeyState, or undefined when the key could not be described. */
  state?: string;
  /** The key policy text, when it could be read. */
  policy?: string;
  /** Why the key could not be described (AWS's error code). */
  error?: string;
}

export interface PostureSource {
  region: string;
  accountId: string;
  resources(): Promise<Resource[]>;
  key(keyArn: string): Promise<KeyFacts>;
}

export interface ResourcePosture extends Resource {
  status: Status;
  atRisk: boolean;
  /** What to do about it, in a few words. */
  fix?: string;
}

export interface RegionPosture {
  region: string;
  accountId: string;
  counts: Record<ResourceKind, Record<Status, number>>;
  resources: ResourcePosture[];
  atRisk: number;
}

const FIX: Partial<Record<Status, string>> = {
  'key-disabled': 'enable the key',
  'key-pending-deletion': 'cancel the key deletion',
  'key-missing': 'associate an existing key',
  'policy-missing-logs': 'add the CloudWatch Logs statement to the key policy (run the policy check)',
};

function emptyCounts(): Record<Status, number> {
  return { 'customer-key': 0, 'service-key': 0, 'key-disabled': 0, 'key-pending-deletion': 0, 'key-missing': 0, 'policy-missing-logs': 0 };
}

export async function regionPosture(source: PostureSource): Promise<RegionPosture> {
  const resources = await source.resources();
  const keys = new Map<string, Promise<KeyFacts>>();
  const facts = (arn: string) => {
    let p = keys.get(arn);
    if (!p) keys.set(arn, (p = source.key(arn)));
    return p;
  };
  const out: ResourcePosture[] = [];
  for (const r of resources) {
    const status = r.kmsKeyId ? statusOf(r, await facts(r.kmsKeyId), source) : 'service-key';
    out.push({ ...r, status, atRisk: AT_RISK.has(status), fix: FIX[status] });
  }
  const counts = { 'log-group': emptyCounts(), 'anomaly-detector': emptyCounts() };
  for (const r of out) counts[r.kind][r.status]++;
  return { region: source.region, accountId: source.accountId, counts, resources: out, atRisk: out.filter((r) => r.atRisk).length };
}

function statusOf(r: Resource, k: KeyFacts, source: PostureSource): Status {
  if (k.state === undefined) return 'key-missing';
  if (k.state === 'Disabled') return 'key-disabled';
  if (k.state === 'PendingDeletion' || k.state === 'PendingReplicaDeletion') return 'key-pending-deletion';
  if (k.state !== 'Enabled') return 'key-missing';
  if (k.policy === undefined) return 'customer-key';
  const parsed = checkPolicyText(k.policy);
  if (!parsed.ok) return 'policy-missing-logs';
  const answer = checkLogsAccess(parsed.document, { region: source.region, accountId: source.accountId, keyArn: r.kmsKeyId!, target: { kind: r.kind, arn: r.arn } });
  return answer.allowed ? 'customer-key' : 'policy-missing-logs';
}

/**
 * The posture as rows of text: one line per region and kind, then each resource at risk. `emptyRegions` (regions
 * looked at that hold no log group or detector) are named in one line.
 */
export function postureTable(regions: RegionPosture[], emptyRegions: readonly string[] = []): string {
  const head = ['REGION', 'RESOURCES', 'CUSTOMER KEY', 'SERVICE KEY', 'DISABLED', 'PENDING DELETION', 'KEY MISSING', 'NO LOGS STATEMENT'];
  const rows: string[][] = [head];
  for (const p of regions) {
    for (const kind of ['log-group', 'anomaly-detector'] as const) {
      const c = p.counts[kind];
      rows.push([
        p.region,
        kind === 'log-group' ? 'log groups' : 'anomaly detectors',
        String(c['customer-key']),
        String(c['service-key']),
        String(c['key-disabled']),
        String(c['key-pending-deletion']),
        String(c['key-missing']),
        String(c['policy-missing-logs']),
      ]);
    }
  }
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  if (emptyRegions.length > 0) lines.push('', `NO LOG GROUPS OR DETECTORS: ${emptyRegions.length} region${emptyRegions.length === 1 ? '' : 's'} (${emptyRegions.join(', ')})`);
  const risky = regions.flatMap((p) => p.resources.filter((r) => r.atRisk));
  if (risky.length > 0) {
    lines.push('', 'AT RISK:');
    for (const r of risky) lines.push(`  ${r.arn}: ${STATUS_TEXT[r.status]} (${r.kmsKeyId}); fix: ${r.fix}`);
  }
  return lines.join('\n') + '\n';
}
