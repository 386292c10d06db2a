import type { AliasRecord, GrantRecord, ImportParametersRecord, KeyMaterialRecord, KmsKey } from '../../kms/model.js';
import type { KmsStore, Page } from '../types.js';
import type { SqliteStore } from './sqliteStore.js';

/** When the scheduler must look at the key next: deletion, automatic rotation, or expiry of imported material. */
export function keyDueAt(k: KmsKey): number | null {
  const times: number[] = [];
  if (k.state === 'PendingDeletion' || k.state === 'PendingReplicaDeletion') {
    if (k.deletionDate !== undefined) times.push(k.deletionDate);
  } else {
    // A disabled key keeps its rotation schedule but is not rotated; enabling it makes an overdue rotation due.
    if (k.state === 'Enabled' && k.rotation.enabled && k.rotation.nextRotation !== undefined) times.push(k.rotation.nextRotation);
    if (k.validTo !== undefined && k.state !== 'PendingImport') times.push(k.validTo);
  }
  return times.length ? Math.min(...times) : null;
}

type Row = { doc: string; seq: number };

export class SqliteKmsStore implements KmsStore {
  constructor(private readonly s: SqliteStore) {}

  async getKey(accountId: string, region: string, keyId: string): Promise<KmsKey | undefined> {
    const r = this.s.readStmt('SELECT doc FROM kms_keys WHERE account_id = ? AND region = ? AND key_id = ?').get(accountId, region, keyId) as
      | Row
      | undefined;
    return r && (JSON.parse(r.doc) as KmsKey);
  }

  async putKey(key: KmsKey): Promise<void> {
    await this.s.write((p) =>
      p(
        `INSERT INTO kms_keys (account_id, region, key_id, seq, due_at, doc)
         VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM kms_keys), ?, ?)
         ON CONFLICT (account_id, region, key_id) DO UPDATE SET due_at = excluded.due_at, doc = excluded.doc`,
      ).run(key.accountId, key.region, key.keyId, keyDueAt(key), JSON.stringify(key)),
    );
  }

  async deleteKey(accountId: string, region: string, keyId: string): Promise<void> {
    await this.s.write((p) => {
      for (const table of ['kms_keys', 'kms_material', 'kms_aliases', 'kms_grants', 'kms_import_parameters']) {
        p(`DELETE FROM ${table} WHERE account_id = ? AND region = ? AND key_id = ?`).run(accountId, region, keyId);
      }
    });
  }

