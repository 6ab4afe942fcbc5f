import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { withSystem } from '../db/tenant.js';

/** A periodic background job of `serve`. */
export interface Job {
  /** Stable name; the lease row's key. */
  name: string;
  everyMs: number;
  /** Returns a short summary for the lease row ("3 closed"). */
  run: (now: Date) => Promise<string | void>;
}

export interface SchedulerOptions {
  /** Identifies this process in the lease row. */
  holder?: string;
  onError?: (job: string, e: unknown) => void;
  /**
   * Delay of the first run after start; default one interval, as if the process had been running:
   * a restart neither competes with the warm-up nor changes data the moment it comes up.
   */
  firstRunAfterMs?: number;
}

/**
 * Takes the job's lease if it is free or expired. The lease lasts a little longer than the job may
 * take (its interval), so a crashed holder blocks the job for one interval at most.
 */
export async function acquireLease(db: Db, name: string, holder: string, leaseMs: number): Promise<boolean> {
  const res = await withSystem(db, (tx) =>
    tx.execute<{ name: string }>(sql`
      insert into job_leases (name, holder, leased_until, last_started_at)
      values (${name}, ${holder}, now() + make_interval(secs => ${leaseMs / 1000}), now())
      on conflict (name) do update set holder = excluded.holder, leased_until = excluded.leased_until,
        last_started_at = excluded.last_started_at
      where job_leases.leased_until < now() or job_leases.holder is null or job_leases.holder = excluded.holder
      returning name`),
  );
  return res.rows.length === 1;
}

/** Records how the run ended and frees the lease for the next tick (of any process). */
export async function releaseLease(db: Db, name: string, holder: string, outcome: { result?: string; error?: string }): Promise<void> {
  await withSystem(db, (tx) =>
    tx.execute(sql`
      update job_leases set holder = null, leased_until = now(), last_finished_at = now(),
        last_result = ${outcome.result ?? null}, last_error = ${outcome.error ?? null}
      where name = ${name} and holder = ${holder}`),
  );
}

/** Runs one job now if no other process holds it. Returns false when it was held elsewhere. */
export async function runJobOnce(db: Db, job: Job, holder: string, now = new Date()): Promise<boolean> {
  if (!(await acquireLease(db, job.name, holder, job.everyMs))) {
    return false;
  }
  try {
    const result = await job.run(now);
    await releaseLease(db, job.name, holder, { result: result ?? 'ok' });
  } catch (e) {
    await releaseLease(db, job.name, holder, { error: e instanceof Error ? e.message : String(e) }).catch(() => undefined);
    throw e;
  }
  return true;
}

/**
 * Starts every job on its interval. A job never overlaps itself in this process, and the lease keeps
 * other processes out. Timers are unref'd: they never keep a process alive. Returns a stop function
 * that waits for running jobs to finish.
 */
export function startScheduler(db: Db, jobs: readonly Job[], opts: SchedulerOptions = {}): () => Promise<void> {
  const holder = opts.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const running = new Map<string, Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const tick = (job: Job) => {
    if (stopped || running.has(job.name)) {
      return;
    }
    const p = runJobOnce(db, job, holder)
      .catch((e: unknown) => opts.onError?.(job.name, e))
      .finally(() => running.delete(job.name));
    running.set(job.name, p);
  };
  for (const job of jobs) {
    const first = setTimeout(() => tick(job), opts.firstRunAfterMs ?? job.everyMs);
    first.unref();
    const every = setInterval(() => tick(job), job.everyMs);
    every.unref();
    timers.push(first, every);
  }
  return async () => {
    stopped = true;
    for (const t of timers) {
      clearTimeout(t);
    }
    await Promise.allSettled([...running.values()]);
  };
}
