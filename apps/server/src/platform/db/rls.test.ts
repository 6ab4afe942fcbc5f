import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTree, type Tree } from '../../../test/factories.js';
import { dbKind, pgFailure, testDatabase } from '../../../test/db.js';
import type { Database } from './client.js';
import { withTenant } from './tenant.js';

/** Ids of organisations that do not exist: a large tenant setting without rows behind it. */
function manyIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`);
}

/** The database backstop on its own: no repository filter, only the request role and the setting. */
describe(`row-level security (${dbKind()})`, () => {
  let database: Database;
  let a: Tree;
  let b: Tree;

  beforeAll(async () => {
    database = await testDatabase();
    a = await makeTree(database.db);
    b = await makeTree(database.db);
  });

  it('secures every table with org_id: RLS enabled and forced, tenant policy present', async () => {
    const res = await database.db.execute<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }>(sql`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity,
             (select count(*)::int from pg_policies p where p.tablename = c.relname and p.policyname = 'verbund_tenant') as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r'
         and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
              or c.relname = 'organisations')`);
    expect(res.rows.length).toBeGreaterThanOrEqual(5);
    for (const t of res.rows) {
      expect({ table: t.relname, rls: t.relrowsecurity, forced: t.relforcerowsecurity, policy: t.policies }).toEqual({
        table: t.relname,
        rls: true,
        forced: true,
        policy: 1,
      });
    }
  });

  it('shows the request role nothing of a foreign tenant, even without a WHERE', async () => {
    const seen = await withTenant(database.db, { orgIds: [b.provider, b.vg] }, async (tx) => {
      const orgs = await tx.execute<{ id: string }>(sql`select id from organisations`);
      const users = await tx.execute<{ org_id: string }>(sql`select org_id from users`);
      const grants = await tx.execute<{ org_id: string }>(sql`select org_id from role_grants`);
      return { orgs: orgs.rows.map((r) => r.id), users: users.rows.map((r) => r.org_id), grants: grants.rows.map((r) => r.org_id) };
    });
    expect(seen.orgs.sort()).toEqual([b.provider, b.vg].sort());
    const treeA = [a.provider, a.vg, a.gemeindeA, a.gemeindeB, a.town];
    for (const id of [...seen.users, ...seen.grants]) {
      expect(treeA).not.toContain(id);
      expect([b.provider, b.vg]).toContain(id);
    }
  });

  it('sees nothing at all with an empty setting', async () => {
    const n = await withTenant(database.db, { orgIds: [] }, async (tx) => {
      const r = await tx.execute<{ n: number }>(sql`select (select count(*) from organisations)::int + (select count(*) from users)::int as n`);
      return r.rows[0]!.n;
    });
    expect(n).toBe(0);
  });

  it('refuses to insert or move rows into a foreign tenant', async () => {
    const rlsViolation = '42501';
    const intruder = await pgFailure(
      withTenant(database.db, { orgIds: [b.provider] }, (tx) =>
        tx.execute(sql`insert into users (id, org_id, email, name) values (gen_random_uuid(), ${a.town}, ${`x-${Date.now()}@x.de`}, 'Intruder')`),
      ),
    );
    expect(intruder).toMatchObject({ code: rlsViolation, message: expect.stringMatching(/row-level security/) });
    const forged = await pgFailure(
      withTenant(database.db, { orgIds: [b.provider] }, (tx) =>
        tx.execute(sql`insert into audit_events (id, org_id, entity_type, entity_id, action) values (gen_random_uuid(), ${a.provider}, 'x', gen_random_uuid(), 'x')`),
      ),
    );
    expect(forged.code).toBe(rlsViolation);
    const moved = await withTenant(database.db, { orgIds: [b.provider] }, (tx) =>
      tx.execute(sql`update users set name = 'hijacked' where org_id = ${a.provider}`),
    );
    expect(moved.rowCount ?? (moved as { affectedRows?: number }).affectedRows ?? 0).toBe(0);
  });

  it('keeps the audit trail append-only and system tables out of reach', async () => {
    const denied = '42501';
    const asApp = (q: ReturnType<typeof sql>) => withTenant(database.db, { orgIds: [a.provider] }, (tx) => tx.execute(q));
    expect((await pgFailure(asApp(sql`update audit_events set action = 'x'`))).code).toBe(denied);
    expect((await pgFailure(asApp(sql`delete from audit_events`))).code).toBe(denied);
    expect((await pgFailure(asApp(sql`select * from sessions`))).code).toBe(denied);
    expect((await pgFailure(asApp(sql`select * from auth_throttle`))).code).toBe(denied);
  });

  it('reads through the hashed IN (SELECT verbund_org_set()) form and checks written rows against the array once', async () => {
    const res = await database.db.execute<{ tablename: string; policyname: string; qual: string | null; with_check: string | null }>(sql`
      select tablename, policyname, qual, with_check from pg_policies
       where schemaname = 'public' and (qual ~ 'verbund_(org|provider)_(ids|set)' or with_check ~ 'verbund_(org|provider)_(ids|set)')`);
    expect(res.rows.length).toBeGreaterThanOrEqual(40);
    // In a read, `x = ANY (array)` scans the array per row (1,001 ids for a provider agent) and
    // `unnest(…)` makes the planner parse the setting to estimate it: USING has neither. A written
    // row is checked once, where building the hash table would cost more than the scan (0035).
    const slow = res.rows.filter((p) => /= ANY|unnest/.test(p.qual ?? '')).map((p) => `${p.tablename}.${p.policyname}`);
    expect(slow).toEqual([]);
    const checks = res.rows.filter((p) => p.with_check !== null);
    expect(checks.length).toBeGreaterThanOrEqual(40);
    expect(checks.filter((p) => /= ANY \(\( SELECT verbund_org_ids\(\) AS verbund_org_ids\)::uuid\[\]\)/.test(p.with_check!)).length).toBe(checks.length);
    const hashedChecks = checks.filter((p) => /verbund_(org|provider)_set|unnest/.test(p.with_check!)).map((p) => `${p.tablename}.${p.policyname}`);
    expect(hashedChecks).toEqual([]);
    const plan = await withTenant(database.db, { orgIds: [a.provider, ...manyIds(1000)] }, async (tx) => {
      const r = await tx.execute<{ 'QUERY PLAN': string }>(sql`explain (costs off) select name from users where name <> ''`);
      return r.rows.map((x) => x['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/hashed SubPlan/);
  });

  it('keeps foreign rows invisible and unwritable with the hashed predicate, for a member and for a provider session', async () => {
    const profile = await database.db.execute<{ id: string }>(sql`
      insert into sla_profiles (id, provider_id, name, hours, targets) values (gen_random_uuid(), ${b.provider}, ${`SLA ${Date.now()}`}, '{}'::jsonb, '{}'::jsonb) returning id`);
    const foreignProfile = profile.rows[0]!.id;
    const treeA = [a.provider, a.vg, a.gemeindeA, a.gemeindeB, a.town];
    const treeB = [b.provider, b.vg, b.gemeindeA, b.gemeindeB, b.town];
    // The provider session carries 1,000 unrelated ids besides its tree, as an agent of a large provider does.
    const sessions = { member: [a.gemeindeA], provider: [...treeA, ...manyIds(1000)] };
    for (const [who, orgIds] of Object.entries(sessions)) {
      const seen = await withTenant(database.db, { orgIds }, async (tx) => {
        const q = async (text: ReturnType<typeof sql>) => (await tx.execute<{ id: string }>(text)).rows.map((r) => r.id);
        return {
          orgs: await q(sql`select id from organisations`),
          users: await q(sql`select org_id as id from users`),
          foreignUser: await q(sql`select id from users where id = ${b.users.userA.id}`),
          foreignProfile: await q(sql`select id from sla_profiles where id = ${foreignProfile}`),
          foreignOrg: await q(sql`select id from organisations where id = ${b.gemeindeA}`),
        };
      });
      const visible = who === 'member' ? [a.gemeindeA] : treeA;
      expect({ who, orgs: seen.orgs.sort() }).toEqual({ who, orgs: [...visible].sort() });
      for (const org of seen.users) {
        expect(visible).toContain(org);
        expect(treeB).not.toContain(org);
      }
      expect({ who, user: seen.foreignUser, profile: seen.foreignProfile, org: seen.foreignOrg }).toEqual({ who, user: [], profile: [], org: [] });
      const insert = await pgFailure(
        withTenant(database.db, { orgIds }, (tx) =>
          tx.execute(sql`insert into users (id, org_id, email, name) values (gen_random_uuid(), ${b.gemeindeA}, ${`y-${who}-${Date.now()}@x.de`}, 'Intruder')`),
        ),
      );
      expect({ who, code: insert.code }).toEqual({ who, code: '42501' });
      const moved = await withTenant(database.db, { orgIds }, (tx) => tx.execute(sql`update users set name = 'hijacked' where id = ${b.users.userA.id}`));
      expect(moved.rowCount ?? (moved as { affectedRows?: number }).affectedRows ?? 0).toBe(0);
    }
    // A member's own sibling stays hidden from the member session, too.
    const sibling = await withTenant(database.db, { orgIds: sessions.member }, (tx) => tx.execute<{ id: string }>(sql`select id from organisations where id = ${a.gemeindeB}`));
    expect(sibling.rows).toEqual([]);
  });

  it('does not let the setting or role outlive the transaction', async () => {
    await withTenant(database.db, { orgIds: [a.provider] }, async () => undefined);
    const r = await database.db.execute<{ role: string; orgs: string | null }>(
      sql`select current_user as role, nullif(current_setting('verbund.org_ids', true), '') as orgs`,
    );
    expect(r.rows[0]!.role).not.toBe('verbund_app');
    expect(r.rows[0]!.orgs).toBeNull();
  });
});
