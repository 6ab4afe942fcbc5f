/** Recovery point objective checks: plain functions, no I/O (rpo.test.ts). */

export type RpoState = 'ok' | 'violated' | 'pending';

export interface RpoInput {
  /** End (or, without an end, start) of the last successful run; null when there never was one. */
  lastSuccessAt: Date | null;
  rpoHours: number;
  /** When the job was created: a new job is not yet late before its first RPO window has passed. */
  createdAt: Date;
}

export interface RpoResult {
  state: RpoState;
  /** Hours since the last success (or since creation without one), rounded down to 0.1 h. */
  ageHours: number;
  /** Hours past the RPO (0 when within). */
  overdueHours: number;
  /** When the RPO is (or was) violated without a new success. */
  deadline: Date;
}

const HOUR = 3_600_000;

/**
 * RPO is violated when now − last success > RPO. A job that never succeeded counts from its
 * creation: it is `pending` until its first window has passed, then `violated`. Exactly at the
 * limit is still within (the RPO is a maximum age, inclusive).
 */
export function rpoStatus(now: Date, input: RpoInput): RpoResult {
  if (!Number.isFinite(input.rpoHours) || input.rpoHours <= 0) {
    throw new RangeError('rpoHours must be > 0');
  }
  const since = input.lastSuccessAt ?? input.createdAt;
  const ageMs = Math.max(0, now.getTime() - since.getTime());
  const limitMs = input.rpoHours * HOUR;
  const deadline = new Date(since.getTime() + limitMs);
  const over = ageMs > limitMs;
  const state: RpoState = over ? 'violated' : input.lastSuccessAt ? 'ok' : 'pending';
  return {
    state,
    ageHours: Math.floor((ageMs / HOUR) * 10) / 10,
    overdueHours: over ? Math.floor(((ageMs - limitMs) / HOUR) * 10) / 10 : 0,
    deadline,
  };
}

/** The time a successful run counts from: its end when known (the data is safe then), else its start. */
export function successTime(run: { startedAt: Date; endedAt: Date | null }): Date {
  return run.endedAt ?? run.startedAt;
}

/**
 * RPO violations within [from, to): every stretch in which the time since the last success
 * exceeded the RPO counts once. `successes` are success times, ascending; `before` is the last
 * success before the window (or null). Returns the count and the longest gap in hours.
 */
export function rpoGaps(
  successes: readonly Date[],
  before: Date | null,
  rpoHours: number,
  from: Date,
  to: Date,
): { violations: number; longestGapHours: number } {
  const limit = rpoHours * HOUR;
  let prev = before ?? from;
  let violations = 0;
  let longest = 0;
  for (const s of [...successes.filter((d) => d >= from && d < to), to]) {
    const gap = s.getTime() - prev.getTime();
    longest = Math.max(longest, gap);
    if (gap > limit) {
      violations += 1;
    }
    prev = s;
  }
  return { violations, longestGapHours: Math.floor((longest / HOUR) * 10) / 10 };
}
