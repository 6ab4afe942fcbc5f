import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { userContext } from '../../platform/auth/auth.context.js';
import { withSystem, withTenant } from '../../platform/db/tenant.js';
import { createTicket, slaProfiles, tickets } from './index.js';
import { TicketsDashboardService } from './tickets.dashboard.js';

const DAY = { start: '00:00', end: '23:59' };
const ALWAYS = { '1': [DAY], '2': [DAY], '3': [DAY], '4': [DAY], '5': [DAY], '6': [DAY], '7': [DAY] };
const TARGETS = {
  P1: { responseMinutes: 30, resolutionMinutes: 240 },
  P2: { responseMinutes: 120, resolutionMinutes: 480 },
  P3: { responseMinutes: 480, resolutionMinutes: 1440 },
  P4: { responseMinutes: 960, resolutionMinutes: 2880 },
};

describe(`service desk dashboard (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  const url = '/api/v1/service-desk/dashboard';
  const now = new Date();
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

  beforeAll(async () => {
    const database = await testDatabase();
    const db = database.db;
    t = await testApp(database);
    a = await makeTree(db);
    b = await makeTree(db);
    await withSystem(db, (tx) => tx.insert(slaProfiles).values({ providerId: a.provider, name: 'Rund um die Uhr', hours: ALWAYS, targets: TARGETS, isDefault: true }));
    const agent = userContext({ userId: a.users.agent.id, sessionId: null, requestId: 'r' }, [
      { orgId: a.provider, roles: ['provider_agent'] },
      { orgId: a.gemeindeA, roles: ['provider_agent'] },
      { orgId: a.town, roles: ['provider_agent'] },
    ]);
    const make = (orgId: string, title: string, impact: 'low' | 'medium' | 'high', urgency: 'low' | 'medium' | 'high', createdAt: Date) =>
      withTenant(db, agent, (tx) => createTicket(tx, agent, { orgId, title, impact, urgency, createdAt }));
    // P1 opened three days ago, never answered: overdue.
    await make(a.gemeindeA, 'Fachverfahren Meldewesen ausgefallen', 'high', 'high', daysAgo(3));
    await make(a.gemeindeA, 'Drucker Bürgerbüro', 'medium', 'medium', daysAgo(1));
    await make(a.town, 'Neues Postfach', 'low', 'low', now);
    const solved = await make(a.town, 'Passwort zurücksetzen', 'low', 'medium', daysAgo(2));
    await withSystem(db, (tx) => tx.update(tickets).set({ status: 'resolved', resolvedAt: daysAgo(1) }).where(eq(tickets.id, solved.id)));
    const bAgent = userContext({ userId: b.users.agent.id, sessionId: null, requestId: 'r' }, [{ orgId: b.gemeindeA, roles: ['provider_agent'] }]);
    await withTenant(db, bAgent, (tx) => createTicket(tx, bAgent, { orgId: b.gemeindeA, title: 'Fremd', impact: 'high', urgency: 'high' }));
  });

  it('answers 401 without a session and 403 to members', async () => {
    expect((await t.as(null, { method: 'GET', url })).statusCode).toBe(401);
    expect((await t.as(a.users.userA, { method: 'GET', url })).statusCode).toBe(403);
    expect((await t.as(a.users.vgAdmin, { method: 'GET', url })).statusCode).toBe(403);
    expect((await t.as(a.users.finance, { method: 'GET', url })).statusCode).toBe(403);
    expect((await t.as(a.users.agent, { method: 'GET', url: `${url}?weeks=2` })).statusCode).toBe(400);
  });

  it('counts open tickets by priority and member, lists SLA risks, and created vs solved per week', async () => {
    const res = await t.as(a.users.agent, { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.openTotal).toBe(3);
    expect(d.openByPriority).toEqual([
      { priority: 'P1', count: 1 },
      { priority: 'P2', count: 0 },
      { priority: 'P3', count: 1 },
      { priority: 'P4', count: 1 },
    ]);
    expect(d.openByMember).toEqual([
      expect.objectContaining({ memberId: a.gemeindeA, total: 2, P1: 1, P3: 1 }),
      expect.objectContaining({ memberId: a.town, total: 1, P4: 1 }),
    ]);
    expect(d.slaAtRisk[0]).toMatchObject({ title: 'Fachverfahren Meldewesen ausgefallen', priority: 'P1', which: 'response', overdue: true });
    expect(d.slaAtRisk.map((r: { title: string }) => r.title)).not.toContain('Fremd');
    expect(d.createdVsSolved).toHaveLength(12);
    const totals = d.createdVsSolved.reduce((s: { c: number; r: number }, w: { created: number; solved: number }) => ({ c: s.c + w.created, r: s.r + w.solved }), { c: 0, r: 0 });
    expect(totals).toEqual({ c: 4, r: 1 });
    // Weeks start on Monday (Berlin).
    expect(new Date(`${d.createdVsSolved[11].weekStart}T12:00:00Z`).getUTCDay()).toBe(1);
  });

  it('shows another provider nothing of this one', async () => {
    const d = await new TicketsDashboardService((await testDatabase()).db).dashboard(
      userContext({ userId: b.users.agent.id, sessionId: null, requestId: 'r' }, [
        { orgId: b.provider, roles: ['provider_agent'] },
        { orgId: b.gemeindeA, roles: ['provider_agent'] },
      ]),
      { weeks: 4, riskHours: 8 },
    );
    expect(d.openTotal).toBe(1);
    expect(d.openByMember.map((m) => m.memberId)).toEqual([b.gemeindeA]);
  });
});