  async listKeys(accountId: string, region: string, limit: number, after?: string): Promise<Page<KmsKey>> {
    const rows = this.s
      .readStmt('SELECT doc, seq FROM kms_keys WHERE account_id = ? AND region = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(accountId, region, after === undefined ? 0 : Number(after), limit + 1) as Row[];
    return page(rows, limit, (r) => JSON.parse(r.doc) as KmsKey, (r) => String(r.seq));
  }

  async keysDue(now: number, limit: number): Promise<KmsKey[]> {
    const rows = this.s.readStmt('SELECT doc FROM kms_keys WHERE due_at <= ? ORDER BY due_at LIMIT ?').all(now, limit) as Row[];
    return rows.map((r) => JSON.parse(r.doc) as KmsKey);
  }

  async putMaterial(m: KeyMaterialRecord): Promise<void> {
    await this.s.write((p) =>
      p(
        `INSERT INTO kms_material (account_id, region, key_id, material_id, created_at, origin, expires_at, sealed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, key_id, material_id) DO UPDATE SET
           created_at = excluded.created_at, origin = excluded.origin, expires_at = excluded.expires_at, sealed = excluded.sealed`,
      ).run(m.accountId, m.region, m.keyId, m.materialId, m.createdAt, m.origin, m.expiresAt ?? null, m.sealed),
    );
  }

  async getMaterial(accountId: string, region: string, keyId: string, materialId: string): Promise<KeyMaterialRecord | undefined> {
    const r = this.s
      .readStmt('SELECT * FROM kms_material WHERE account_id = ? AND region = ? AND key_id = ? AND material_id = ?')
      .get(accountId, region, keyId, materialId) as MaterialRow | undefined;
    return r && toMaterial(r);
  }

  async listMaterials(accountId: string, region: string, keyId: string): Promise<KeyMaterialRecord[]> {
    // Oldest first; rowid keeps insertion order among material made in the same millisecond (an upsert keeps it).
    const rows = this.s
      .readStmt('SELECT * FROM kms_material WHERE account_id = ? AND region = ? AND key_id = ? ORDER BY created_at, rowid')
      .all(accountId, region, keyId) as MaterialRow[];
    return rows.map(toMaterial);
  }

  async deleteMaterials(accountId: string, region: string, keyId: string): Promise<void> {
    await this.s.write((p) => p('DELETE FROM kms_material WHERE account_id = ? AND region = ? AND key_id = ?').run(accountId, region, keyId));
  }

  async putAlias(a: AliasRecord): Promise<void> {
    await this.s.write((p) =>
      p(
        `INSERT INTO kms_aliases (account_id, region, alias_name, key_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, alias_name) DO UPDATE SET key_id = excluded.key_id, updated_at = excluded.updated_at`,
      ).run(a.accountId, a.region, a.aliasName, a.targetKeyId, a.createdAt, a.updatedAt),
    );
  }

  async getAlias(accountId: string, region: string, aliasName: string): Promise<AliasRecord | undefined> {
    const r = this.s
      .readStmt('SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?')
      .get(accountId, region, aliasName) as AliasRow | undefined;
    return r && toAlias(r);
  }

  async deleteAlias(accountId: string, region: string, aliasName: string): Promise<boolean> {
    return this.s.write(
      (p) => p('DELETE FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?').run(accountId, region, aliasName).changes > 0,
    );
  }

  async listAliases(accountId: string, region: string, limit: number, after?: string, keyId?: string): Promise<Page<AliasRecord>> {
    const rows = (
      keyId === undefined
        ? this.s
            .readStmt('SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name > ? ORDER BY alias_name LIMIT ?')
            .all(accountId, region, after ?? '', limit + 1)
        : this.s
            .readStmt(
              'SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND key_id = ? AND alias_name > ? ORDER BY alias_name LIMIT ?',
            )
            .all(accountId, region, keyId, after ?? '', limit + 1)
    ) as AliasRow[];
    return page(rows, limit, toAlias, (r) => r.alias_name);
  }

  async putGrant(g: GrantRecord): Promise<void> {
    await this.s.write((p) =>
      p(
        `INSERT INTO kms_grants (grant_id, account_id, region, key_id, retiring_principal, seq, doc)
         VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM kms_grants), ?)
         ON CONFLICT (grant_id) DO UPDATE SET retiring_principal = excluded.retiring_principal, doc = excluded.doc`,
      ).run(g.grantId, g.accountId, g.region, g.keyId, g.retiringPrincipal ?? null, JSON.stringify(g)),
    );
  }

  async getGrant(accountId: string, region: string, keyId: string, grantId: string): Promise<GrantRecord | undefined> {
    const r = this.s
      .readStmt('SELECT doc FROM kms_grants WHERE grant_id = ? AND account_id = ? AND region = ? AND key_id = ?')
      .get(grantId, accountId, region, keyId) as Row | undefined;
    return r && (JSON.parse(r.doc) as GrantRecord);
  }

  async findGrant(grantId: string): Promise<GrantRecord | undefined> {
    const r = this.s.readStmt('SELECT doc FROM kms_grants WHERE grant_id = ?').get(grantId) as Row | undefined;
    return r && (JSON.parse(r.doc) as GrantRecord);
  }

  async deleteGrant(grantId: string): Promise<boolean> {
    return this.s.write((p) => p('DELETE FROM kms_grants WHERE grant_id = ?').run(grantId).changes > 0);
  }

  async listGrants(accountId: string, region: string, keyId: string): Promise<GrantRecord[]> {
    const rows = this.s
      .readStmt('SELECT doc FROM kms_grants WHERE account_id = ? AND region = ? AND key_id = ? ORDER BY seq')
      .all(accountId, region, keyId) as Row[];
    return rows.map((r) => JSON.parse(r.doc) as GrantRecord);
  }

  async listRetirableGrants(region: string, principal: string): Promise<GrantRecord[]> {
    const rows = this.s
      .readStmt('SELECT doc FROM kms_grants WHERE region = ? AND retiring_principal = ? ORDER BY seq')
      .all(region, principal) as Row[];
    return rows.map((r) => JSON.parse(r.doc) as GrantRecord);
  }

  async putImportParameters(ip: ImportParametersRecord): Promise<void> {
    const { sealedPrivateKey, ...doc } = ip;
    await this.s.write((p) =>
      p(
        `INSERT INTO kms_import_parameters (account_id, region, key_id, doc, sealed_private_key) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, key_id) DO UPDATE SET doc = excluded.doc, sealed_private_key = excluded.sealed_private_key`,
      ).run(ip.accountId, ip.region, ip.keyId, JSON.stringify(doc), sealedPrivateKey),
    );
  }

  async getImportParameters(accountId: string, region: string, keyId: string): Promise<ImportParametersRecord | undefined> {
    const r = this.s
      .readStmt('SELECT doc, sealed_private_key FROM kms_import_parameters WHERE account_id = ? AND region = ? AND key_id = ?')
      .get(accountId, region, keyId) as { doc: string; sealed_private_key: Buffer } | undefined;
    return r && { ...(JSON.parse(r.doc) as Omit<ImportParametersRecord, 'sealedPrivateKey'>), sealedPrivateKey: r.sealed_private_key };
  }

  async deleteImportParameters(accountId: string, region: string, keyId: string): Promise<void> {
    await this.s.write((p) =>
      p('DELETE FROM kms_import_parameters WHERE account_id = ? AND region = ? AND key_id = ?').run(accountId, region, keyId),
    );
  }
}

interface MaterialRow {
  account_id: string;
  region: string;
  key_id: string;
  material_id: string;
  created_at: number;
  origin: KeyMaterialRecord['origin'];
  expires_at: number | null;
  sealed: Buffer;
}

function toMaterial(r: MaterialRow): KeyMaterialRecord {
  const m: KeyMaterialRecord = {
    accountId: r.account_id,
    region: r.region,
    keyId: r.key_id,
    materialId: r.material_id,
    createdAt: r.created_at,
    origin: r.origin,
    sealed: r.sealed,
  };
  if (r.expires_at !== null) m.expiresAt = r.expires_at;
  return m;
}

interface AliasRow {
  account_id: string;
  region: string;
  alias_name: string;
  key_id: string;
  created_at: number;
  updated_at: number;
}

function toAlias(r: AliasRow): AliasRecord {
  return {
    accountId: r.account_id,
    region: r.region,
    aliasName: r.alias_name,
    targetKeyId: r.key_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function page<R, T>(rows: R[], limit: number, map: (r: R) => T, marker: (r: R) => string): Page<T> {
  if (rows.length <= limit) return { items: rows.map(map) };
  const kept = rows.slice(0, limit);
  return { items: kept.map(map), next: marker(kept[kept.length - 1]!) };
}
