/**
 * KMS's clock-driven work: deleting keys whose waiting period is over, automatic rotation, and expiry of imported
 * key material. What is due comes from the store (`keysDue`, kept per key by the store from `keyDueAt`) and the
 * injected clock, so the work survives restarts and tests move the clock and call `runOnce()`.
 */
import type { BackgroundTask } from '../common/background.js';
import type { KmsCore } from './core.js';
import type { KmsKey } from './model.js';
import { DAY_MS, familyOf, hasReplicas, isPendingDeletion, rotateMaterial, saveFamilyConfig } from './ops/lifecycleHelpers.js';

/** Keys handled per store query; a run continues until nothing more is due. */
const BATCH = 100;

/** Cache entries to drop once a transaction has committed (before that, readers would re-cache the old state). */
type AfterCommit = () => void;

export class KmsScheduler implements BackgroundTask {
  readonly name = 'kms-scheduler';
  readonly intervalMs: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly core: KmsCore,
    opts: { intervalMs?: number } = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 60_000;
  }

  /** Does everything due now. Runs queue behind each other, so a test's call and the server's timer never overlap. */
  runOnce(): Promise<void> {
    const run = this.queue.then(() => this.runDue());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runDue(): Promise<void> {
    const now = this.core.clock.now();
    for (;;) {
      const due = await this.core.store.kms.keysDue(now, BATCH);
      let changed = 0;
      for (const key of due) if (await this.handle(key, now)) changed++;
      // Handling a key always moves its due time past `now` or removes it; the second test is only a safety net.
      if (due.length < BATCH || changed === 0) return;
    }
  }

  /** Handles one due key in its own transaction, re-reading it there: a request may have changed it meanwhile. */
  private async handle(ref: KmsKey, now: number): Promise<boolean> {
    const after: AfterCommit[] = [];
    const changed = await this.core.store.transaction(async () => {
      after.length = 0; // a transaction run again (a lost serialization race) starts over
      const key = await this.core.store.kms.getKey(ref.accountId, ref.region, ref.keyId);
      return key ? this.doDueWork(key, now, after) : false;
    });
    for (const f of after) f();
    // A key deleted for good leaves no copy of its sealed material in the store's files.
    if (changed && !(await this.core.store.kms.getKey(ref.accountId, ref.region, ref.keyId))) await this.core.store.scrub();
    return changed;
  }

  private async doDueWork(key: KmsKey, now: number, after: AfterCommit[]): Promise<boolean> {
    if (isPendingDeletion(key)) return this.deleteIfDue(key, now, after);
    let current = key;
    let changed = false;
    if (isRotationDue(current, now)) {
      current = await this.rotate(current, now);
      changed = true;
    }
    if (isMaterialExpired(current, now)) {
      await this.expireMaterial(current, after);
      changed = true;
    }
    // Nothing was due after all (a due time stored by an earlier rule): storing the key again recomputes it, so the
    // key is not returned by every later run.
    if (!changed) await this.core.store.kms.putKey(key);
    return changed;
  }

  // --- deletion ----------------------------------------------------------------------------------------------

  private async deleteIfDue(key: KmsKey, now: number, after: AfterCommit[]): Promise<boolean> {
    if (key.deletionDate === undefined || key.deletionDate > now) {
      await this.core.store.kms.putKey(key); // not due: recompute a stale due time (see `handle`)
      return false;
    }
    if (await hasReplicas(this.core, key)) {
      // A primary is never deleted while a replica exists: it waits for them, and its window restarts after.
      const waiting: KmsKey = { ...key, state: 'PendingReplicaDeletion' };
      delete waiting.deletionDate;
      await this.core.saveKey(waiting);
      return true;
    }
    const aliases = await this.aliasNames(key);
    // Removes the key with its material, aliases, grants and import parameters: ciphertexts under it are gone for good.
    await this.core.store.kms.deleteKey(key.accountId, key.region, key.keyId);
    await this.detachFromFamily(key, now);
    after.push(() => {
      this.core.onKeyDeleted(key.arn);
      this.core.forgetKey(key);
      for (const a of aliases) this.core.forgetAlias(key.accountId, key.region, a);
    });
    return true;
  }

  private async aliasNames(key: KmsKey): Promise<string[]> {
    const names: string[] = [];
    let after: string | undefined;
    do {
      const page = await this.core.store.kms.listAliases(key.accountId, key.region, BATCH, after, key.keyId);
      names.push(...page.items.map((a) => a.aliasName));
      after = page.next;
    } while (after !== undefined);
    return names;
  }

  /**
   * After a replica is deleted, the rest of its multi-Region family no longer lists it; a primary that waited for
   * its last replica starts its own waiting period now (PendingReplicaDeletion → PendingDeletion).
   */
  private async detachFromFamily(deleted: KmsKey, now: number): Promise<void> {
    const mr = deleted.multiRegion;
    if (!mr || mr.type !== 'REPLICA') return;
    const others = (await familyOf(this.core, deleted)).filter((m) => m.region !== deleted.region);
    const replicaRegions = mr.replicaRegions.filter((r) => r !== deleted.region);
    const saved = await saveFamilyConfig(this.core, others, mr.primaryRegion, replicaRegions);
    const primary = saved.find((m) => m.region === mr.primaryRegion);
    if (!primary || primary.state !== 'PendingReplicaDeletion') return;
    if (saved.some((m) => m.region !== mr.primaryRegion)) return;
    const days = primary.pendingWindowInDays ?? 30;
    await this.core.saveKey({ ...primary, state: 'PendingDeletion', deletionDate: now + days * DAY_MS });
  }

  // --- rotation and expiry -----------------------------------------------------------------------------------

  /** New material for the key and its replicas; the next rotation is one period after this one. */
  private async rotate(key: KmsKey, now: number): Promise<KmsKey> {
    const rotation = { ...key.rotation, nextRotation: now + key.rotation.periodDays * DAY_MS };
    return rotateMaterial(this.core, { ...key, rotation }, 'AUTOMATIC', now);
  }

  /**
   * Imported material past its ValidTo is deleted and the key waits for new material (PendingImport). All of the
   * key's material goes: KMS makes the whole key unusable when its imported material expires.
   */
  private async expireMaterial(key: KmsKey, after: AfterCommit[]): Promise<void> {
    await this.core.store.kms.deleteMaterials(key.accountId, key.region, key.keyId);
    const expired: KmsKey = { ...key, state: 'PendingImport' };
    delete expired.validTo;
    await this.core.saveKey(expired);
    after.push(() => this.core.forgetMaterial(key));
  }
}

function isRotationDue(key: KmsKey, now: number): boolean {
  const r = key.rotation;
  return key.state === 'Enabled' && r.enabled && r.nextRotation !== undefined && r.nextRotation <= now;
}

function isMaterialExpired(key: KmsKey, now: number): boolean {
  return key.state !== 'PendingImport' && key.validTo !== undefined && key.validTo <= now;
}
