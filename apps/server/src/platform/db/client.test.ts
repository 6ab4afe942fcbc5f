import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { date, json, jsonb, numeric, PgDialect, pgTable, text, time, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseLockedError, openPglite } from './client.js';

describe("Drizzle's parameter type hints, memoised per column", () => {
  it('answer as Drizzle does, the second time too', () => {
    const t = pgTable('hints', {
      a: jsonb('a'),
      b: json('b'),
      c: numeric('c'),
      d: time('d'),
      e: timestamp('e', { withTimezone: true }),
      f: timestamp('f', { mode: 'string' }),
      g: date('g'),
      h: date('h', { mode: 'date' }),
      i: uuid('i'),
      j: text('j'),
    });
    expect((PgDialect.prototype as unknown as { verbundMemoised?: boolean }).verbundMemoised).toBe(true);
    const hint = new PgDialect().prepareTyping as unknown as (encoder: unknown) => string;
    const expected = { a: 'json', b: 'json', c: 'decimal', d: 'time', e: 'timestamp', f: 'timestamp', g: 'date', h: 'date', i: 'uuid', j: 'none' };
    for (let round = 0; round < 2; round++) {
      expect(Object.fromEntries(Object.entries(t).filter(([k]) => k in expected).map(([k, col]) => [k, hint(col)]))).toEqual(expected);
      expect(hint(undefined)).toBe('none');
    }
  });
});

describe('embedded database directory', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbund-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second opener of the same data directory, and allows it after close', async () => {
    const first = await openPglite(dir);
    await expect(openPglite(dir)).rejects.toBeInstanceOf(DatabaseLockedError);
    await first.db.execute(sql`create table kept (x int)`);
    await first.close();
    const again = await openPglite(dir);
    const res = await again.db.execute<{ n: number }>(sql`select count(*)::int as n from kept`);
    expect(res.rows[0]?.n).toBe(0);
    await again.close();
  });
});
