import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';

describe(`partners API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  let c: Tree;
  const url = '/api/v1/partners';
  const nameOf = async (tree: Tree) => (await t.as(tree.users.admin, { method: 'GET', url: `/api/v1/organisations/${tree.provider}` })).json().name as string;

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
    c = await makeTree(database.db);
  });

  it('answers 401 without a session', async () => {
    expect((await t.as(null, { method: 'GET', url })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'POST', url, payload: {} })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'DELETE', url: `${url}/01900000-0000-7000-8000-000000000000` })).statusCode).toBe(401);
  });

  it('links two providers; both sides see the link and the partner name, nothing of the partner tree', async () => {
    const res = await t.as(a.users.admin, { method: 'POST', url, payload: { partnerProviderId: b.provider, description: 'Gegenseitige Datensicherung, Ausweich-RZ' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ providerId: a.provider, partnerProviderId: b.provider, partnerName: await nameOf(b), abilities: { delete: true } });

    const seenByB = await t.as(b.users.agent, { method: 'GET', url });
    expect(seenByB.json().items).toEqual([
      expect.objectContaining({ providerId: b.provider, partnerProviderId: a.provider, partnerName: await nameOf(a), description: 'Gegenseitige Datensicherung, Ausweich-RZ', abilities: { delete: false } }),
    ]);

    // Isolation: the partner sees no organisation, member, user, agreement or document of the other tree.
    const orgs = await t.as(b.users.admin, { method: 'GET', url: '/api/v1/organisations?limit=500' });
    const ids = orgs.json().items.map((o: { id: string }) => o.id);
    for (const id of [a.provider, a.vg, a.gemeindeA, a.gemeindeB, a.town]) {
      expect(ids).not.toContain(id);
      expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/organisations/${id}` })).statusCode).toBe(404);
    }
    expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/organisations/${a.gemeindeA}/agreements` })).statusCode).toBe(404);
    expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/organisations/${a.gemeindeA}/documents` })).statusCode).toBe(404);
    expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/organisations/${a.gemeindeA}/onboarding` })).statusCode).toBe(404);
    expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/users/${a.users.userA.id}` })).statusCode).toBe(404);
    const users = await t.as(b.users.admin, { method: 'GET', url: '/api/v1/users?limit=500' });
    expect(users.json().items.map((u: { orgId: string }) => u.orgId)).not.toContain(a.provider);
    // A third provider sees nothing of the partnership.
    expect((await t.as(c.users.admin, { method: 'GET', url })).json().items).toEqual([]);
  });

  it('refuses member roles (403), self links (422), unknown partners (404), duplicates (409), bad input (400)', async () => {
    expect((await t.as(a.users.vgAdmin, { method: 'GET', url })).statusCode).toBe(403);
    expect((await t.as(a.users.vgAdmin, { method: 'POST', url, payload: { partnerProviderId: c.provider, description: 'x' } })).statusCode).toBe(403);
    expect((await t.as(a.users.agent, { method: 'POST', url, payload: { partnerProviderId: c.provider, description: 'x' } })).statusCode).toBe(403);
    expect((await t.as(a.users.admin, { method: 'POST', url, payload: { partnerProviderId: a.provider, description: 'x' } })).statusCode).toBe(422);
    expect((await t.as(a.users.admin, { method: 'POST', url, payload: { partnerProviderId: c.gemeindeA, description: 'x' } })).statusCode).toBe(404);
    expect((await t.as(a.users.admin, { method: 'POST', url, payload: { partnerProviderId: '01900000-0000-7000-8000-000000000000', description: 'x' } })).statusCode).toBe(404);
    expect((await t.as(b.users.admin, { method: 'POST', url, payload: { partnerProviderId: a.provider, description: 'x' } })).statusCode).toBe(409);
    expect((await t.as(a.users.admin, { method: 'POST', url, payload: { partnerProviderId: 'nope', description: '' } })).statusCode).toBe(400);
  });

  it('ends a partnership for both sides; only an admin of either side may', async () => {
    const link = (await t.as(a.users.admin, { method: 'POST', url, payload: { partnerProviderId: c.provider, description: 'Backup-Standort' } })).json();
    const cSide = (await t.as(c.users.admin, { method: 'GET', url })).json().items[0];
    expect((await t.as(c.users.agent, { method: 'DELETE', url: `${url}/${cSide.id}` })).statusCode).toBe(403);
    expect((await t.as(b.users.admin, { method: 'DELETE', url: `${url}/${link.id}` })).statusCode).toBe(404);
    expect((await t.as(c.users.admin, { method: 'DELETE', url: `${url}/${cSide.id}` })).statusCode).toBe(204);
    expect((await t.as(c.users.admin, { method: 'GET', url })).json().items).toEqual([]);
    expect((await t.as(a.users.admin, { method: 'GET', url })).json().items.map((x: { partnerProviderId: string }) => x.partnerProviderId)).toEqual([b.provider]);
    const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${link.id}` });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['delete', 'create']);
  });
});
