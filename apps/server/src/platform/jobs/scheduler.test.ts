import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../../test/db.js';
import { countAttempt, pruneThrottle } from '../auth/throttle.js';
import type { Database } from '../db/client.js';
import { withSystem } from '../db/tenant.js';
import { acquireLease, runJobOnce, startScheduler, type Job } from './scheduler.js';

describe(`job scheduler (${dbKind()})`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await testDatabase();
  });

  const lease = (name: string) =>
    withSystem(database.db, (tx) =>
      tx.execute<{ holder: string | null; last_result: string | null; last_error: string | null }>(
        sql`select holder, last_result, last_error from job_leases where name = ${name}`,
      ),
    ).then((r) => r.rows[0]);

  it('gives a lease to one holder at a time and takes it back after it expires', async () => {
    expect(await acquireLease(database.db, 'lease-a', 'p1', 60_000)).toBe(true);
    expect(await acquireLease(database.db, 'lease-a', 'p2', 60_000)).toBe(false);
    // The holder itself may renew.
    expect(await acquireLease(database.db, 'lease-a', 'p1', 60_000)).toBe(true);
    await withSystem(database.db, (tx) => tx.execute(sql`update job_leases set leased_until = now() - interval '1 second' where name = 'lease-a'`));
    expect(await acquireLease(database.db, 'lease-a', 'p2', 60_000)).toBe(true);
    expect((await lease('lease-a'))?.holder).toBe('p2');
  });

  it('records the result, frees the lease, and records a failure without swallowing it', async () => {
    const ok: Job = { name: 'job-ok', everyMs: 60_000, run: async () => '3 erledigt' };
    expect(await runJobOnce(database.db, ok, 'p1')).toBe(true);
    expect(await lease('job-ok')).toEqual({ holder: null, last_result: '3 erledigt', last_error: null });
    const bad: Job = { name: 'job-bad', everyMs: 60_000, run: () => Promise.reject(new Error('kaputt')) };
    await expect(runJobOnce(database.db, bad, 'p1')).rejects.toThrow('kaputt');
    expect(await lease('job-bad')).toEqual({ holder: null, last_result: null, last_error: 'kaputt' });
    // A freed lease is free for another process at once.
    expect(await runJobOnce(database.db, bad, 'p2').catch(() => 'ran')).toBe('ran');
  });

  it('runs a job in only one of two processes when both tick at once', async () => {
    let runs = 0;
    const job: Job = {
      name: 'job-race',
      everyMs: 60_000,
      run: async () => {
        runs += 1;
        await new Promise((r) => setTimeout(r, 50));
      },
    };
    const [a, b] = await Promise.all([runJobOnce(database.db, job, 'p1'), runJobOnce(database.db, job, 'p2')]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
  });

  it('ticks on its interval, never overlaps itself, and stops cleanly', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const job: Job = {
      name: 'job-tick',
      everyMs: 20,
      run: async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        runs += 1;
        await new Promise((r) => setTimeout(r, 60));
        active -= 1;
      },
    };
    const errors: unknown[] = [];
    const stop = startScheduler(database.db, [job], { holder: 'p-tick', firstRunAfterMs: 0, onError: (_n, e) => errors.push(e) });
    await new Promise((r) => setTimeout(r, 400));
    await stop();
    const after = runs;
    await new Promise((r) => setTimeout(r, 100));
    expect(errors).toEqual([]);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(maxActive).toBe(1);
    expect(runs).toBe(after);
    expect(active).toBe(0);
  });

  it('prunes failed-login counters whose window has ended and keeps the current ones', async () => {
    await withSystem(database.db, async (tx) => {
      await countAttempt(tx, 'prune:old');
      await countAttempt(tx, 'prune:new');
      await tx.execute(sql`update auth_throttle set window_start = now() - interval '16 minutes' where key = 'prune:old'`);
    });
    const removed = await withSystem(database.db, (tx) => pruneThrottle(tx));
    expect(removed).toBeGreaterThanOrEqual(1);
    const keys = await withSystem(database.db, (tx) =>
      tx.execute<{ key: string }>(sql`select key from auth_throttle where key like 'prune:%' order by key`),
    );
    expect(keys.rows.map((r) => r.key)).toEqual(['prune:new']);
  });
});
