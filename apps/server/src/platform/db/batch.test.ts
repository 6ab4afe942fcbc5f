import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../../test/db.js';
import { batchWrites, oneStatement, write } from './batch.js';
import type { Database, Tx } from './client.js';
import { withSystem } from './tenant.js';

describe('oneStatement', () => {
  it('puts every write but the last into a WITH clause, keeping their parameters in order', () => {
    const q = new PgDialect().sqlToQuery(oneStatement([sql`insert into a values (${1})`, sql`delete from b where x = ${2}`, sql`insert into c values (${3})`]));
    expect(q.sql).toBe('with w1 as (insert into a values ($1)), w2 as (delete from b where x = $2) insert into c values ($3)');
    expect(q.params).toEqual([1, 2, 3]);
    expect(new PgDialect().sqlToQuery(oneStatement([sql`insert into a values (${1})`])).sql).toBe('insert into a values ($1)');
  });
});

describe(`batchWrites (${dbKind()})`, () => {
  let database: Database;
  const rows = async (tx: Tx) => (await tx.execute<{ n: number }>(sql`select n from batch_probe order by n`)).rows.map((r) => r.n);

  beforeAll(async () => {
    database = await testDatabase();
  });

  it('sends the writes of a batch together at its end; outside a batch a write runs at once', async () => {
    const seen = await withSystem(database.db, async (tx) => {
      await tx.execute(sql`create temporary table batch_probe (n int primary key) on commit drop`);
      await write(tx, sql`insert into batch_probe values (1)`);
      const alone = await rows(tx);
      let during: number[] = [];
      const result = await batchWrites(tx, async () => {
        await write(tx, sql`insert into batch_probe values (2)`);
        // A nested batch sends its writes when it ends, the outer one keeps collecting.
        await batchWrites(tx, () => write(tx, sql`insert into batch_probe values (3)`));
        await write(tx, sql`delete from batch_probe where n = 1`);
        during = await rows(tx);
        return 'done';
      });
      return { alone, during, result, after: await rows(tx) };
    });
    expect(seen).toEqual({ alone: [1], during: [1, 3], result: 'done', after: [2, 3] });
  });

  it('sends nothing when the work fails, and one failing write takes the others with it', async () => {
    const seen = await withSystem(database.db, async (tx) => {
      await tx.execute(sql`create temporary table batch_probe (n int primary key) on commit drop`);
      await expect(
        batchWrites(tx, async () => {
          await write(tx, sql`insert into batch_probe values (1)`);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      const afterThrow = await rows(tx);
      await tx.execute(sql`savepoint before_batch`);
      const failed = await batchWrites(tx, async () => {
        await write(tx, sql`insert into batch_probe values (2)`);
        await write(tx, sql`insert into batch_probe values (2)`);
      }).then(
        () => 'sent',
        (e: Error) => `${e.message} ${(e.cause as Error | undefined)?.message ?? ''}`,
      );
      await tx.execute(sql`rollback to savepoint before_batch`);
      return { afterThrow, failed, after: await rows(tx) };
    });
    expect(seen.afterThrow).toEqual([]);
    expect(seen.failed).toMatch(/duplicate key|unique/);
    expect(seen.after).toEqual([]);
  });
});
