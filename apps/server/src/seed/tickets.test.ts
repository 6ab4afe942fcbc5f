import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../test/db.js';
import { makeTree, type Tree } from '../../test/factories.js';
import type { Db } from '../platform/db/client.js';
import { withSystem } from '../platform/db/tenant.js';
import { createTicket } from '../modules/tickets/index.js';
import { seedTickets } from './tickets.js';

describe(`demo tickets (${dbKind()})`, () => {
  let db: Db;
  let a: Tree;
  const now = new Date('2026-11-22T12:00:00Z');

  beforeAll(async () => {
    db = (await testDatabase()).db;
    a = await makeTree(db);
  });

  it('shows every status whatever the seed (the demo differs per provider id)', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const t = await makeTree(db);
      await withSystem(db, (tx) => seedTickets(tx, t.provider, { now, count: 150, seed }));
      const statuses = (
        await db.execute<{ status: string }>(sql`select distinct status from tickets where provider_id = ${t.provider} order by status`)
      ).rows.map((r) => r.status);
      expect(statuses, `seed ${seed}`).toEqual(['assigned', 'closed', 'in_progress', 'new', 'resolved', 'waiting']);
    }
  });

  it('seeds profiles, categories and tickets in every status over six months, numbers continue afterwards', async () => {
    const start = Date.now();
    const n = await withSystem(db, (tx) => seedTickets(tx, a.provider, { now, count: 300 }));
    expect(Date.now() - start).toBeLessThan(15_000);
    expect(n).toBe(300);
    const rows = (
      await db.execute<{ status: string; n: number }>(sql`select status, count(*)::int as n from tickets where provider_id = ${a.provider} group by status`)
    ).rows;
    expect(rows.map((r) => r.status).sort()).toEqual(['assigned', 'closed', 'in_progress', 'new', 'resolved', 'waiting']);
    const span = (
      await db.execute<{ months: number; members: number }>(
        sql`select count(distinct date_trunc('month', created_at))::int as months, count(distinct org_id)::int as members from tickets where provider_id = ${a.provider}`,
      )
    ).rows[0]!;
    expect(span.months).toBeGreaterThanOrEqual(6);
    expect(span.members).toBe(4);
    expect(await withSystem(db, (tx) => seedTickets(tx, a.provider, { now }))).toBe(0);
    const next = await withSystem(db, (tx) => createTicket(tx, { kind: 'system', name: 'test' }, { orgId: a.town, title: 'Nach dem Seed', createdAt: now }));
    const max = (await db.execute<{ m: string }>(sql`select max(number) as m from tickets where provider_id = ${a.provider} and number like 'T-2026-%' and id <> ${next.id}`)).rows[0]!.m;
    expect(next.number > max).toBe(true);
    const found = (await db.execute<{ n: number }>(sql`select count(*)::int as n from tickets where provider_id = ${a.provider} and search_public @@ websearch_to_tsquery('german', 'Drucker')`)).rows[0]!.n;
    expect(found).toBeGreaterThan(0);
  });
});
