import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per periodic job: who holds it until when, and how its last run ended. Several `serve`
 * processes on one PostgreSQL share the table, so a job runs in one process at a time. System table
 * (no org_id): only the scheduler touches it.
 */
export const jobLeases = pgTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder'),
  leasedUntil: timestamp('leased_until', { withTimezone: true }).notNull().defaultNow(),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  lastResult: text('last_result'),
  lastError: text('last_error'),
});
