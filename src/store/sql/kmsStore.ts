import type { AliasRecord, GrantRecord, ImportParametersRecord, KeyMaterialRecord, KmsKey } from '../../kms/model.js';
import { keyDueAt } from '../sqlite/kmsStore.js';
import type { KmsStore, Page } from '../types.js';
import { page, type SqlDriver } from './driver.js';

type Row = { doc: string; seq: number };

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

interface AliasRow {
  account_id: string;
  region: string;
  alias_name: string;
  key_id: string;
  created_at: number;
  updated_at: number;
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

function toAlias(r: AliasRow): AliasRecord {
  return { accountId: r.account_id, region: r.region, aliasName: r.alias_name, targetKeyId: r.key_id, createdAt: r.created_at, updatedAt: r.updated_at };
}

const MATERIAL_COLUMNS = 'account_id, region, key_id, material_id, created_at, origin, expires_at, sealed';

export class SqlKmsStore implements KmsStore {
  constructor(private readonly d: SqlDriver) {}

  async getKey(accountId: string, region: string, keyId: string): Promise<KmsKey | undefined> {
    // Inside a transaction the key is about to be changed (a request or the scheduler): lock it, so that two
    // instances never both act on what they read (a key deleted twice, a lost update).
    const lock = this.d.inTransaction() ? this.d.dialect.forUpdate : '';
    const r = await this.d.get<Row>(`SELECT doc FROM kms_keys WHERE account_id = ? AND region = ? AND key_id = ?${lock}`, [accountId, region, keyId]);
    return r && (JSON.parse(r.doc) as KmsKey);
  }

  async putKey(key: KmsKey): Promise<void> {
    await this.d.exec(
      `INSERT INTO kms_keys (account_id, region, key_id, seq, due_at, doc)
       VALUES (?, ?, ?, ${this.d.dialect.nextSeq('kms_keys')}, ?, ?)
       ON CONFLICT (account_id, region, key_id) DO UPDATE SET due_at = excluded.due_at, doc = excluded.doc`,
      [key.accountId, key.region, key.keyId, keyDueAt(key), JSON.stringify(key)],
    );
  }

  async deleteKey(accountId: string, region: string, keyId: string): Promise<void> {
    await this.d.atomic(async () => {
      for (const table of ['kms_keys', 'kms_material', 'kms_aliases', 'kms_grants', 'kms_import_parameters']) {
        await this.d.exec(`DELETE FROM ${table} WHERE account_id = ? AND region = ? AND key_id = ?`, [accountId, region, keyId]);
      }
    });
  }

  async listKeys(accountId: string, region: string, limit: number, after?: string): Promise<Page<KmsKey>> {
    const rows = await this.d.all<Row>('SELECT doc, seq FROM kms_keys WHERE account_id = ? AND region = ? AND seq > ? ORDER BY seq LIMIT ?', [
      accountId,
      region,
      after === undefined ? 0 : Number(after),
      limit + 1,
    ]);
    return page(rows, limit, (r) => JSON.parse(r.doc) as KmsKey, (r) => String(r.seq));
  }

  async keysDue(now: number, limit: number): Promise<KmsKey[]> {
    const rows = await this.d.all<Row>('SELECT doc FROM kms_keys WHERE due_at <= ? ORDER BY due_at LIMIT ?', [now, limit]);
    return rows.map((r) => JSON.parse(r.doc) as KmsKey);
  }

  async putMaterial(m: KeyMaterialRecord): Promise<void> {
    await this.d.exec(
      `INSERT INTO kms_material (${MATERIAL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, region, key_id, material_id) DO UPDATE SET
         created_at = excluded.created_at, origin = excluded.origin, expires_at = excluded.expires_at, sealed = excluded.sealed`,
      [m.accountId, m.region, m.keyId, m.materialId, m.createdAt, m.origin, m.expiresAt ?? null, m.sealed],
    );
  }

  async getMaterial(accountId: string, region: string, keyId: string, materialId: string): Promise<KeyMaterialRecord | undefined> {
    const r = await this.d.get<MaterialRow>(
      `SELECT ${MATERIAL_COLUMNS} FROM kms_material WHERE account_id = ? AND region = ? AND key_id = ? AND material_id = ?`,
      [accountId, region, keyId, materialId],
    );
    return r && toMaterial(r);
  }

  async listMaterials(accountId: string, region: string, keyId: string): Promise<KeyMaterialRecord[]> {
    // Oldest first; the insertion order (kept by an upsert) orders material made in the same millisecond.
    const rows = await this.d.all<MaterialRow>(
      `SELECT ${MATERIAL_COLUMNS} FROM kms_material WHERE account_id = ? AND region = ? AND key_id = ?
       ORDER BY created_at, ${this.d.dialect.insertionOrder}`,
      [accountId, region, keyId],
    );
    return rows.map(toMaterial);
  }

  async deleteMaterials(accountId: string, region: string, keyId: string): Promise<void> {
    await this.d.exec('DELETE FROM kms_material WHERE account_id = ? AND region = ? AND key_id = ?', [accountId, region, keyId]);
  }

