import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../test/db.js';
import type { Database } from '../platform/db/client.js';
import { seedScenarios } from './scenarios/index.js';

describe(`demo inventory (${dbKind()})`, () => {
  let database: Database;
  const q = async <T extends Record<string, unknown>>(s: ReturnType<typeof sql>) => (await database.db.execute<T>(s)).rows;

  beforeAll(async () => {
    database = await testDatabase();
    await seedScenarios(database.db, ['kits'], { now: new Date('2026-11-22T12:00:00Z') });
  }, 120_000);

  it('gives every KITS member a firewall, a server, printers and workstations by population, on its town hall', async () => {
    const rows = await q<{ name: string; fw: number; srv: number; prn: number; ws: number; placed: number; total: number }>(sql`
      select o.name,
             count(*) filter (where a.type = 'firewall')::int as fw,
             count(*) filter (where a.type = 'server')::int as srv,
             count(*) filter (where a.type = 'printer')::int as prn,
             count(*) filter (where a.type in ('workstation', 'laptop'))::int as ws,
             count(*) filter (where a.site_id is not null)::int as placed,
             count(*)::int as total
        from organisations o join assets a on a.org_id = o.id
        join organisations p on p.id = o.provider_id and p.short_name = 'KITS'
       where o.kind = 'member' group by o.name`);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r.fw, r.name).toBe(1);
      expect(r.srv, r.name).toBe(1);
      expect(r.prn, r.name).toBeGreaterThanOrEqual(2);
      expect(r.ws, r.name).toBeGreaterThanOrEqual(2);
      expect(r.placed, r.name).toBe(r.total - 0 - (await q<{ n: number }>(sql`select count(*)::int as n from assets a join organisations o on o.id = a.org_id where o.name = ${r.name} and a.type = 'virtual_machine'`))[0]!.n);
    }
    const [unique] = await q<{ dup: number }>(sql`select count(*)::int - count(distinct (provider_id, inventory_number))::int as dup from assets`);
    expect(unique!.dup).toBe(0);
    const [rel] = await q<{ n: number }>(sql`select count(*)::int as n from asset_relations where type = 'backed_up_by'`);
    expect(rel!.n).toBeGreaterThanOrEqual(rows.length);
    // The counters continue after the seeded numbers.
    const [c] = await q<{ ok: boolean }>(sql`select bool_and(c.last >= (select count(*) from assets a where a.provider_id = c.org_id and a.inventory_number like '%-' || c.year || '-%')) as ok from asset_number_counters c`);
    expect(c!.ok).toBe(true);
  });
});
