import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, pgFailure, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { userContext } from '../../platform/auth/auth.context.js';
import type { Db } from '../../platform/db/client.js';
import { withSystem, withTenant } from '../../platform/db/tenant.js';
import { addComment, createTicket, findTicketByNumber, onTicketEvent, openOrUpdateSystemTicket, type TicketEvent } from './index.js';
import { lockTicket, moveStatus } from './tickets.core.js';
import { autoClose, slaCheck } from './tickets.jobs.js';
import { slaProfiles } from './tickets.schema.js';

const OFFICE = {
  '1': [{ start: '07:00', end: '16:00' }],
  '2': [{ start: '07:00', end: '16:00' }],
  '3': [{ start: '07:00', end: '16:00' }],
  '4': [{ start: '07:00', end: '16:00' }],
  '5': [{ start: '07:00', end: '13:00' }],
  '6': [],
  '7': [],
};
const TARGETS = {
  P1: { responseMinutes: 30, resolutionMinutes: 240 },
  P2: { responseMinutes: 120, resolutionMinutes: 480 },
  P3: { responseMinutes: 480, resolutionMinutes: 1440 },
  P4: { responseMinutes: 960, resolutionMinutes: 2880 },
};

describe(`tickets core (${dbKind()})`, () => {
  let db: Db;
  let a: Tree;
  const member = () => userContext({ userId: a.users.userA.id, sessionId: null, requestId: 'r' }, [{ orgId: a.gemeindeA, roles: ['member_user'] }]);
  const scopeOf = (ctx: ReturnType<typeof member>) => ctx;

  beforeAll(async () => {
    db = (await testDatabase()).db;
    a = await makeTree(db);
    await withSystem(db, (tx) =>
      tx.insert(slaProfiles).values({ providerId: a.provider, name: 'Standard', hours: OFFICE, targets: TARGETS, isDefault: true }),
    );
  });

  it('numbers tickets per provider and year, derives priority and due dates, emits created', async () => {
    const events: TicketEvent[] = [];
    const off = onTicketEvent((_tx, e) => {
      events.push(e);
    });
    try {
      // The agent's scope must include the member: userContext of a provider grant without descendants
      // would not, so give the member explicitly.
      const ctx = userContext({ userId: a.users.agent.id, sessionId: null, requestId: 'r' }, [
        { orgId: a.provider, roles: ['provider_agent'] },
        { orgId: a.gemeindeA, roles: ['provider_agent'] },
      ]);
      const t1 = await withTenant(db, scopeOf(ctx), (tx) =>
        createTicket(tx, ctx, { orgId: a.gemeindeA, title: 'Drucker im Bürgerbüro druckt nicht', impact: 'high', urgency: 'medium', createdAt: new Date('2026-11-12T09:00:00Z') }),
      );
      const t2 = await withTenant(db, scopeOf(ctx), (tx) => createTicket(tx, ctx, { orgId: a.gemeindeA, title: 'Zweites', createdAt: new Date('2026-11-12T09:05:00Z') }));
      expect(t1.number).toMatch(/^T-2026-\d{6}$/);
      expect(Number(t2.number.slice(-6))).toBe(Number(t1.number.slice(-6)) + 1);
      expect(t1.priority).toBe('P2');
      expect(t1.status).toBe('new');
      // Thu 12.11.2026 10:00 CET + 2 h / 8 h business time (Mo–Do 7–16, Fr 7–13).
      expect(t1.responseDueAt?.toISOString()).toBe('2026-11-12T11:00:00.000Z');
      expect(t1.resolutionDueAt?.toISOString()).toBe('2026-11-13T08:00:00.000Z');
      expect(events.map((e) => e.type)).toEqual(['created', 'created']);
      const found = await withSystem(db, (tx) => findTicketByNumber(tx, a.provider, t1.number.toLowerCase()));
      expect(found?.id).toBe(t1.id);
    } finally {
      off();
    }
  });

  it("counts the holidays of the member's Land, from its own AGS or else its nearest ancestor's", async () => {
    const t = await makeTree(db);
    await withSystem(db, async (tx) => {
      await tx.insert(slaProfiles).values({ providerId: t.provider, name: 'Standard', hours: OFFICE, targets: TARGETS, isDefault: true });
      // The VG in Bayern (München), Gemeinde A without an AGS of its own, Gemeinde B in Thüringen (Weimar).
      await tx.execute(sql`update organisations set ags = case id when ${t.vg} then '09162000' when ${t.gemeindeB} then '16055000' end where id in (${t.vg}, ${t.gemeindeA}, ${t.gemeindeB})`);
    });
    const ctx = userContext({ userId: t.users.agent.id, sessionId: null, requestId: 'r' }, [
      { orgId: t.provider, roles: ['provider_agent'] },
      { orgId: t.vg, roles: ['provider_agent'] },
      { orgId: t.gemeindeA, roles: ['provider_agent'] },
      { orgId: t.gemeindeB, roles: ['provider_agent'] },
      { orgId: t.town, roles: ['provider_agent'] },
    ]);
    // A member's own user sees neither the VG nor the provider, and its Land still counts.
    const userA = userContext({ userId: t.users.userA.id, sessionId: null, requestId: 'r' }, [{ orgId: t.gemeindeA, roles: ['member_user'] }]);
    // Wed 3.6.2026 15:00 CEST, P2: one hour that day, one on Thursday 4.6., Fronleichnam, a holiday
    // in Bayern but not in Thüringen (nor nationwide, which the town without any AGS gets).
    const open = (orgId: string) =>
      withTenant(db, ctx, (tx) => createTicket(tx, ctx, { orgId, title: 'Fronleichnam', impact: 'high', urgency: 'medium', createdAt: new Date('2026-06-03T13:00:00Z') }));
    expect((await open(t.gemeindeA)).responseDueAt?.toISOString()).toBe('2026-06-05T06:00:00.000Z');
    expect((await open(t.gemeindeB)).responseDueAt?.toISOString()).toBe('2026-06-04T06:00:00.000Z');
    expect((await open(t.town)).responseDueAt?.toISOString()).toBe('2026-06-04T06:00:00.000Z');
    const portal = await withTenant(db, userA, (tx) => createTicket(tx, userA, { orgId: t.gemeindeA, title: 'Fronleichnam', createdAt: new Date('2026-06-03T13:00:00Z') }));
    // P3 (medium × medium) response in 8 business hours: Wednesday 1, Thursday none, Friday 6, Monday 1.
    expect(portal.responseDueAt?.toISOString()).toBe('2026-06-08T06:00:00.000Z');
    // The walk past the scope answers only for a start the caller sees.
    const seen = await withTenant(db, userA, async (tx) => {
      const res = await tx.execute<{ own: string | null; other: string | null }>(sql`select verbund_ags_of(${t.gemeindeA}) as own, verbund_ags_of(${t.gemeindeB}) as other`);
      return res.rows[0];
    });
    expect(seen).toEqual({ own: '09162000', other: null });
    // So does the member's brief for opening a ticket (0039): nothing for a member outside the scope.
    const briefs = await withTenant(db, userA, async (tx) => {
      const own = await tx.execute<{ kind: string; ags: string | null }>(sql`select kind, ags from verbund_org_brief(${t.gemeindeA})`);
      const other = await tx.execute(sql`select * from verbund_org_brief(${t.gemeindeB})`);
      return { own: own.rows, other: other.rows.length };
    });
    expect(briefs).toEqual({ own: [{ kind: 'member', ags: '09162000' }], other: 0 });
  });

  it("takes a caller's own name and address from its session when it opens a ticket for itself", async () => {
    const person = { name: 'Name aus der Sitzung', email: 'sitzung@example.org', locale: 'en' };
    const ctx = userContext({ userId: a.users.userA.id, sessionId: null, requestId: 'r', person }, [{ orgId: a.gemeindeA, roles: ['member_user'] }]);
    const own = await withTenant(db, ctx, (tx) => createTicket(tx, ctx, { orgId: a.gemeindeA, title: 'Für mich selbst' }));
    expect({ name: own.requesterName, email: own.requesterEmail }).toEqual({ name: person.name, email: person.email });
    // Without a session (API token, tests) the users row answers.
    const plain = userContext({ userId: a.users.userA.id, sessionId: null, requestId: 'r' }, [{ orgId: a.gemeindeA, roles: ['member_user'] }]);
    const read = await withTenant(db, plain, (tx) => createTicket(tx, plain, { orgId: a.gemeindeA, title: 'Aus der Tabelle' }));
    expect(read.requesterName).not.toBe(person.name);
    expect(read.requesterName).toBeTruthy();
  });

  it('answers a create with the ids as stored, whatever their case in the request', async () => {
    const ctx = userContext({ userId: a.users.agent.id, sessionId: null, requestId: 'r' }, [
      { orgId: a.provider, roles: ['provider_agent'] },
      { orgId: a.gemeindeA, roles: ['provider_agent'] },
    ]);
    const t = await withTenant(db, ctx, (tx) =>
      createTicket(tx, ctx, { orgId: a.gemeindeA, title: 'Großbuchstaben', assigneeId: a.users.agent.id.toUpperCase(), watcherIds: [a.users.userA.id.toUpperCase()] }),
    );
    expect([t.assigneeId, t.watcherIds]).toEqual([a.users.agent.id, [a.users.userA.id]]);
    const stored = await withSystem(db, (tx) => findTicketByNumber(tx, a.provider, t.number));
    expect([stored?.assigneeId, stored?.watcherIds]).toEqual([t.assigneeId, t.watcherIds]);
  });

  it('draws numbers without a lock: a rolled-back create leaves a gap, a raise moves the numbering on', async () => {
    const t = await makeTree(db);
    const ctx = userContext({ userId: t.users.agent.id, sessionId: null, requestId: 'r' }, [
      { orgId: t.provider, roles: ['provider_agent'] },
      { orgId: t.town, roles: ['provider_agent'] },
    ]);
    const open = (title: string) => withTenant(db, ctx, (tx) => createTicket(tx, ctx, { orgId: t.town, title, createdAt: new Date('2026-05-04T09:00:00Z') }));
    const seq = (n: string) => Number(n.slice(-6));
    expect((await open('Erstes')).number).toBe('T-2026-000001');
    await expect(
      withTenant(db, ctx, async (tx) => {
        await createTicket(tx, ctx, { orgId: t.town, title: 'Zurückgerollt', createdAt: new Date('2026-05-04T09:00:00Z') });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(seq((await open('Nach dem Abbruch')).number)).toBe(3);
    // An import wrote tickets up to 500 itself: the next drawn number is above it, never below.
    await withSystem(db, (tx) => tx.execute(sql`select verbund_raise_ticket_seq(${t.provider}::uuid, 2026, 500)`));
    expect(seq((await open('Nach dem Import')).number)).toBe(501);
    await withSystem(db, (tx) => tx.execute(sql`select verbund_raise_ticket_seq(${t.provider}::uuid, 2026, 10)`));
    expect(seq((await open('Nicht zurück')).number)).toBe(502);
    // Another year starts at 1; the request role cannot raise numbers.
    const next = await withTenant(db, ctx, (tx) => createTicket(tx, ctx, { orgId: t.town, title: 'Neujahr', createdAt: new Date('2027-01-04T09:00:00Z') }));
    expect(next.number).toBe('T-2027-000001');
    const denied = await pgFailure(withTenant(db, ctx, (tx) => tx.execute(sql`select verbund_raise_ticket_seq(${t.provider}::uuid, 2026, 9000)`)));
    expect(denied.code).toBe('42501');
  });

  it('a member opens a ticket, may not set agent fields, and its reply resumes a waiting ticket', async () => {
    const m = member();
    await expect(withTenant(db, m, (tx) => createTicket(tx, m, { orgId: a.gemeindeA, title: 'x', assigneeId: a.users.agent.id }))).rejects.toMatchObject({ status: 403 });
    await expect(withTenant(db, m, (tx) => createTicket(tx, m, { orgId: a.gemeindeB, title: 'x' }))).rejects.toMatchObject({ status: 404 });
    const t = await withTenant(db, m, (tx) => createTicket(tx, m, { orgId: a.gemeindeA, title: 'Kein Zugang zum Fachverfahren' }));
    expect(t.requesterUserId).toBe(a.users.userA.id);
    expect(t.channel).toBe('portal');
    const events: TicketEvent[] = [];
    const off = onTicketEvent((_tx, e) => {
      events.push(e);
    });
    try {
      await withSystem(db, async (tx) => {
        const locked = await moveStatus(tx, { kind: 'system', name: 'test' }, t, 'waiting');
        expect(locked.pauses).toHaveLength(1);
      });
      const { ticket } = await withTenant(db, m, (tx) => addComment(tx, m, t.id, { body: 'Hier die Angaben', visibility: 'public' }));
      expect(ticket.status).toBe('in_progress');
      expect(ticket.pauses[0]?.to).not.toBeNull();
      expect(ticket.firstResponseAt).toBeNull();
      await expect(withTenant(db, m, (tx) => addComment(tx, m, t.id, { body: 'intern?', visibility: 'internal' }))).rejects.toMatchObject({ status: 403 });
      expect(events.map((e) => e.type)).toEqual(['status_changed', 'commented', 'status_changed']);
      const c = events[1] as Extract<TicketEvent, { type: 'commented' }>;
      expect(c.comment).toMatchObject({ visibility: 'public', fromProvider: false });
    } finally {
      off();
    }
  });

  it('keeps one open system ticket per key and comments on it until it is resolved', async () => {
    const input = { providerId: a.provider, memberId: a.town, dedupeKey: 'backup:job:1', title: 'Sicherung fehlgeschlagen', body: 'Lauf 1 fehlgeschlagen' };
    const first = await withSystem(db, (tx) => openOrUpdateSystemTicket(tx, input));
    const again = await withSystem(db, (tx) => openOrUpdateSystemTicket(tx, { ...input, body: 'Lauf 2 fehlgeschlagen' }));
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.ticket.id).toBe(first.ticket.id);
    await withSystem(db, (tx) => moveStatus(tx, { kind: 'system', name: 'test' }, again.ticket, 'resolved'));
    const third = await withSystem(db, (tx) => openOrUpdateSystemTicket(tx, { ...input, body: 'Lauf 3' }));
    expect(third.created).toBe(true);
    expect(third.ticket.id).not.toBe(first.ticket.id);
    await expect(withSystem(db, (tx) => openOrUpdateSystemTicket(tx, { ...input, providerId: a.gemeindeA }))).rejects.toMatchObject({ status: 404 });
  });

  it('auto-closes resolved tickets after the provider delay (default 7 days) and warns once before a due date', async () => {
    const sys = { kind: 'system' as const, name: 'test' };
    const opened = new Date('2026-11-12T09:00:00Z');
    const t = await withSystem(db, (tx) => createTicket(tx, sys, { orgId: a.gemeindeB, title: 'Auto-Close', createdAt: opened }));
    await withSystem(db, async (tx) => moveStatus(tx, sys, await lockTicket(tx, t.id), 'resolved', { at: new Date('2026-11-13T10:00:00Z') }));
    // Checked by the ticket's own status: the returned numbers repeat across providers.
    await autoClose(db, new Date('2026-11-19T10:00:00Z'));
    expect((await withSystem(db, (tx) => lockTicket(tx, t.id))).status).toBe('resolved');
    expect(await autoClose(db, new Date('2026-11-20T10:01:00Z'))).toContain(t.number);
    const closed = await withSystem(db, (tx) => lockTicket(tx, t.id));
    expect(closed.status).toBe('closed');

    // By id: numbers repeat across providers, and other files' providers share the PostgreSQL database.
    // P3: response due Thu 12.11. 10:00 + 8 h business → Fri 13.11. 09:00 CET; warning window 60 min.
    const w = await withSystem(db, (tx) => createTicket(tx, sys, { orgId: a.gemeindeB, title: 'Warnung', createdAt: opened }));
    expect(w.responseDueAt?.toISOString()).toBe('2026-11-13T08:00:00.000Z');
    const events: TicketEvent[] = [];
    const off = onTicketEvent((_tx, e) => {
      events.push(e);
    });
    try {
      // Thu 15:00 CET: 1 h left on Thursday + 2 h on Friday → no warning yet.
      expect((await slaCheck(db, new Date('2026-11-12T14:00:00Z'))).filter((x) => x.id === w.id)).toEqual([]);
      // Fri 08:30 CET: 30 business minutes left → one response warning, not repeated.
      expect((await slaCheck(db, new Date('2026-11-13T07:30:00Z'))).filter((x) => x.id === w.id)).toEqual([{ id: w.id, number: w.number, which: 'response' }]);
      expect((await slaCheck(db, new Date('2026-11-13T07:40:00Z'))).filter((x) => x.id === w.id)).toEqual([]);
      expect(events.filter((e) => e.type === 'sla_warning' && e.ticket.id === w.id)).toHaveLength(1);
    } finally {
      off();
    }
  });
});
