import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';

const url = '/api/v1/organisations';

describe(`organisations API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
  });

  describe('authentication', () => {
    it('answers 401 problem+json without a session', async () => {
      for (const [method, path] of [
        ['GET', url],
        ['GET', `${url}/${a.provider}`],
        ['POST', url],
        ['PATCH', `${url}/${a.town}`],
        ['DELETE', `${url}/${a.town}`],
      ] as const) {
        const res = await t.as(null, { method, url: path, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
        expect(res.statusCode, `${method} ${path}`).toBe(401);
        expect(problem(res).title).toBe('Unauthorized');
      }
    });

    it('answers 401 for an unknown session cookie', async () => {
      const res = await t.as(null, { method: 'GET', url, cookies: { verbund_session: 'nope' } });
      expect(res.statusCode).toBe(401);
    });
  });

  describe('list', () => {
    it('shows the provider admin its whole tree and nothing of another provider', async () => {
      const res = await t.as(a.users.admin, { method: 'GET', url: `${url}?limit=500` });
      expect(res.statusCode).toBe(200);
      const ids = res.json().items.map((o: { id: string }) => o.id);
      expect(ids).toEqual(expect.arrayContaining([a.provider, a.vg, a.gemeindeA, a.gemeindeB, a.town]));
      expect(ids).not.toContain(b.provider);
      expect(ids).not.toContain(b.gemeindeA);
      expect(res.json().total).toBe(5);
    });

    it('gives every page the total of the filter, and 0 when nothing matches', async () => {
      const first = await t.as(a.users.admin, { method: 'GET', url: `${url}?limit=2` });
      expect(first.json()).toMatchObject({ total: 5 });
      const second = await t.as(a.users.admin, { method: 'GET', url: `${url}?limit=2&cursor=${first.json().nextCursor}` });
      expect(second.json().items).toHaveLength(2);
      expect(second.json().total).toBe(5);
      const none = await t.as(a.users.admin, { method: 'GET', url: `${url}?q=no-such-organisation` });
      expect(none.json()).toMatchObject({ items: [], total: 0 });
    });

    it('shows a member user only its own organisation', async () => {
      const res = await t.as(a.users.userA, { method: 'GET', url });
      expect(res.json().items.map((o: { id: string }) => o.id)).toEqual([a.gemeindeA]);
      expect(res.json().items[0].abilities).toEqual({ update: false, delete: false, createChild: false, manageUsers: false, readAudit: false });
    });

    it('shows the VG admin its VG and Gemeinden but not the town', async () => {
      const res = await t.as(a.users.vgAdmin, { method: 'GET', url });
      expect(res.json().items.map((o: { id: string }) => o.id).sort()).toEqual([a.vg, a.gemeindeA, a.gemeindeB].sort());
    });

    it('pages with a cursor without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `&cursor=${cursor}` : '';
        const res = await t.as(a.users.agent, { method: 'GET', url: `${url}?limit=2${q}` });
        expect(res.statusCode).toBe(200);
        seen.push(...res.json().items.map((o: { id: string }) => o.id));
        cursor = res.json().nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
    });

    it('filters by subtree, kind, type and search text', async () => {
      const within = await t.as(a.users.admin, { method: 'GET', url: `${url}?within=${a.vg}` });
      expect(within.json().total).toBe(3);
      // A provider's subtree is its whole tree (found by provider_id, not by walking the tree).
      const all = await t.as(a.users.admin, { method: 'GET', url: `${url}?within=${a.provider}&kind=member` });
      expect(all.json().items.map((o: { id: string }) => o.id).sort()).toEqual([a.vg, a.gemeindeA, a.gemeindeB, a.town].sort());
      expect(all.json().items.find((o: { id: string }) => o.id === a.vg).childCount).toBe(2);
      // "Gemeinde B" is found by a word inside the name, not only at its start.
      const inner = await t.as(a.users.admin, { method: 'GET', url: `${url}?within=${a.provider}&q=${encodeURIComponent('de B')}` });
      expect(inner.json().items.map((o: { id: string }) => o.id)).toEqual([a.gemeindeB]);
      const towns = await t.as(a.users.admin, { method: 'GET', url: `${url}?type=stadt` });
      expect(towns.json().items.map((o: { id: string }) => o.id)).toEqual([a.town]);
      const search = await t.as(a.users.admin, { method: 'GET', url: `${url}?q=${encodeURIComponent('Gemeinde B')}` });
      expect(search.json().items.map((o: { id: string }) => o.id)).toEqual([a.gemeindeB]);
      const wildcard = await t.as(a.users.admin, { method: 'GET', url: `${url}?q=${encodeURIComponent("%' or 1=1 --")}` });
      expect(wildcard.statusCode).toBe(200);
      expect(wildcard.json().items).toEqual([]);
    });

    it('answers 404 for a foreign subtree and 400 for a forged cursor', async () => {
      expect((await t.as(a.users.userA, { method: 'GET', url: `${url}?within=${a.town}` })).statusCode).toBe(404);
      expect((await t.as(a.users.admin, { method: 'GET', url: `${url}?within=${b.vg}` })).statusCode).toBe(404);
      const forged = await t.as(a.users.admin, { method: 'GET', url: `${url}?cursor=not-a-cursor` });
      expect(forged.statusCode).toBe(400);
      expect(problem(forged).status).toBe(400);
    });

    it('exports CSV', async () => {
      const res = await t.as(a.users.admin, { method: 'GET', url: `${url}?format=csv&within=${a.vg}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toMatch(/^id;parent_id;kind;type;name/);
      expect(lines).toHaveLength(4);
    });
  });

  describe('read one', () => {
    it('returns an own organisation with abilities', async () => {
      const res = await t.as(a.users.vgAdmin, { method: 'GET', url: `${url}/${a.gemeindeA}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: a.gemeindeA, parentId: a.vg, kind: 'member', abilities: { update: true, delete: false } });
    });

    it('answers 404 for another member and for another provider, like a missing id', async () => {
      const missing = await t.as(a.users.userA, { method: 'GET', url: `${url}/01900000-0000-7000-8000-000000000000` });
      const sibling = await t.as(a.users.userA, { method: 'GET', url: `${url}/${a.gemeindeB}` });
      const foreign = await t.as(a.users.admin, { method: 'GET', url: `${url}/${b.provider}` });
      for (const res of [missing, sibling, foreign]) {
        expect(res.statusCode).toBe(404);
        expect(problem(res).detail).toBe(problem(missing).detail);
      }
    });

    it('answers 400 for a malformed id', async () => {
      const res = await t.as(a.users.admin, { method: 'GET', url: `${url}/not-a-uuid` });
      expect(res.statusCode).toBe(400);
      expect(problem(res).errors?.[0]?.field).toBe('params/id');
    });

    it('counts children on each row', async () => {
      const res = await t.as(a.users.admin, { method: 'GET', url: `${url}?within=${a.vg}` });
      const counts = Object.fromEntries(res.json().items.map((o: { id: string; childCount: number }) => [o.id, o.childCount]));
      expect(counts[a.vg]).toBe(2);
      expect(counts[a.gemeindeA]).toBe(0);
      expect((await t.as(a.users.admin, { method: 'GET', url: `${url}/${a.vg}` })).json().childCount).toBe(2);
    });

    it('lists children', async () => {
      const res = await t.as(a.users.admin, { method: 'GET', url: `${url}/${a.vg}/children` });
      expect(res.json().items.map((o: { id: string }) => o.id).sort()).toEqual([a.gemeindeA, a.gemeindeB].sort());
      expect((await t.as(a.users.userA, { method: 'GET', url: `${url}/${a.vg}/children` })).statusCode).toBe(404);
    });
  });

  describe('create', () => {
    const body = (parentId: string) => ({ parentId, type: 'gemeinde', name: 'Gemeinde Neu', ags: '16074099', postalCode: '07768' });

    it('lets the provider admin create a member and writes an audit event', async () => {
      const res = await t.as(a.users.admin, { method: 'POST', url, payload: body(a.vg) });
      expect(res.statusCode).toBe(201);
      const created = res.json();
      expect(created).toMatchObject({ parentId: a.vg, providerId: a.provider, kind: 'member', name: 'Gemeinde Neu', abilities: { update: true } });
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${created.id}` });
      expect(audit.json().items).toHaveLength(1);
      expect(audit.json().items[0]).toMatchObject({ action: 'create', actorUserId: a.users.admin.id, entityType: 'organisation' });
    });

    it('answers 403 to a member admin (can see the parent, may not create)', async () => {
      const res = await t.as(a.users.vgAdmin, { method: 'POST', url, payload: body(a.vg) });
      expect(res.statusCode).toBe(403);
    });

    it('answers 404 for a foreign or invisible parent', async () => {
      expect((await t.as(a.users.admin, { method: 'POST', url, payload: body(b.provider) })).statusCode).toBe(404);
      expect((await t.as(a.users.userA, { method: 'POST', url, payload: body(a.town) })).statusCode).toBe(404);
    });

    it('answers 400 with field errors for bad input', async () => {
      const res = await t.as(a.users.admin, {
        method: 'POST',
        url,
        payload: { parentId: a.vg, type: 'castle', name: '', ags: '123', extra: true },
      });
      expect(res.statusCode).toBe(400);
      const fields = problem(res).errors?.map((e) => e.field) ?? [];
      expect(fields).toEqual(expect.arrayContaining(['body/type', 'body/name', 'body/ags']));
    });
  });

  describe('update and delete', () => {
    it('lets a member admin change its Gemeinde but not the town (404) and not as member user (403)', async () => {
      const ok = await t.as(a.users.vgAdmin, { method: 'PATCH', url: `${url}/${a.gemeindeB}`, payload: { phone: '+49 3641 1234' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().phone).toBe('+49 3641 1234');
      expect((await t.as(a.users.vgAdmin, { method: 'PATCH', url: `${url}/${a.town}`, payload: { phone: '1' } })).statusCode).toBe(404);
      expect((await t.as(a.users.userA, { method: 'PATCH', url: `${url}/${a.gemeindeA}`, payload: { phone: '1' } })).statusCode).toBe(403);
      expect((await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${b.town}`, payload: { phone: '1' } })).statusCode).toBe(404);
    });

    it('records before and after of a change', async () => {
      await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${a.town}`, payload: { city: 'Kahla' } });
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${a.town}` });
      const ev = audit.json().items[0];
      expect(ev.action).toBe('update');
      expect(ev.before.city).toBeNull();
      expect(ev.after.city).toBe('Kahla');
    });

    it('refuses an empty change', async () => {
      expect((await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${a.town}`, payload: {} })).statusCode).toBe(400);
    });

    it('deletes a leaf, refuses one with children (409), and hides foreign ones (404)', async () => {
      const leaf = (await t.as(a.users.admin, { method: 'POST', url, payload: { parentId: a.town, type: 'schule', name: 'Grundschule' } })).json();
      expect((await t.as(a.users.vgAdmin, { method: 'DELETE', url: `${url}/${a.gemeindeA}` })).statusCode).toBe(403);
      expect((await t.as(a.users.admin, { method: 'DELETE', url: `${url}/${a.town}` })).statusCode).toBe(409);
      expect((await t.as(a.users.admin, { method: 'DELETE', url: `${url}/${b.gemeindeA}` })).statusCode).toBe(404);
      expect((await t.as(a.users.userA, { method: 'DELETE', url: `${url}/${a.gemeindeB}` })).statusCode).toBe(404);
      const del = await t.as(a.users.admin, { method: 'DELETE', url: `${url}/${leaf.id}` });
      expect(del.statusCode).toBe(204);
      expect((await t.as(a.users.admin, { method: 'GET', url: `${url}/${leaf.id}` })).statusCode).toBe(404);
    });

    it('never deletes a provider through the API', async () => {
      expect((await t.as(a.users.admin, { method: 'DELETE', url: `${url}/${a.provider}` })).statusCode).toBe(409);
    });
  });
});
