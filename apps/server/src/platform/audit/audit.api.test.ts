import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { encodeCursor } from '../http/pagination.js';

const url = '/api/v1/audit-events';

interface Event {
  id: string;
  orgId: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorName: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  createdAt: string;
}

describe(`audit API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  /** Request id of the PATCH that set the town's city, for the actor/request checks. */
  let patchRequestId: string;
  let newUserId: string;

  const events = async (as: Tree['users']['admin'], query: string): Promise<Event[]> => {
    const res = await t.as(as, { method: 'GET', url: `${url}?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
    // Some history in both trees.
    const patch = await t.as(a.users.admin, { method: 'PATCH', url: `/api/v1/organisations/${a.town}`, payload: { city: 'Kahla' } });
    expect(patch.statusCode).toBe(200);
    patchRequestId = String(patch.headers['x-request-id']);
    for (let i = 1; i <= 5; i++) {
      await t.as(a.users.vgAdmin, { method: 'PATCH', url: `/api/v1/organisations/${a.gemeindeA}`, payload: { phone: `+49 ${i}` } });
    }
    const created = await t.as(a.users.admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { orgId: a.gemeindeB, email: `audit-${Date.now()}@test.verbund`, name: 'Audit', password: 'secret-password-1', roles: [{ orgId: a.gemeindeB, role: 'member_user' }] },
    });
    expect(created.statusCode).toBe(201);
    newUserId = created.json().id;
    await t.as(a.users.admin, { method: 'PATCH', url: `/api/v1/users/${newUserId}`, payload: { password: 'secret-password-2' } });
    await t.as(b.users.admin, { method: 'PATCH', url: `/api/v1/organisations/${b.town}`, payload: { city: 'Fremd' } });
    await t.as(b.users.admin, { method: 'PATCH', url: `/api/v1/organisations/${b.gemeindeA}`, payload: { city: 'Fremd' } });
  });

  describe('access', () => {
    it('answers 401 without a session and 403 to a member user', async () => {
      expect(problem(await t.as(null, { method: 'GET', url })).status).toBe(401);
      const res = await t.as(a.users.userA, { method: 'GET', url });
      expect(res.statusCode).toBe(403);
      expect(problem(res).title).toBe('Forbidden');
    });

    it('answers 404 for an organisation of another tree or outside the caller’s subtree', async () => {
      for (const [as, orgId] of [
        [a.users.admin, b.provider],
        [a.users.admin, b.gemeindeA],
        [a.users.vgAdmin, a.town],
        [a.users.vgAdmin, a.provider],
      ] as const) {
        const res = await t.as(as, { method: 'GET', url: `${url}?orgId=${orgId}` });
        expect(res.statusCode, orgId).toBe(404);
        expect(problem(res).title).toBe('Not Found');
      }
    });

    it('never shows events of another tree, filtered or not', async () => {
      const treeB = new Set([b.provider, b.vg, b.gemeindeA, b.gemeindeB, b.town]);
      const all = await events(a.users.admin, 'limit=500');
      expect(all.length).toBeGreaterThan(0);
      expect(all.filter((e) => treeB.has(e.orgId) || treeB.has(e.entityId))).toEqual([]);
      expect(await events(a.users.admin, `entityId=${b.town}`)).toEqual([]);
      expect(await events(a.users.auditor, `entityId=${b.gemeindeA}&entityType=organisation`)).toEqual([]);
      expect((await events(b.users.admin, `entityId=${b.town}`)).map((e) => e.after?.city)).toEqual(['Fremd']);
    });

    it('shows a VG member admin the events of its subtree only', async () => {
      const seen = await events(a.users.vgAdmin, 'limit=500');
      expect(seen.length).toBeGreaterThan(0);
      for (const e of seen) {
        expect([a.vg, a.gemeindeA, a.gemeindeB]).toContain(e.orgId);
      }
      expect(await events(a.users.vgAdmin, `entityId=${a.town}`)).toEqual([]);
    });

    it('lets the auditor read the whole tree', async () => {
      expect((await events(a.users.auditor, `entityId=${a.town}`)).length).toBe(1);
    });
  });

  describe('filters and paging', () => {
    it('filters by entity id, entity type and organisation', async () => {
      const byEntity = await events(a.users.admin, `entityId=${a.gemeindeA}`);
      expect(byEntity).toHaveLength(5);
      expect(byEntity.every((e) => e.entityId === a.gemeindeA && e.entityType === 'organisation')).toBe(true);
      const users = await events(a.users.admin, 'entityType=user&limit=500');
      expect(users.length).toBeGreaterThanOrEqual(3);
      expect(users.every((e) => e.entityType === 'user')).toBe(true);
      const byOrg = await events(a.users.admin, `orgId=${a.gemeindeB}`);
      expect(byOrg.map((e) => e.action).sort()).toEqual(['create', 'grant', 'update']);
      expect(await events(a.users.admin, `orgId=${a.gemeindeB}&entityType=organisation`)).toEqual([]);
    });

    it('pages newest first with a cursor, without gaps or repeats', async () => {
      const all = await events(a.users.admin, `entityId=${a.gemeindeA}`);
      expect(all.map((e) => e.after?.phone)).toEqual(['+49 5', '+49 4', '+49 3', '+49 2', '+49 1']);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = cursor ? `&cursor=${cursor}` : '';
        const res = await t.as(a.users.admin, { method: 'GET', url: `${url}?entityId=${a.gemeindeA}&limit=2${q}` });
        expect(res.statusCode).toBe(200);
        seen.push(...res.json().items.map((e: Event) => e.id));
        cursor = res.json().nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(all.map((e) => e.id));
    });

    it('answers 400 for bad query parameters and forged cursors', async () => {
      for (const q of ['entityId=nope', 'orgId=1', 'limit=0', 'limit=501', 'limit=abc', 'foo=bar', 'cursor=%%%', `cursor=${encodeCursor(['not-an-id'])}`, `cursor=${encodeCursor([42])}`]) {
        const res = await t.as(a.users.admin, { method: 'GET', url: `${url}?${q}` });
        expect(res.statusCode, q).toBe(400);
        expect(problem(res).status).toBe(400);
      }
      const odd = await t.as(a.users.admin, { method: 'GET', url: `${url}?entityType=${encodeURIComponent("x' or '1'='1")}` });
      expect(odd.statusCode).toBe(200);
      expect(odd.json().items).toEqual([]);
    });
  });

  describe('content', () => {
    it('carries actor, before/after and the request id', async () => {
      const [e] = await events(a.users.admin, `entityId=${a.town}`);
      expect(e).toMatchObject({
        orgId: a.town,
        entityType: 'organisation',
        action: 'update',
        actorUserId: a.users.admin.id,
        actorTokenId: null,
        actorName: `User ${a.users.admin.email}`,
        requestId: patchRequestId,
      });
      expect(e!.before).toMatchObject({ city: null });
      expect(e!.after).toMatchObject({ city: 'Kahla' });
      expect(new Date(e!.createdAt).getTime()).toBeLessThanOrEqual(Date.now());
    });

    it('never records a password or its hash', async () => {
      const trail = await events(a.users.admin, `entityId=${newUserId}`);
      expect(trail.map((e) => e.action)).toEqual(['update', 'grant', 'create']);
      const text = JSON.stringify(trail);
      for (const secret of ['passwordHash', 'password_hash', 'secret-password', '$argon2', 'tokenHash']) {
        expect(text).not.toContain(secret);
      }
      expect(trail[0]!.after).toMatchObject({ passwordChanged: true });
    });

    it('cannot be changed through the API', async () => {
      const [e] = await events(a.users.admin, `entityId=${a.town}`);
      for (const method of ['PATCH', 'DELETE', 'PUT'] as const) {
        const res = await t.as(a.users.admin, { method, url: `${url}/${e!.id}`, payload: method === 'DELETE' ? undefined : { action: 'x' } });
        expect(res.statusCode, method).toBe(404);
        expect(problem(res).status).toBe(404);
      }
    });
  });
});