  async putAlias(a: AliasRecord): Promise<void> {
    await this.d.exec(
      `INSERT INTO kms_aliases (account_id, region, alias_name, key_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, region, alias_name) DO UPDATE SET key_id = excluded.key_id, updated_at = excluded.updated_at`,
      [a.accountId, a.region, a.aliasName, a.targetKeyId, a.createdAt, a.updatedAt],
    );
  }

  async getAlias(accountId: string, region: string, aliasName: string): Promise<AliasRecord | undefined> {
    const r = await this.d.get<AliasRow>('SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?', [accountId, region, aliasName]);
    return r && toAlias(r);
  }

  async deleteAlias(accountId: string, region: string, aliasName: string): Promise<boolean> {
    return (await this.d.exec('DELETE FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?', [accountId, region, aliasName])).changes > 0;
  }

  async listAliases(accountId: string, region: string, limit: number, after?: string, keyId?: string): Promise<Page<AliasRecord>> {
    const rows =
      keyId === undefined
        ? await this.d.all<AliasRow>('SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name > ? ORDER BY alias_name LIMIT ?', [
            accountId,
            region,
            after ?? '',
            limit + 1,
          ])
        : await this.d.all<AliasRow>(
            'SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND key_id = ? AND alias_name > ? ORDER BY alias_name LIMIT ?',
            [accountId, region, keyId, after ?? '', limit + 1],
          );
    return page(rows, limit, toAlias, (r) => r.alias_name);
  }

  async putGrant(g: GrantRecord): Promise<void> {
    await this.d.exec(
      `INSERT INTO kms_grants (grant_id, account_id, region, key_id, retiring_principal, seq, doc)
       VALUES (?, ?, ?, ?, ?, ${this.d.dialect.nextSeq('kms_grants')}, ?)
       ON CONFLICT (grant_id) DO UPDATE SET retiring_principal = excluded.retiring_principal, doc = excluded.doc`,
      [g.grantId, g.accountId, g.region, g.keyId, g.retiringPrincipal ?? null, JSON.stringify(g)],
    );
  }

  async getGrant(accountId: string, region: string, keyId: string, grantId: string): Promise<GrantRecord | undefined> {
    const r = await this.d.get<Row>('SELECT doc FROM kms_grants WHERE grant_id = ? AND account_id = ? AND region = ? AND key_id = ?', [
      grantId,
      accountId,
      region,
      keyId,
    ]);
    return r && (JSON.parse(r.doc) as GrantRecord);
  }

  async findGrant(grantId: string): Promise<GrantRecord | undefined> {
    const r = await this.d.get<Row>('SELECT doc FROM kms_grants WHERE grant_id = ?', [grantId]);
    return r && (JSON.parse(r.doc) as GrantRecord);
  }

  async deleteGrant(grantId: string): Promise<boolean> {
    return (await this.d.exec('DELETE FROM kms_grants WHERE grant_id = ?', [grantId])).changes > 0;
  }

  async listGrants(accountId: string, region: string, keyId: string): Promise<GrantRecord[]> {
    const rows = await this.d.all<Row>('SELECT doc FROM kms_grants WHERE account_id = ? AND region = ? AND key_id = ? ORDER BY seq', [accountId, region, keyId]);
    return rows.map((r) => JSON.parse(r.doc) as GrantRecord);
  }

  async listRetirableGrants(region: string, principal: string): Promise<GrantRecord[]> {
    const rows = await this.d.all<Row>('SELECT doc FROM kms_grants WHERE region = ? AND retiring_principal = ? ORDER BY seq', [region, principal]);
    return rows.map((r) => JSON.parse(r.doc) as GrantRecord);
  }

  async putImportParameters(ip: ImportParametersRecord): Promise<void> {
    const { sealedPrivateKey, ...doc } = ip;
    await this.d.exec(
      `INSERT INTO kms_import_parameters (account_id, region, key_id, doc, sealed_private_key) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, region, key_id) DO UPDATE SET doc = excluded.doc, sealed_private_key = excluded.sealed_private_key`,
      [ip.accountId, ip.region, ip.keyId, JSON.stringify(doc), sealedPrivateKey],
    );
  }

  async getImportParameters(accountId: string, region: string, keyId: string): Promise<ImportParametersRecord | undefined> {
    const r = await this.d.get<{ doc: string; sealed_private_key: Buffer }>(
      'SELECT doc, sealed_private_key FROM kms_import_parameters WHERE account_id = ? AND region = ? AND key_id = ?',
      [accountId, region, keyId],
    );
    return r && { ...(JSON.parse(r.doc) as Omit<ImportParametersRecord, 'sealedPrivateKey'>), sealedPrivateKey: r.sealed_private_key };
  }

  async deleteImportParameters(accountId: string, region: string, keyId: string): Promise<void> {
    await this.d.exec('DELETE FROM kms_import_parameters WHERE account_id = ? AND region = ? AND key_id = ?', [accountId, region, keyId]);
  }
}
