import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../../test/db.js';
import type { Database } from './client.js';
import { withSystem, withTenant } from './tenant.js';

const ids = ['01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000002'];

/** withTenant's own transaction on PostgreSQL (BEGIN, role and setting in one message). */
describe(`withTenant (${dbKind()})`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await testDatabase();
  });

  it('runs as the request role with the setting, and leaves neither on the connection', async () => {
    const inside = await withTenant(database.db, { orgIds: ids }, async (tx) => {
      const a = await tx.execute<{ role: string; ids: string }>(sql`select current_user as role, current_setting('verbund.org_ids') as ids`);
      // Same transaction as the prelude: now() is frozen at its start.
      const b = await tx.execute<{ same: boolean }>(sql`select now() < statement_timestamp() as same`);
      return { ...a.rows[0], same: b.rows[0]?.same };
    });
    expect(inside).toEqual({ role: 'verbund_app', ids: `{${ids.join(',')}}`, same: true });
    const after = await withSystem(database.db, async (tx) => {
      const res = await tx.execute<{ role: string; ids: string | null }>(
        sql`select current_user as role, current_setting('verbund.org_ids', true) as ids`,
      );
      return res.rows[0];
    });
    expect(after?.role).not.toBe('verbund_app');
    expect(after?.ids ?? '').toBe('');
  });

  it('rolls back on an error and gives back a working connection', async () => {
    await withSystem(database.db, (tx) => tx.execute(sql`create table if not exists tenant_probe (x int)`));
    await withSystem(database.db, (tx) => tx.execute(sql`grant all on tenant_probe to verbund_app`));
    await expect(
      withTenant(database.db, { orgIds: ids }, async (tx) => {
        await tx.execute(sql`insert into tenant_probe values (1)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const n = await withSystem(database.db, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from tenant_probe`));
    expect(n.rows[0]?.n).toBe(0);
    await withSystem(database.db, (tx) => tx.execute(sql`drop table tenant_probe`));
  });

  it('takes the setting as a literal: quotes in ids are data, not SQL', async () => {
    const evil = "x'); drop table organisations; --";
    const seen = await withTenant(database.db, { orgIds: [evil] }, async (tx) => {
      const res = await tx.execute<{ ids: string }>(sql`select current_setting('verbund.org_ids') as ids`);
      return res.rows[0]?.ids;
    });
    expect(seen).toBe(`{${evil}}`);
    const still = await withSystem(database.db, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from organisations`));
    expect(still.rows[0]?.n).toBeGreaterThanOrEqual(0);
  });
});
