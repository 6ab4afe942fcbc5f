import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { dbKind } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { ownDatabase } from '../../../test/own-database.js';
import type { Database } from '../../platform/db/client.js';
import { syncPopulationFromDirectory } from './population-sync.js';

describe(`population from the Gemeindeverzeichnis (${dbKind()})`, () => {
  let database: Database;
  let drop: () => Promise<void>;
  let a: Tree;

  beforeAll(async () => {
    ({ database, drop } = await ownDatabase());
    a = await makeTree(database.db);
    await database.db.execute(sql`update organisations set ags = '16068051', ars = '160680051051' where id = ${a.town}`);
    await database.db.execute(sql`update organisations set ars = '160745011000' where id = ${a.vg}`);
    await database.db.execute(sql`update organisations set ags = '16074002' where id = ${a.gemeindeA}`);
    await database.db.execute(sql`insert into member_population (id, org_id, reference_date, value, source)
      values ('01900000-0000-7000-8000-0000000000a1', ${a.gemeindeA}, '2024-12-31', 800, 'manual')`);
  });
  afterAll(async () => {
    await drop();
  });

  const population = async (orgId: string) =>
    (await database.db.execute<{ value: number; source: string }>(sql`select value, source from member_population where org_id = ${orgId} and reference_date = '2024-12-31'`)).rows[0];

  it('gives members the directory population at its reference date, keeps manual values, and audits', async () => {
    const r = await syncPopulationFromDirectory(database.db);
    expect(r.populationDate).toBe('2024-12-31');
    expect(r.inserted).toBeGreaterThanOrEqual(2);
    expect(r.keptManual).toBeGreaterThanOrEqual(1);
    expect(await population(a.town)).toEqual({ value: 18_503, source: 'gemeindeverzeichnis' });
    expect(await population(a.vg)).toEqual({ value: 11_241, source: 'gemeindeverzeichnis' });
    expect(await population(a.gemeindeA)).toEqual({ value: 800, source: 'manual' });
    const audit = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where org_id = ${a.town} and entity_type = 'member_population' and actor_user_id is null`,
    );
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('is idempotent and updates a changed directory value', async () => {
    const again = await syncPopulationFromDirectory(database.db);
    expect(again.inserted + again.updated).toBe(0);
    await database.db.execute(sql`update member_population set value = 1 where org_id = ${a.town}`);
    const fixed = await syncPopulationFromDirectory(database.db);
    expect(fixed.updated).toBe(1);
    expect((await population(a.town))?.value).toBe(18_503);
  });
});
