import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MasterKeySource {
  key: Buffer;
  /** Where it came from, for the start-up message (never the key itself). */
  origin: 'env' | 'file' | 'created';
  path?: string;
}

/**
 * The master key: `LOGSEAL_MASTER_KEY` (base64 of 32 bytes) if set, else `<dataDir>/master.key` (base64, mode 0600).
 * A new key is created only for a data directory that holds no data yet: creating one for existing data would make
 * that data unreadable, so that case is an error.
 */
export function loadMasterKey(dataDir: string, env: NodeJS.ProcessEnv, dataExists: boolean, holder: string = dataDir): MasterKeySource {
  const fromEnv = env.LOGSEAL_MASTER_KEY;
  if (fromEnv !== undefined && fromEnv !== '') return { key: decodeKey(fromEnv, 'LOGSEAL_MASTER_KEY'), origin: 'env' };
  const path = join(dataDir, 'master.key');
  if (existsSync(path)) return { key: decodeKey(readFileSync(path, 'utf8').trim(), path), origin: 'file', path };
  if (dataExists) {
    throw new Error(
      `${path} is missing but ${holder} holds data: without its master key that data cannot be read. ` +
        'Restore master.key from your backup or set LOGSEAL_MASTER_KEY.',
    );
  }
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { key, origin: 'created', path };
}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32 || key.toString('base64') !== text.trim()) {
    throw new Error(`${where} must hold a base64-encoded 256-bit key (44 characters)`);
  }
  return key;
}
