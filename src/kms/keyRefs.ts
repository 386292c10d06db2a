/** The forms a `KeyId` parameter may take, and ARNs of keys and aliases. */

export const KEY_ID_RE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const KEY_ARN_RE = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/;
const ALIAS_ARN_RE = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(alias\/.+)$/;

export type KeyRef =
  | { kind: 'keyId'; keyId: string }
  | { kind: 'keyArn'; region: string; accountId: string; keyId: string }
  | { kind: 'aliasName'; aliasName: string }
  | { kind: 'aliasArn'; region: string; accountId: string; aliasName: string }
  | { kind: 'invalid' };

export function parseKeyRef(ref: string): KeyRef {
  if (ref.startsWith('alias/')) return { kind: 'aliasName', aliasName: ref };
  if (ref.startsWith('arn:')) {
    const k = KEY_ARN_RE.exec(ref);
    if (k) return { kind: 'keyArn', region: k[1]!, accountId: k[2]!, keyId: k[3]! };
    const a = ALIAS_ARN_RE.exec(ref);
    if (a) return { kind: 'aliasArn', region: a[1]!, accountId: a[2]!, aliasName: a[3]! };
    return { kind: 'invalid' };
  }
  if (KEY_ID_RE.test(ref)) return { kind: 'keyId', keyId: ref };
  return { kind: 'invalid' };
}

export function keyArn(region: string, accountId: string, keyId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}

export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${accountId}:${aliasName}`;
}
