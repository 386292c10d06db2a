import type { CompiledPolicy } from './evaluate.js';

/**
 * Compiled policies keyed by (owner, version), e.g. (key id, policy revision), so that a policy is parsed and compiled
 * once per change instead of once per request. Least-recently-used entries go first when the cache is full.
 */
export class CompiledPolicyCache {
  private readonly entries = new Map<string, CompiledPolicy>();

  constructor(private readonly maxEntries = 10_000) {}

  get(owner: string, version: string | number, build: () => CompiledPolicy): CompiledPolicy {
    const k = `${owner}\u0000${version}`;
    const hit = this.entries.get(k);
    if (hit) {
      // Re-insert to mark as recently used (a Map iterates in insertion order).
      this.entries.delete(k);
      this.entries.set(k, hit);
      return hit;
    }
    const built = build();
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(k, built);
    return built;
  }

  /** Drops every version of an owner's policy (e.g. when a key is deleted). */
  forget(owner: string): void {
    const prefix = `${owner}\u0000`;
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  get size(): number {
    return this.entries.size;
  }
}
