import type { AuthContext } from './auth.context.js';

/** A resolved caller without the per-request id. */
export type CachedAuth = Omit<AuthContext, 'requestId'>;

/**
 * Resolved sessions of this process for a few seconds, keyed by token hash. Resolving a session is
 * the most expensive statement of a read (grants expanded down the tree) and the largest part of
 * its Node CPU (one entry per visible organisation); a UI page fires several reads at once.
 *
 * Staleness: every state-changing request of this process (logout, deactivation, role grant or
 * revocation, password change, a new organisation, …) clears the whole cache when it has been
 * answered, so this process never serves a change of its own late. A change made by another
 * process (a second server, a CLI job, SQL by hand) shows here at most `ttlMs` later.
 *
 * The generation guards a lookup that read the database before a write committed and finishes
 * after the cache was cleared: it is not stored.
 */
export class SessionCache {
  private readonly entries = new Map<string, { auth: CachedAuth; until: number }>();
  private gen = 0;

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, now = Date.now()): CachedAuth | undefined {
    const e = this.entries.get(key);
    if (!e) {
      return undefined;
    }
    if (e.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e.auth;
  }

  /** The generation to pass to `set` for a lookup that starts now. */
  generation(): number {
    return this.gen;
  }

  /** `notAfter`: the session's own expiry, which the entry never outlives. */
  set(key: string, auth: CachedAuth, generation: number, now = Date.now(), notAfter = Infinity): void {
    if (this.ttlMs <= 0 || generation !== this.gen) {
      return;
    }
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { auth, until: Math.min(now + this.ttlMs, notAfter) });
  }

  /** Forgets every entry, and every lookup still running. */
  clear(): void {
    this.entries.clear();
    this.gen++;
  }
}
