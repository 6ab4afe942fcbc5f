import { validate } from '@verbund/einvoice';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../test/db.js';
import type { Database } from '../platform/db/client.js';
import { seedScenarios } from './scenarios/index.js';

/** The demo billing of every scenario: issued invoices for every member, every XRechnung valid. */
describe(`demo billing (${dbKind()})`, () => {
  let database: Database;
  let ms: number;

  beforeAll(async () => {
    database = await testDatabase();
    const start = Date.now();
    await seedScenarios(database.db, ['all'], { now: new Date('2026-11-22T12:00:00Z') });
    ms = Date.now() - start;
  }, 180_000);

  it('gives every member of every scenario at least one issued invoice', async () => {
    const r = await database.db.execute<{ provider: string; members: number; billed: number; settings: number }>(sql`
      select p.short_name as provider,
             (select count(*)::int from organisations m where m.provider_id = p.id and m.kind = 'member') as members,
             (select count(distinct i.org_id)::int from invoices i where i.provider_id = p.id and i.status = 'issued') as billed,
             (select count(*)::int from billing_settings s where s.org_id = p.id) as settings
        from organisations p where p.kind = 'provider' and p.short_name in ('KIDS', 'KITS', 'KSM', 'KITU')`);
    expect(r.rows).toHaveLength(4);
    for (const row of r.rows) {
      expect(row.settings, row.provider).toBe(1);
      expect(row.billed, row.provider).toBe(row.members);
    }
    expect(ms).toBeLessThan(120_000);
  });

  it('stores only valid XRechnung documents with their hash', async () => {
    const docs = await database.db.execute<{ content: Buffer | Uint8Array; sha256: string; ok: boolean }>(
      sql`select content, sha256, encode(sha256(content), 'hex') = sha256 as ok from invoice_documents where kind = 'ubl'`,
    );
    expect(docs.rows.length).toBeGreaterThan(40);
    for (const d of docs.rows) {
      expect(d.ok).toBe(true);
      const v = validate(Buffer.from(d.content).toString('utf8'));
      expect(v.errors).toEqual([]);
    }
  });
});
