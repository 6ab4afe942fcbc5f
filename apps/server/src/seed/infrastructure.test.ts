import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../test/db.js';
import { withSystem } from '../platform/db/tenant.js';
import { seedScenarios } from './scenarios/index.js';

describe(`demo sites and backups (${dbKind()})`, () => {
  it('KIDS gets its data centre with the partner sites Greiz and Meiningen, jobs with months of runs, failures with one ticket each, restore tests', async () => {
    const { db } = await testDatabase();
    const started = Date.now();
    await seedScenarios(db, ['kits', 'kids']);
    const q = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
      (await withSystem(db, (tx) => tx.execute<T>(query))).rows;
    const [kids] = await q<{ id: string }>(
      sql`select id from organisations where kind = 'provider' and name like 'KIDS%'`,
    );
    const p = kids!.id;
    const partners = await q<{ name: string; partner: string }>(sql`
      select s.name, o.name as partner from data_centre_partners d join sites s on s.id = d.partner_site_id join organisations o on o.id = s.partner_provider_id
       where d.org_id = ${p} order by s.name`);
    expect(partners.map((x) => x.name)).toEqual(['Partner-RZ Greiz', 'Partner-RZ Meiningen (KITS)']);
    const [counts] = await q<{
      sites: number;
      jobs: number;
      runs: number;
      failed: number;
      tests: number;
      plans: number;
      placements: number;
    }>(sql`
      select (select count(*)::int from sites where provider_id = ${p}) as sites,
             (select count(*)::int from backup_jobs where provider_id = ${p}) as jobs,
             (select count(*)::int from backup_runs r join backup_jobs j on j.id = r.job_id where j.provider_id = ${p}) as runs,
             (select count(*)::int from backup_runs r join backup_jobs j on j.id = r.job_id where j.provider_id = ${p} and r.status = 'failed') as failed,
             (select count(*)::int from restore_tests t join organisations o on o.id = t.org_id where o.provider_id = ${p}) as tests,
             (select count(*)::int from restore_test_plan_items t join organisations o on o.id = t.org_id where o.provider_id = ${p}) as plans,
             (select count(*)::int from service_placements where provider_id = ${p} and replica_site_id is not null) as placements`);
    expect(counts!.sites).toBeGreaterThan(40);
    expect(counts!.jobs).toBeGreaterThan(20);
    expect(counts!.runs).toBeGreaterThan(counts!.jobs * 100);
    expect(counts!.failed).toBeGreaterThan(0);
    expect(counts!.plans).toBeGreaterThan(counts!.tests);
    expect(counts!.placements).toBeGreaterThan(3);
    // The two failing jobs: last run failed, RPO violated, exactly one open ticket each.
    const failing = await q<{ id: string; tickets: number; violated: boolean }>(sql`
      select j.id, (select count(*)::int from tickets t where t.dedupe_key = 'backup:job:' || j.id) as tickets,
             coalesce(j.last_success_at, j.created_at) < now() - make_interval(hours => j.rpo_hours) as violated
        from backup_jobs j where j.provider_id = ${p} and j.last_run_status = 'failed'`);
    expect(failing.length).toBeGreaterThanOrEqual(2);
    expect(failing.filter((f) => f.violated).length).toBeGreaterThanOrEqual(2);
    expect(failing.map((f) => f.tickets)).toEqual(failing.map(() => 1));
    // KITS seeded first: its partner site at KIDS appears once KIDS exists (not in this order).
    const [kits] = await q<{ n: number }>(
      sql`select count(*)::int as n from sites s join organisations o on o.id = s.provider_id where o.name like 'KITS%' and s.kind = 'data_centre'`,
    );
    expect(kits!.n).toBe(1);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);
});
