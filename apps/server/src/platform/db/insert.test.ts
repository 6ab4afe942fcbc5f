import { eq, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, pgFailure, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { auditEvents } from '../audit/audit.schema.js';
import { tickets } from '../../modules/tickets/index.js';
import type { Database } from './client.js';
import { InlineStatement, insertRows } from './insert.js';
import { withSystem } from './tenant.js';

describe('insertRows', () => {
  it("writes what Drizzle's builder writes, as text: columns in table order, DEFAULT, default functions, mapped values", () => {
    const at = new Date(Date.UTC(2026, 10, 23, 17, 0, 0));
    const stmt = insertRows(auditEvents, [
      { orgId: '01900000-0000-7000-8000-000000000001', entityType: "it's", entityId: '01900000-0000-7000-8000-000000000002', action: 'create', after: { a: "b'c", n: 1 } },
      { id: '01900000-0000-7000-8000-000000000003', orgId: '01900000-0000-7000-8000-000000000001', entityType: 'x', entityId: '01900000-0000-7000-8000-000000000002', action: '$1', before: null, createdAt: at },
    ]);
    expect(stmt).toBeInstanceOf(InlineStatement);
    const text = (stmt as InlineStatement).text;
    expect(text).toMatch(
      /^insert into "audit_events" \("id", "org_id", "actor_user_id", "actor_token_id", "entity_type", "entity_id", "action", "before", "after", "request_id", "created_at"\) values \('[0-9a-f-]{36}', '01900000-0000-7000-8000-000000000001', default, default, 'it''s', '01900000-0000-7000-8000-000000000002', 'create', default, '\{"a":"b''c","n":1\}', default, default\), \('01900000-0000-7000-8000-000000000003', /,
    );
    expect(text.endsWith(`'x', '01900000-0000-7000-8000-000000000002', '$1', null, default, default, '2026-11-23T17:00:00.000Z')`)).toBe(true);
  });

  it('falls back to bound parameters for a value the simple protocol cannot carry', () => {
    const stmt = insertRows(auditEvents, [{ orgId: '01900000-0000-7000-8000-000000000001', entityType: 'a\0b', entityId: '01900000-0000-7000-8000-000000000002', action: 'create' }]);
    expect(stmt).not.toBeInstanceOf(InlineStatement);
    const q = new PgDialect().sqlToQuery(stmt.getSQL());
    expect(q.sql).toMatch(/^insert into "audit_events" \(.*\) values \(\$1, \$2, default, default, \$3, \$4, \$5, default, default, default, default\)$/);
    expect(q.params).toContain('a\0b');
  });
});

describe(`insertRows against the database (${dbKind()})`, () => {
  let database: Database;
  let a: Tree;

  beforeAll(async () => {
    database = await testDatabase();
    a = await makeTree(database.db);
  });

  it('stores the same row as Drizzle, SQL-valued fields included', async () => {
    const base = {
      orgId: a.gemeindeA,
      providerId: a.provider,
      type: 'incident' as const,
      title: 'Drucker \\ "druckt" nicht; $1',
      description: "Papierstau – l'imprimante",
      status: 'new' as const,
      impact: 'medium' as const,
      urgency: 'high' as const,
      priority: 'P2' as const,
      tags: ['vor-ort', 'a"b'],
      pauses: [{ from: '2026-11-23T08:00:00.000Z', to: null }],
      responseDueAt: new Date('2026-11-24T08:00:00Z'),
      searchPublic: sql`to_tsvector('german', ${'Drucker druckt nicht'})`,
    };
    const rows = await withSystem(database.db, async (tx) => {
      await tx.execute(insertRows(tickets, [{ ...base, number: 'T-2026-900001' }]).getSQL());
      await tx.insert(tickets).values({ ...base, number: 'T-2026-900002' });
      return tx.select().from(tickets).where(eq(tickets.providerId, a.provider));
    });
    const strip = (r: (typeof rows)[number]) => ({ ...r, id: undefined, number: undefined, createdAt: undefined, updatedAt: undefined });
    const mine = rows.find((r) => r.number === 'T-2026-900001')!;
    const theirs = rows.find((r) => r.number === 'T-2026-900002')!;
    expect(strip(mine)).toEqual(strip(theirs));
    expect(mine.title).toBe(base.title);
    expect(mine.searchPublic).toBeTruthy();
  });

  it("leaves a NUL character to PostgreSQL's own refusal, as Drizzle does", async () => {
    const failure = await pgFailure(
      withSystem(database.db, (tx) =>
        tx.execute(insertRows(auditEvents, [{ orgId: a.provider, entityType: 'a\0b', entityId: a.provider, action: 'create' }]).getSQL()),
      ),
    );
    expect(failure.code).toMatch(/^22/);
  });
});
