import type { MetaStore } from '../types.js';
import type { SqliteStore } from './sqliteStore.js';

export class SqliteMetaStore implements MetaStore {
  constructor(private readonly s: SqliteStore) {}

  async get(name: string): Promise<Buffer | undefined> {
    const r = this.s.readStmt('SELECT value FROM meta WHERE name = ?').get(name) as { value: Buffer } | undefined;
    return r?.value;
  }

  async put(name: string, value: Buffer): Promise<void> {
    await this.s.write((p) =>
      p('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value').run(name, value),
    );
  }

  async insert(name: string, value: Buffer): Promise<boolean> {
    return this.s.write((p) => p('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO NOTHING').run(name, value).changes > 0);
  }
}
