import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../test/db.js';
import { backgroundJobs } from './jobs.js';
import type { Database } from './platform/db/client.js';
import { withSystem } from './platform/db/tenant.js';
import { runJobOnce } from './platform/jobs/index.js';

describe(`serve's background jobs (${dbKind()})`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await testDatabase();
  });

  it('have distinct names and each runs once through the scheduler and records its summary', async () => {
    const jobs = backgroundJobs(database.db);
    expect(new Set(jobs.map((j) => j.name)).size).toBe(jobs.length);
    for (const job of jobs) {
      expect(await runJobOnce(database.db, job, 'test')).toBe(true);
    }
    const rows = await withSystem(database.db, (tx) =>
      tx.execute<{ name: string; last_result: string | null; last_error: string | null }>(
        sql`select name, last_result, last_error from job_leases where holder is null order by name`,
      ),
    );
    const byName = new Map(rows.rows.map((r) => [r.name, r]));
    for (const job of jobs) {
      expect(byName.get(job.name)?.last_error).toBeNull();
      expect(byName.get(job.name)?.last_result).toMatch(/^\d+ /);
    }
  });
});
