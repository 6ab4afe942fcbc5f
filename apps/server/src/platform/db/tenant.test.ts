import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, pgFailure, testDatabase } from '../../../test/db.js';
import { makeTree } from '../../../test/factories.js';
import type { Database } from './client.js';
import { batchWrites, write } from './batch.js';
import { extendScope, INLINE_SCOPE_MAX, withSystem, withTenant } from './tenant.js';

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

  describe('a long scope goes by a registered key', () => {
    it('sets only the key; the tenant functions return the stored organisations and their providers', async () => {
      const t = await makeTree(database.db);
      const orgIds = [t.provider, t.vg, t.gemeindeA, t.gemeindeB, t.town];
      expect(orgIds.length).toBeGreaterThan(INLINE_SCOPE_MAX);
      // The first use rolls back: the registration must outlive it.
      await expect(withTenant(database.db, { orgIds }, async () => Promise.reject(new Error('first use fails')))).rejects.toThrow('first use fails');
      const seen = await withTenant(database.db, { orgIds }, async (tx) => {
        const r = await tx.execute<{ inline: string | null; key: string; ids: string[]; providers: string[] }>(sql`
          select nullif(current_setting('verbund.org_ids', true), '') as inline, current_setting('verbund.scope') as key,
                 verbund_org_ids()::text[] as ids, verbund_provider_ids()::text[] as providers`);
        const orgs = await tx.execute<{ id: string }>(sql`select id from organisations`);
        return { ...r.rows[0]!, orgs: orgs.rows.map((o) => o.id) };
      });
      expect(seen.inline).toBeNull();
      expect(seen.key).toMatch(/^[\w-]{43}$/);
      expect(seen.ids).toEqual(orgIds);
      expect(seen.providers).toEqual([t.provider]);
      expect(seen.orgs.sort()).toEqual([...orgIds].sort());
    });

    it('refuses an unknown key instead of treating it as any scope, and keeps the table from the request role', async () => {
      const t = await makeTree(database.db);
      const orgIds = [t.provider, t.vg, t.gemeindeA, t.gemeindeB, t.town];
      const unknown = await pgFailure(
        withTenant(database.db, { orgIds }, async (tx) => {
          await tx.execute(sql`select set_config('verbund.scope', 'no-such-scope', true)`);
          return tx.execute(sql`select id from organisations`);
        }),
      );
      expect(unknown.message).toMatch(/unknown tenant scope/);
      const read = await pgFailure(withTenant(database.db, { orgIds }, (tx) => tx.execute(sql`select key from tenant_scopes`)));
      expect(read.code).toBe('42501');
      const forged = await pgFailure(
        withTenant(database.db, { orgIds }, (tx) => tx.execute(sql`select verbund_register_scope('forged', ${`{${ids.join(',')}}`}::uuid[])`)),
      );
      expect(forged.code).toBe('42501');
    });

    it('registers a scope again after its row went missing: one request fails, the next works', async () => {
      const t = await makeTree(database.db);
      const orgIds = [t.provider, t.vg, t.gemeindeA, t.gemeindeB, t.town];
      const read = () => withTenant(database.db, { orgIds }, async (tx) => (await tx.execute<{ id: string }>(sql`select id from organisations`)).rows.length);
      expect(await read()).toBe(5);
      await withSystem(database.db, (tx) => tx.execute(sql`delete from tenant_scopes where org_ids = ${`{${orgIds.join(',')}}`}::uuid[]`));
      expect((await pgFailure(read())).message).toMatch(/unknown tenant scope/);
      expect(await read()).toBe(5);
    });

    it('extends a registered scope inside the transaction with a new organisation', async () => {
      const t = await makeTree(database.db);
      const other = await makeTree(database.db);
      const orgIds = [t.provider, t.vg, t.gemeindeA, t.gemeindeB, t.town];
      const seen = await withTenant(database.db, { orgIds }, async (tx) => {
        await extendScope(tx, [other.town]);
        return (await tx.execute<{ id: string }>(sql`select id from organisations`)).rows.map((o) => o.id);
      });
      expect(seen.sort()).toEqual([...orgIds, other.town].sort());
    });
  });
});

