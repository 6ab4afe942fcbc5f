import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';

/** Failed logins allowed per window before answering 429. */
export const LIMITS = { account: 5, ip: 30, windowSeconds: 15 * 60 } as const;

export interface ThrottleState {
  failures: number;
  retryAfterSeconds: number;
}

/** Pure: is a key over its limit, and for how long still? */
export function throttleVerdict(
  row: { failures: number; windowStart: Date } | undefined,
  limit: number,
  now: Date,
  windowSeconds: number = LIMITS.windowSeconds,
): ThrottleState {
  if (!row) {
    return { failures: 0, retryAfterSeconds: 0 };
  }
  const elapsed = (now.getTime() - row.windowStart.getTime()) / 1000;
  if (elapsed >= windowSeconds) {
    return { failures: 0, retryAfterSeconds: 0 };
  }
  return {
    failures: row.failures,
    retryAfterSeconds: row.failures >= limit ? Math.ceil(windowSeconds - elapsed) : 0,
  };
}

/**
 * Counts an attempt and returns the count before it, in one atomic statement: parallel guesses
 * each see the others, so a burst cannot slip past the limit. A window older than the limit
 * starts over.
 */
export async function countAttempt(tx: Tx, key: string): Promise<{ failures: number; windowStart: Date }> {
  const res = await tx.execute<{ failures: number; window_start: string | Date }>(sql`
    insert into auth_throttle (key, failures, window_start) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when auth_throttle.window_start < now() - make_interval(secs => ${LIMITS.windowSeconds})
                      then 1 else auth_throttle.failures + 1 end,
      window_start = case when auth_throttle.window_start < now() - make_interval(secs => ${LIMITS.windowSeconds})
                      then now() else auth_throttle.window_start end
    returning failures, window_start`);
  const r = res.rows[0]!;
  return { failures: Number(r.failures) - 1, windowStart: new Date(r.window_start) };
}

/** Takes back the count of an attempt that succeeded. */
export async function forgiveAttempt(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`update auth_throttle set failures = greatest(failures - 1, 0) where key = ${key}`);
}

export async function clearThrottle(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`delete from auth_throttle where key = ${key}`);
}

/**
 * Deletes counters whose window has ended: they count as zero anyway, and without pruning every
 * guessed account name and every scanning IP would stay in the table for good.
 */
export async function pruneThrottle(tx: Tx, windowSeconds: number = LIMITS.windowSeconds): Promise<number> {
  const res = await tx.execute<{ n: number }>(sql`
    with gone as (delete from auth_throttle where window_start < now() - make_interval(secs => ${windowSeconds}) returning 1)
    select count(*)::int as n from gone`);
  return Number(res.rows[0]?.n ?? 0);
}
