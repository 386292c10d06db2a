import { randomBytes } from 'node:crypto';
import { sessionTokenHash } from '../../auth/credentials.js';
import type { BackgroundTask } from '../../common/background.js';
import { awsStyleId, secretAccessKey } from '../../common/ids.js';
import type { Credentials } from '../../protocol/generated/sts.js';
import { sessionSecretAad } from '../accounts.js';
import type { IamCore } from '../core.js';
import type { SessionPrincipal } from '../model.js';

/**
 * Expired sessions are kept this long, so that their callers are told the token expired (rather than that it is
 * unknown), then purged.
 */
const KEEP_EXPIRED_MS = 7 * 24 * 3600 * 1000;

/**
 * Issues temporary credentials (`ASIA…`) for a principal. The secret is stored sealed and the session token only as
 * its hash; SigV4 accepts the pair with the token until `Expiration` (whole seconds, as STS prints it).
 */
export async function issueSession(core: IamCore, accountId: string, principal: SessionPrincipal, durationSeconds: number): Promise<Credentials> {
  const accessKeyId = awsStyleId('ASIA');
  const secret = secretAccessKey();
  const token = randomBytes(96).toString('base64');
  const now = core.clock.now();
  const expiresAt = Math.floor(now / 1000) * 1000 + durationSeconds * 1000;
  await core.store.iam.putSession({
    accessKeyId,
    accountId,
    principal,
    sealedSecret: core.keyring.seal(Buffer.from(secret, 'utf8'), sessionSecretAad(accessKeyId)),
    tokenHash: sessionTokenHash(token),
    createdAt: now,
    expiresAt,
  });
  return { AccessKeyId: accessKeyId, SecretAccessKey: secret, SessionToken: token, Expiration: new Date(expiresAt) };
}

export function sessionPurgeTask(core: IamCore): BackgroundTask {
  return {
    name: 'sts-session-purge',
    intervalMs: 3600_000,
    async runOnce() {
      await core.store.iam.deleteSessionsExpiredBefore(core.clock.now() - KEEP_EXPIRED_MS);
    },
  };
}