/**
 * What needs no answer of its own travels with the next statement on PostgreSQL (Piggyback):
 * BEGIN and the setting with the first statement, a finished batch's writes with the next one or
 * the COMMIT. statement_timestamp() is the arrival of the client's message, so equal timestamps
 * mean one message. PGlite sends them one by one and must behave the same otherwise.
 */
describe(`one message for what needs no answer (${dbKind()})`, () => {
  let database: Database;
  const onPostgres = dbKind() === 'postgres';

  beforeAll(async () => {
    database = await testDatabase();
    await withSystem(database.db, (tx) => tx.execute(sql`create table if not exists piggyback_probe (n int, at timestamptz)`));
    await withSystem(database.db, (tx) => tx.execute(sql`grant all on piggyback_probe to verbund_app`));
  });

  it('sends BEGIN and the setting with the first statement', async () => {
    const joined = await withTenant(database.db, { orgIds: ids }, async (tx) => {
      const res = await tx.execute<{ joined: boolean; n: string }>(sql`select now() = statement_timestamp() as joined, ${'7'}::int + 1 as n`);
      return res.rows[0];
    });
    expect(Number(joined?.n)).toBe(8);
    if (onPostgres) {
      expect(joined?.joined).toBe(true);
    }
  });

  it("sends a finished batch's writes with the next statement, which sees them", async () => {
    const seen = await withTenant(database.db, { orgIds: ids }, async (tx) => {
      await tx.execute(sql`delete from piggyback_probe`);
      await batchWrites(tx, async () => {
        await write(tx, sql`insert into piggyback_probe values (${1}, statement_timestamp())`);
        await write(tx, sql`insert into piggyback_probe values (${2}, statement_timestamp())`);
      });
      const res = await tx.execute<{ n: number; joined: boolean }>(sql`select n, at = statement_timestamp() as joined from piggyback_probe order by n`);
      return res.rows;
    });
    expect(seen.map((r) => r.n)).toEqual([1, 2]);
    if (onPostgres) {
      expect(seen.every((r) => r.joined)).toBe(true);
    }
  });

  it("reports a batch's failure at the commit it travelled with and rolls back everything", async () => {
    await withSystem(database.db, (tx) => tx.execute(sql`delete from piggyback_probe`));
    const failure = await pgFailure(
      withTenant(database.db, { orgIds: ids }, async (tx) => {
        await tx.execute(sql`insert into piggyback_probe values (1, now())`);
        await batchWrites(tx, () => write(tx, sql`insert into piggyback_probe values (${'not a number'}, now())`));
        return 'answered';
      }),
    );
    expect(failure.code).toBe('22P02');
    const left = await withSystem(database.db, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from piggyback_probe`));
    expect(left.rows[0]?.n).toBe(0);
  });

  it('sends a statement the simple protocol cannot carry on its own, right after what waits', async () => {
    const bytes = await withTenant(database.db, { orgIds: ids }, async (tx) => {
      const res = await tx.execute<{ n: number }>(sql`select length(${Buffer.from('abc')}::bytea) as n`);
      return res.rows[0]?.n;
    });
    expect(bytes).toBe(3);
    // A NUL character is PostgreSQL's to refuse, as a parameter, not a cut-off statement.
    const nul = await pgFailure(withTenant(database.db, { orgIds: ids }, (tx) => tx.execute(sql`select ${'a\0b'}::text as t`)));
    expect(nul.message).toMatch(/0x00|invalid byte sequence|null character/i);
    const after = await withTenant(database.db, { orgIds: ids }, async (tx) => (await tx.execute<{ one: number }>(sql`select 1 as one`)).rows[0]?.one);
    expect(after).toBe(1);
  });
});
