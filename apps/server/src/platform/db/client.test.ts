import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseLockedError, openPglite } from './client.js';

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
