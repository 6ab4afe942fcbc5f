import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';

describe(`onboarding API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  const tpl = '/api/v1/onboarding/template';
  const of = (orgId: string) => `/api/v1/organisations/${orgId}/onboarding`;

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
  });

  it('answers 401 without a session', async () => {
    for (const [method, url] of [
      ['GET', tpl],
      ['PUT', tpl],
      ['GET', of(a.town)],
      ['POST', of(a.town)],
      ['PATCH', `${of(a.town)}/tasks/01900000-0000-7000-8000-000000000000`],
    ] as const) {
      expect((await t.as(null, { method, url, payload: method === 'GET' ? undefined : {} })).statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('shows the default template until the provider saves its own; only managers may save', async () => {
    const def = await t.as(a.users.finance, { method: 'GET', url: tpl });
    expect(def.statusCode).toBe(200);
    expect(def.json()).toMatchObject({ providerId: a.provider, isDefault: true });
    expect(def.json().tasks.map((x: { title: string }) => x.title)).toContain('Firewall migriert');
    const tasks = [
      { title: 'Zweckvereinbarung unterzeichnet', dueAfterDays: 0 },
      { title: 'Firewall migriert', dueAfterDays: 30 },
      { title: 'Datensicherung eingerichtet', dueAfterDays: 45 },
      { title: 'Schulung durchgeführt' },
    ];
    expect((await t.as(a.users.finance, { method: 'PUT', url: tpl, payload: { tasks } })).statusCode).toBe(403);
    expect((await t.as(a.users.admin, { method: 'PUT', url: tpl, payload: { tasks: [] } })).statusCode).toBe(400);
    expect((await t.as(a.users.admin, { method: 'PUT', url: tpl, payload: { tasks: [{ title: '' }] } })).statusCode).toBe(400);
    const saved = await t.as(a.users.agent, { method: 'PUT', url: tpl, payload: { tasks } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ isDefault: false, tasks: [{ title: 'Zweckvereinbarung unterzeichnet', dueAfterDays: 0 }, {}, {}, { dueAfterDays: null }] });
    expect((await t.as(a.users.admin, { method: 'GET', url: tpl })).json().isDefault).toBe(false);
    // The other provider still has its default; a foreign provider id is 404.
    expect((await t.as(b.users.admin, { method: 'GET', url: tpl })).json().isDefault).toBe(true);
    expect((await t.as(b.users.admin, { method: 'GET', url: `${tpl}?providerId=${a.provider}` })).statusCode).toBe(404);
    // A member user works for no provider.
    expect((await t.as(a.users.userA, { method: 'GET', url: tpl })).statusCode).toBe(404);
  });

  it('starts an onboarding from the template, tracks tasks and progress, completes', async () => {
    expect((await t.as(a.users.admin, { method: 'GET', url: of(a.gemeindeA) })).statusCode).toBe(404);
    const started = await t.as(a.users.agent, { method: 'POST', url: of(a.gemeindeA), payload: { startedAt: '2026-01-05' } });
    expect(started.statusCode, started.body).toBe(201);
    const o = started.json();
    expect(o).toMatchObject({ orgId: a.gemeindeA, startedAt: '2026-01-05', completedAt: null, progressPercent: 0, counts: { total: 4, open: 4 } });
    expect(o.tasks.map((x: { dueDate: string | null }) => x.dueDate)).toEqual(['2026-01-05', '2026-02-04', '2026-02-19', null]);
    expect((await t.as(a.users.agent, { method: 'POST', url: of(a.gemeindeA), payload: {} })).statusCode).toBe(409);

    const patch = (tid: string, payload: object, user = a.users.agent) => t.as(user, { method: 'PATCH', url: `${of(a.gemeindeA)}/tasks/${tid}`, payload });
    const [t1, t2, t3, t4] = o.tasks.map((x: { id: string }) => x.id) as string[];
    const owned = await patch(t1!, { status: 'done', ownerUserId: a.users.agent.id });
    expect(owned.json().progressPercent).toBe(25);
    expect(owned.json().tasks[0]).toMatchObject({ status: 'done', ownerUserId: a.users.agent.id, ownerName: expect.stringContaining('User') });
    expect(owned.json().tasks[0].doneAt).not.toBeNull();
    expect((await patch(t2!, { ownerUserId: b.users.agent.id })).statusCode).toBe(422);
    expect((await patch(t2!, { status: 'finished' })).statusCode).toBe(400);
    expect((await patch(t2!, { status: 'done' }, a.users.userA)).statusCode).toBe(403);
    expect((await patch(t2!, { status: 'done' }, a.users.finance)).statusCode).toBe(403);
    expect((await patch(t2!, { status: 'done' }, b.users.admin)).statusCode).toBe(404);
    expect((await t.as(a.users.agent, { method: 'PATCH', url: `${of(a.gemeindeB)}/tasks/${t2}`, payload: { status: 'done' } })).statusCode).toBe(404);

    await patch(t2!, { status: 'done', notes: 'Sophos XGS übernommen' });
    await patch(t3!, { status: 'not_applicable' });
    const last = await patch(t4!, { status: 'done', dueDate: '2026-03-01' });
    expect(last.json()).toMatchObject({ progressPercent: 100, counts: { open: 0, done: 3, notApplicable: 1 } });
    expect(last.json().completedAt).not.toBeNull();
    const reopened = await patch(t4!, { status: 'open' });
    expect(reopened.json()).toMatchObject({ completedAt: null, progressPercent: 75 });

    // Members read their own progress, nothing of others.
    expect((await t.as(a.users.userA, { method: 'GET', url: of(a.gemeindeA) })).json().abilities).toEqual({ manage: false });
    expect((await t.as(a.users.userA, { method: 'GET', url: of(a.gemeindeB) })).statusCode).toBe(404);
    expect((await t.as(b.users.admin, { method: 'GET', url: of(a.gemeindeA) })).statusCode).toBe(404);
    const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${t4}` });
    expect(audit.json().items[0]).toMatchObject({ entityType: 'onboarding_task', action: 'update' });
  });

  it('lists running onboardings with progress across the caller’s organisations only', async () => {
    const all = await t.as(a.users.finance, { method: 'GET', url: '/api/v1/onboardings' });
    expect(all.statusCode).toBe(200);
    const mine = all.json().items.find((o: { orgId: string }) => o.orgId === a.gemeindeA);
    expect(mine).toMatchObject({ progressPercent: 75, counts: { total: 4, open: 1 }, nextDue: '2026-03-01', completedAt: null });
    expect(mine.orgName).toMatch(/^Gemeinde A/);
    expect((await t.as(b.users.admin, { method: 'GET', url: '/api/v1/onboardings?state=all' })).json().items).toEqual([]);
    expect((await t.as(a.users.userA, { method: 'GET', url: '/api/v1/onboardings' })).json().items.map((o: { orgId: string }) => o.orgId)).toEqual([a.gemeindeA]);
    expect((await t.as(a.users.townUser, { method: 'GET', url: '/api/v1/onboardings' })).json().items).toEqual([]);
    expect((await t.as(a.users.admin, { method: 'GET', url: '/api/v1/onboardings?state=done' })).statusCode).toBe(400);
    expect((await t.as(null, { method: 'GET', url: '/api/v1/onboardings' })).statusCode).toBe(401);
  });

  it('refuses to start for readers (403), foreign members (404), the provider itself (422)', async () => {
    expect((await t.as(a.users.userA, { method: 'POST', url: of(a.gemeindeA), payload: {} })).statusCode).toBe(403);
    expect((await t.as(a.users.vgAdmin, { method: 'POST', url: of(a.gemeindeB), payload: {} })).statusCode).toBe(403);
    expect((await t.as(a.users.admin, { method: 'POST', url: of(b.town), payload: {} })).statusCode).toBe(404);
    const own = await t.as(a.users.admin, { method: 'POST', url: of(a.provider), payload: {} });
    expect(own.statusCode).toBe(422);
    expect(problem(own).status).toBe(422);
    expect((await t.as(a.users.admin, { method: 'POST', url: of(a.town), payload: { startedAt: '2026-02-30' } })).statusCode).toBe(400);
  });
});
