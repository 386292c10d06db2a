import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListKeysCommand,
  type AliasListEntry,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import type { Aws } from './aws.js';
import { allPages } from './load.js';

export interface Rotation {
  enabled: boolean;
  periodDays?: number;
  nextRotation?: Date;
}

export interface KeyRow {
  metadata: KeyMetadata;
  aliases: string[];
  /** null: the key cannot rotate (asymmetric, HMAC, imported or external key material). */
  rotation: Rotation | null | 'unknown';
}

export async function listAliases(aws: Aws, keyId?: string): Promise<AliasListEntry[]> {
  return allPages(async (Marker) => {
    const out = await aws.kms.send(new ListAliasesCommand({ KeyId: keyId, Marker }));
    return { items: out.Aliases ?? [], next: out.Truncated ? out.NextMarker : undefined };
  });
}

export async function describeKey(aws: Aws, keyId: string): Promise<KeyMetadata> {
  const out = await aws.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  return out.KeyMetadata!;
}

/** Only symmetric encryption keys with KMS-made key material rotate automatically. */
export function canRotate(m: KeyMetadata): boolean {
  return m.KeySpec === 'SYMMETRIC_DEFAULT' && m.Origin === 'AWS_KMS' && m.KeyManager === 'CUSTOMER';
}

export async function rotationOf(aws: Aws, m: KeyMetadata): Promise<Rotation | null | 'unknown'> {
  if (!canRotate(m)) return null;
  try {
    const r = await aws.kms.send(new GetKeyRotationStatusCommand({ KeyId: m.KeyId }));
    return { enabled: r.KeyRotationEnabled ?? false, periodDays: r.RotationPeriodInDays, nextRotation: r.NextRotationDate };
  } catch {
    // A key pending deletion answers KMSInvalidStateException; the list still shows the key.
    return 'unknown';
  }
}

/** Every key of the account in the region, with its aliases and rotation, newest first. */
export async function listKeyRows(aws: Aws): Promise<KeyRow[]> {
  const [keys, aliases] = await Promise.all([
    allPages(async (Marker) => {
      const out = await aws.kms.send(new ListKeysCommand({ Marker }));
      return { items: out.Keys ?? [], next: out.Truncated ? out.NextMarker : undefined };
    }),
    listAliases(aws),
  ]);
  const rows = await Promise.all(
    keys.map(async (k): Promise<KeyRow> => {
      const metadata = await describeKey(aws, k.KeyId!);
      const names = aliases.filter((a) => a.TargetKeyId === k.KeyId).map((a) => a.AliasName!);
      return { metadata, aliases: names, rotation: await rotationOf(aws, metadata) };
    }),
  );
  return rows.sort((a, b) => (b.metadata.CreationDate?.getTime() ?? 0) - (a.metadata.CreationDate?.getTime() ?? 0));
}

export function keyLabel(row: { metadata: KeyMetadata; aliases: string[] }): string {
  return row.aliases[0] ?? row.metadata.KeyId ?? '';
}

export function rotationText(r: KeyRow['rotation']): string {
  if (r === null) return 'Not supported';
  if (r === 'unknown') return '—';
  return r.enabled ? `On, every ${r.periodDays ?? 365} days` : 'Off';
}

/** Plain words for the key states of the KMS developer guide (key-state.md). */
export const KEY_STATE_TEXT: Record<string, string> = {
  Enabled: 'Enabled',
  Disabled: 'Disabled',
  PendingDeletion: 'Pending deletion',
  PendingImport: 'Pending import',
  PendingReplicaDeletion: 'Pending replica deletion',
  Unavailable: 'Unavailable',
  Creating: 'Creating',
  Updating: 'Updating',
};

export function stateText(state: string | undefined): string {
  return state ? (KEY_STATE_TEXT[state] ?? state) : '—';
}

/** KMS's alias rules: `alias/` then letters, digits, `:/_-`; `alias/aws/` belongs to AWS. */
export function aliasProblem(alias: string): string | null {
  if (alias === '') return null;
  const name = alias.startsWith('alias/') ? alias : `alias/${alias}`;
  if (!/^alias\/[a-zA-Z0-9:/_-]+$/.test(name)) return 'An alias may use letters, digits, colons (:), slashes (/), underscores (_) and dashes (-).';
  if (name.startsWith('alias/aws/')) return 'Aliases that begin with aws/ are reserved for AWS managed keys.';
  if (name.length > 256) return 'An alias can be at most 256 characters long.';
  return null;
}

/** People type `app-logs`; KMS wants `alias/app-logs`. */
export function aliasName(typed: string): string {
  const t = typed.trim();
  return t.startsWith('alias/') ? t : `alias/${t}`;
}
