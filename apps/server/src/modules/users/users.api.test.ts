import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, makeUser, type TestUser, type Tree } from '../../../test/factories.js';
import { uuidv7 } from '../../platform/db/columns.js';
import type { Db } from '../../platform/db/client.js';

const url = '/api/v1/users';
const missing = '01900000-0000-7000-8000-000000000000';
const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((u) => u.id);
const email = (tag: string) => `${tag}-${uuidv7().slice(-12)}@test.verbund`;

describe(`users API (${dbKind()})`, () => {
  let t: TestApp;
  let db: Db;
  let a: Tree;
  let b: Tree;

  beforeAll(async () => {
    const database = await testDatabase();
    db = database.db;
    t = await testApp(database);
    a = await makeTree(db);
    b = await makeTree(db);
  });

  const create = async (as: TestUser, body: Record<string, unknown>) => {
    const res = await t.as(as, { method: 'POST', url, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  describe('authentication', () => {
    it('answers 401 problem+json without a session', async () => {
      for (const [method, path] of [
        ['GET', url],
        ['POST', url],
        ['GET', `${url}/${a.users.userA.id}`],
        ['PATCH', `${url}/${a.users.userA.id}`],
        ['POST', `${url}/${a.users.userA.id}/roles`],
        ['DELETE', `${url}/${a.users.userA.id}/roles/${missing}`],
      ] as const) {
        const res = await t.as(null, { method, url: path, payload: method === 'POST' || method === 'PATCH' ? {} : undefined });
        expect(res.statusCode, `${method} ${path}`).toBe(401);
        expect(problem(res).title).toBe('Unauthorized');
      }
    });
  });

  describe('list', () => {
    it('shows the provider admin every user of its tree and none of another', async () => {
      const res = await t.as(a.users.admin, { method: 'GET', url: `${url}?limit=500` });
      expect(res.statusCode).toBe(200);
      const seen = ids(res);
      expect(seen).toEqual(expect.arrayContaining(Object.values(a.users).map((u) => u.id)));
      for (const u of Object.values(b.users)) {
        expect(seen).not.toContain(u.id);
      }
      expect(res.json().items[0]).not.toHaveProperty('passwordHash');
    });

    it('shows a VG member admin only the users of its VG and Gemeinden', async () => {
      const res = await t.as(a.users.vgAdmin, { method: 'GET', url: `${url}?limit=500` });
      expect(res.statusCode).toBe(200);
      const seen = ids(res);
      expect(seen).toEqual(expect.arrayContaining([a.users.vgAdmin.id, a.users.userA.id]));
      for (const u of [a.users.admin, a.users.agent, a.users.townUser, ...Object.values(b.users)]) {
        expect(seen).not.toContain(u.id);
      }
      for (const u of res.json().items) {
        expect([a.vg, a.gemeindeA, a.gemeindeB]).toContain(u.orgId);
      }
    });

    it('filters by subtree with ?within=, 404 for a foreign subtree', async () => {
      const res = await t.as(a.users.admin, { method: 'GET', url: `${url}?within=${a.vg}&limit=500` });
      expect(res.statusCode).toBe(200);
      const seen = ids(res);
      expect(seen).toEqual(expect.arrayContaining([a.users.vgAdmin.id, a.users.userA.id]));
      expect(seen).not.toContain(a.users.admin.id);
      expect(seen).not.toContain(a.users.townUser.id);
      expect((await t.as(a.users.admin, { method: 'GET', url: `${url}?within=${b.vg}` })).statusCode).toBe(404);
      expect((await t.as(a.users.vgAdmin, { method: 'GET', url: `${url}?within=${a.town}` })).statusCode).toBe(404);
    });

    it('answers 403 to a member user', async () => {
      const res = await t.as(a.users.userA, { method: 'GET', url });
      expect(res.statusCode).toBe(403);
      expect(problem(res).title).toBe('Forbidden');
    });

    it('filters by organisation (404 for a foreign one) and searches literally', async () => {
      const res = await t.as(a.users.admin, { method: 'GET', url: `${url}?orgId=${a.gemeindeA}` });
      expect(ids(res)).toContain(a.users.userA.id);
      expect(res.json().items.every((u: { orgId: string }) => u.orgId === a.gemeindeA)).toBe(true);
      expect((await t.as(a.users.admin, { method: 'GET', url: `${url}?orgId=${b.gemeindeA}` })).statusCode).toBe(404);
      expect((await t.as(a.users.vgAdmin, { method: 'GET', url: `${url}?orgId=${a.town}` })).statusCode).toBe(404);
      const byMail = await t.as(a.users.admin, { method: 'GET', url: `${url}?q=${encodeURIComponent(a.users.townUser.email)}` });
      expect(ids(byMail)).toEqual([a.users.townUser.id]);
      for (const q of ['%', '_', '\\', "'; drop table users; --"]) {
        const r = await t.as(a.users.admin, { method: 'GET', url: `${url}?q=${encodeURIComponent(q)}` });
        expect(r.statusCode, q).toBe(200);
        expect(r.json().items, q).toEqual([]);
      }
    });

    it('pages with a cursor without gaps or repeats', async () => {
      const all = ids(await t.as(a.users.admin, { method: 'GET', url: `${url}?limit=500` }));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `&cursor=${cursor}` : '';
        const res = await t.as(a.users.admin, { method: 'GET', url: `${url}?limit=3${q}` });
        expect(res.statusCode).toBe(200);
        seen.push(...ids(res));
        cursor = res.json().nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
      expect((await t.as(a.users.admin, { method: 'GET', url: `${url}?cursor=%%%` })).statusCode).toBe(400);
    });
  });

  describe('read one', () => {
    it('returns a user with its visible grants and abilities', async () => {
      const res = await t.as(a.users.vgAdmin, { method: 'GET', url: `${url}/${a.users.userA.id}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id: a.users.userA.id,
        orgId: a.gemeindeA,
        email: a.users.userA.email,
        active: true,
        roles: [{ orgId: a.gemeindeA, role: 'member_user', includeDescendants: false }],
        abilities: { update: true, grantRoles: true },
      });
      expect(res.json()).not.toHaveProperty('passwordHash');
    });

    it('answers 404 for users of another provider, another member and missing ids alike', async () => {
      const gone = await t.as(a.users.admin, { method: 'GET', url: `${url}/${missing}` });
      const cases = [
        [a.users.admin, b.users.userA],
        [a.users.vgAdmin, a.users.townUser],
        [a.users.vgAdmin, a.users.admin],
      ] as const;
      for (const [as, target] of cases) {
        const res = await t.as(as, { method: 'GET', url: `${url}/${target.id}` });
        expect(res.statusCode).toBe(404);
        expect(problem(res).detail).toBe(problem(gone).detail);
      }
      expect((await t.as(a.users.admin, { method: 'GET', url: `${url}/nope` })).statusCode).toBe(400);
    });
  });

  describe('create', () => {
    it('creates a user with a role (201) and writes audit events for both', async () => {
      const mail = email('new');
      const created = await create(a.users.vgAdmin, {
        orgId: a.gemeindeA,
        email: mail,
        name: 'Neue Kollegin',
        password: 'a-long-enough-password',
        roles: [{ orgId: a.gemeindeA, role: 'member_user' }],
      });
      expect(created).toMatchObject({ orgId: a.gemeindeA, email: mail, name: 'Neue Kollegin', active: true, locale: 'de' });
      expect(created.roles).toEqual([expect.objectContaining({ orgId: a.gemeindeA, role: 'member_user' })]);
      expect(created).not.toHaveProperty('password');
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${created.id}` });
      const actions = audit.json().items.map((e: { action: string }) => e.action).sort();
      expect(actions).toEqual(['create', 'grant']);
      for (const e of audit.json().items) {
        expect(e).toMatchObject({ actorUserId: a.users.vgAdmin.id, entityType: 'user', orgId: a.gemeindeA });
        expect(JSON.stringify(e)).not.toMatch(/password|argon2/i);
      }
      // The role takes effect: the new user logs in and sees its Gemeinde.
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: mail, password: 'a-long-enough-password' } });
      expect(login.statusCode).toBe(200);
      expect(login.json().memberships.map((m: { orgId: string }) => m.orgId)).toEqual([a.gemeindeA]);
    });

    it('answers 409 for a taken e-mail address, in this tree or another, in any case', async () => {
      for (const taken of [a.users.userA.email, a.users.userA.email.toUpperCase(), b.users.userA.email]) {
        const res = await t.as(a.users.admin, { method: 'POST', url, payload: { orgId: a.gemeindeA, email: taken, name: 'Dup' } });
        expect(res.statusCode, taken).toBe(409);
        expect(problem(res).title).toBe('Conflict');
      }
    });

    it('answers 400 with field errors for bad input', async () => {
      const res = await t.as(a.users.admin, {
        method: 'POST',
        url,
        payload: { orgId: a.gemeindeA, email: 'not-an-email', name: '', password: 'short', roles: [{ orgId: a.gemeindeA, role: 'king' }] },
      });
      expect(res.statusCode).toBe(400);
      const fields = problem(res).errors?.map((e) => e.field) ?? [];
      expect(fields).toEqual(expect.arrayContaining(['body/email', 'body/name', 'body/password', 'body/roles/0/role']));
      const extra = await t.as(a.users.admin, { method: 'POST', url, payload: { orgId: a.gemeindeA, email: email('x'), name: 'X', isAdmin: true } });
      expect(extra.statusCode).toBe(400);
      expect(problem(extra).errors?.length).toBeGreaterThan(0);
      const wrongType = await t.as(a.users.admin, { method: 'POST', url, payload: { orgId: 42, email: email('x'), name: ['X'] } });
      expect(wrongType.statusCode).toBe(400);
      expect(problem(wrongType).errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['body/orgId', 'body/name']));
    });

    it('answers 403 to a member user and 404 for an organisation outside the caller’s subtree', async () => {
      const body = (orgId: string) => ({ orgId, email: email('c'), name: 'C' });
      expect((await t.as(a.users.userA, { method: 'POST', url, payload: body(a.gemeindeA) })).statusCode).toBe(403);
      expect((await t.as(a.users.agent, { method: 'POST', url, payload: body(a.gemeindeA) })).statusCode).toBe(403);
      expect((await t.as(a.users.vgAdmin, { method: 'POST', url, payload: body(a.town) })).statusCode).toBe(404);
      expect((await t.as(a.users.admin, { method: 'POST', url, payload: body(b.gemeindeA) })).statusCode).toBe(404);
    });

    it('lets a member admin grant member roles only: provider_admin 403, the town 404, nothing half-created', async () => {
      const mail = email('grant');
      const asProvider = await t.as(a.users.vgAdmin, {
        method: 'POST',
        url,
        payload: { orgId: a.gemeindeA, email: mail, name: 'G', roles: [{ orgId: a.gemeindeA, role: 'provider_admin' }] },
      });
      expect(asProvider.statusCode).toBe(403);
      const onTown = await t.as(a.users.vgAdmin, {
        method: 'POST',
        url,
        payload: { orgId: a.gemeindeA, email: mail, name: 'G', roles: [{ orgId: a.town, role: 'member_user' }] },
      });
      expect(onTown.statusCode).toBe(404);
      // The failed requests rolled back: the address is still free.
      await create(a.users.vgAdmin, { orgId: a.gemeindeA, email: mail, name: 'G' });
    });

    it('answers 422 for a provider role on a member organisation', async () => {
      const res = await t.as(a.users.admin, {
        method: 'POST',
        url,
        payload: { orgId: a.gemeindeA, email: email('p'), name: 'P', roles: [{ orgId: a.gemeindeA, role: 'provider_agent' }] },
      });
      expect(res.statusCode).toBe(422);
      expect(problem(res).errors?.[0]?.field).toBe('body/role');
    });
  });

  describe('role grants', () => {
    it('grants and revokes a role, with audit events', async () => {
      const u = await create(a.users.admin, { orgId: a.gemeindeB, email: email('r'), name: 'R' });
      const granted = await t.as(a.users.vgAdmin, {
        method: 'POST',
        url: `${url}/${u.id}/roles`,
        payload: { orgId: a.vg, role: 'member_admin', includeDescendants: true },
      });
      expect(granted.statusCode).toBe(200);
      const grant = granted.json().roles.find((g: { role: string }) => g.role === 'member_admin');
      expect(grant).toMatchObject({ orgId: a.vg, includeDescendants: true });

      const revoked = await t.as(a.users.vgAdmin, { method: 'DELETE', url: `${url}/${u.id}/roles/${grant.id}` });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().roles).toEqual([]);
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${u.id}` });
      expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['revoke', 'grant', 'create']);
      expect(audit.json().items[0].before).toMatchObject({ id: grant.id, role: 'member_admin' });

      expect((await t.as(a.users.vgAdmin, { method: 'DELETE', url: `${url}/${u.id}/roles/${grant.id}` })).statusCode).toBe(404);
    });

    it('hides foreign grants and users (404) and refuses grants without role.grant (403)', async () => {
      const foreignGrant = (await t.as(b.users.admin, { method: 'GET', url: `${url}/${b.users.userA.id}` })).json().roles[0];
      expect((await t.as(a.users.admin, { method: 'DELETE', url: `${url}/${b.users.userA.id}/roles/${foreignGrant.id}` })).statusCode).toBe(404);
      expect((await t.as(a.users.admin, { method: 'DELETE', url: `${url}/${a.users.userA.id}/roles/${foreignGrant.id}` })).statusCode).toBe(404);
      expect(
        (await t.as(a.users.admin, { method: 'POST', url: `${url}/${b.users.userA.id}/roles`, payload: { orgId: a.gemeindeA, role: 'member_user' } })).statusCode,
      ).toBe(404);
      expect(
        (await t.as(a.users.admin, { method: 'POST', url: `${url}/${a.users.userA.id}/roles`, payload: { orgId: b.gemeindeA, role: 'member_user' } })).statusCode,
      ).toBe(404);
      expect(
        (await t.as(a.users.agent, { method: 'POST', url: `${url}/${a.users.userA.id}/roles`, payload: { orgId: a.gemeindeA, role: 'member_admin' } })).statusCode,
      ).toBe(403);
      const vgAdminGrant = (await t.as(a.users.admin, { method: 'GET', url: `${url}/${a.users.admin.id}` })).json().roles[0];
      expect((await t.as(a.users.vgAdmin, { method: 'DELETE', url: `${url}/${a.users.admin.id}/roles/${vgAdminGrant.id}` })).statusCode).toBe(404);
    });

    it('does not let a shallow grant hand out the subtree: includeDescendants needs the caller to reach every organisation below', async () => {
      const shallow = await makeUser(db, a.vg, [{ role: 'member_admin', includeDescendants: false }]);
      for (const target of [shallow, a.users.userA]) {
        const res = await t.as(shallow, {
          method: 'POST',
          url: `${url}/${target.id}/roles`,
          payload: { orgId: a.vg, role: 'member_user', includeDescendants: true },
        });
        expect(res.statusCode, target === shallow ? 'self' : 'other').toBe(target === shallow ? 403 : 404);
      }
      const onVg = await makeUser(db, a.vg, [{ role: 'member_user' }]);
      const deep = await t.as(shallow, { method: 'POST', url: `${url}/${onVg.id}/roles`, payload: { orgId: a.vg, role: 'member_admin', includeDescendants: true } });
      expect(deep.statusCode).toBe(403);
      const created = await t.as(shallow, {
        method: 'POST',
        url,
        payload: { orgId: a.vg, email: email('deep'), name: 'D', roles: [{ orgId: a.vg, role: 'member_admin', includeDescendants: true }] },
      });
      expect(created.statusCode).toBe(403);
      expect((await t.as(shallow, { method: 'GET', url: `/api/v1/organisations/${a.gemeindeA}` })).statusCode).toBe(404);
      const ok = await t.as(shallow, { method: 'POST', url: `${url}/${onVg.id}/roles`, payload: { orgId: a.vg, role: 'member_admin' } });
      expect(ok.statusCode).toBe(200);
      // With the reach, a deep grant is fine.
      const byDeep = await t.as(a.users.vgAdmin, { method: 'POST', url: `${url}/${onVg.id}/roles`, payload: { orgId: a.vg, role: 'auditor', includeDescendants: true } });
      expect(byDeep.statusCode).toBe(200);
    });

    it('does not let a shallow admin take away a deep grant either (403)', async () => {
      const shallow = await makeUser(db, a.vg, [{ role: 'member_admin', includeDescendants: false }]);
      const deep = await makeUser(db, a.vg, [{ role: 'member_admin', includeDescendants: true }]);
      const grant = (await t.as(shallow, { method: 'GET', url: `${url}/${deep.id}` })).json().roles[0];
      expect(grant).toMatchObject({ orgId: a.vg, role: 'member_admin', includeDescendants: true });
      const res = await t.as(shallow, { method: 'DELETE', url: `${url}/${deep.id}/roles/${grant.id}` });
      expect(res.statusCode).toBe(403);
      expect((await t.as(deep, { method: 'GET', url: `/api/v1/organisations/${a.gemeindeA}` })).statusCode).toBe(200);
      expect((await t.as(a.users.vgAdmin, { method: 'DELETE', url: `${url}/${deep.id}/roles/${grant.id}` })).statusCode).toBe(200);
    });

    it('refuses to let a member admin take away a provider role it could not grant (403)', async () => {
      const u = await makeUser(db, a.gemeindeA, [{ orgId: a.provider, role: 'provider_agent' }, { role: 'member_user' }]);
      const view = await t.as(a.users.admin, { method: 'GET', url: `${url}/${u.id}` });
      const agentGrant = view.json().roles.find((g: { role: string }) => g.role === 'provider_agent');
      // The member admin does not see the grant on the provider at all.
      expect((await t.as(a.users.vgAdmin, { method: 'DELETE', url: `${url}/${u.id}/roles/${agentGrant.id}` })).statusCode).toBe(404);
      const own = await t.as(a.users.vgAdmin, { method: 'GET', url: `${url}/${u.id}` });
      expect(own.json().roles.map((g: { role: string }) => g.role)).toEqual(['member_user']);
    });
  });

  describe('update', () => {
    it('changes name and locale and records before and after', async () => {
      const u = await create(a.users.admin, { orgId: a.gemeindeB, email: email('u'), name: 'Alt' });
      const res = await t.as(a.users.vgAdmin, { method: 'PATCH', url: `${url}/${u.id}`, payload: { name: 'Neu', locale: 'en' } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Neu', locale: 'en' });
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${u.id}&limit=1` });
      expect(audit.json().items[0]).toMatchObject({ action: 'update', before: { name: 'Alt', locale: 'de' }, after: { name: 'Neu', locale: 'en' } });
    });

    it('deactivates a user and ends its sessions', async () => {
      const victim = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
      expect((await t.as(victim, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
      const res = await t.as(a.users.vgAdmin, { method: 'PATCH', url: `${url}/${victim.id}`, payload: { active: false } });
      expect(res.statusCode).toBe(200);
      expect(res.json().active).toBe(false);
      expect((await t.as(victim, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
      expect((await t.as(victim, { method: 'GET', url: '/api/v1/organisations' })).statusCode).toBe(401);
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${victim.id}&limit=1` });
      expect(audit.json().items[0]).toMatchObject({ action: 'deactivate', before: { active: true }, after: { active: false } });
      const back = await t.as(a.users.vgAdmin, { method: 'PATCH', url: `${url}/${victim.id}`, payload: { active: true } });
      expect(back.json().active).toBe(true);
    });

    it('ends the sessions of a user whose password is changed', async () => {
      const victim = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
      const res = await t.as(a.users.vgAdmin, { method: 'PATCH', url: `${url}/${victim.id}`, payload: { password: 'another-long-password' } });
      expect(res.statusCode).toBe(200);
      expect((await t.as(victim, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${victim.id}&limit=1` });
      expect(audit.json().items[0].after.passwordChanged).toBe(true);
      expect(JSON.stringify(audit.json())).not.toMatch(/another-long-password|argon2/);
    });

    it('refuses a member admin any change to a user holding roles beyond its own (403): no account takeover', async () => {
      const boss = await makeUser(db, a.gemeindeA, [{ orgId: a.provider, role: 'provider_admin', includeDescendants: true }]);
      for (const payload of [{ password: 'taken-over-password' }, { email: email('takeover') }, { active: false }, { name: 'X' }]) {
        const res = await t.as(a.users.vgAdmin, { method: 'PATCH', url: `${url}/${boss.id}`, payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(403);
      }
      expect((await t.as(boss, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
      const view = await t.as(a.users.vgAdmin, { method: 'GET', url: `${url}/${boss.id}` });
      expect(view.json().abilities.update).toBe(false);
      const list = await t.as(a.users.vgAdmin, { method: 'GET', url: `${url}?orgId=${a.gemeindeA}&limit=500` });
      const abilities = Object.fromEntries(list.json().items.map((u: { id: string; abilities: { update: boolean } }) => [u.id, u.abilities.update]));
      expect(abilities[boss.id]).toBe(false);
      expect(abilities[a.users.userA.id]).toBe(true);
      // The provider admin may.
      expect((await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${boss.id}`, payload: { name: 'Chefin' } })).statusCode).toBe(200);
    });

    it('counts roles on the whole subtree: a shallow VG admin cannot change a deep one (403)', async () => {
      const shallow = await makeUser(db, a.vg, [{ role: 'member_admin', includeDescendants: false }]);
      const deep = await makeUser(db, a.vg, [{ role: 'member_admin', includeDescendants: true }]);
      const res = await t.as(shallow, { method: 'PATCH', url: `${url}/${deep.id}`, payload: { password: 'taken-over-password' } });
      expect(res.statusCode).toBe(403);
      expect((await t.as(deep, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
      const peer = await makeUser(db, a.vg, [{ role: 'member_user' }]);
      expect((await t.as(shallow, { method: 'PATCH', url: `${url}/${peer.id}`, payload: { name: 'Peer' } })).statusCode).toBe(200);
    });

    it('refuses to deactivate oneself (422)', async () => {
      const res = await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${a.users.admin.id}`, payload: { active: false } });
      expect(res.statusCode).toBe(422);
      expect(problem(res).title).toBe('Unprocessable Content');
      expect((await t.as(a.users.admin, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    });

    it('answers 404 for a foreign user, 403 without user.manage, 409 for a taken address, 400 for bad input', async () => {
      expect((await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${b.users.userA.id}`, payload: { name: 'X' } })).statusCode).toBe(404);
      expect((await t.as(a.users.vgAdmin, { method: 'PATCH', url: `${url}/${a.users.townUser.id}`, payload: { name: 'X' } })).statusCode).toBe(404);
      expect((await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${missing}`, payload: { name: 'X' } })).statusCode).toBe(404);
      expect((await t.as(a.users.agent, { method: 'PATCH', url: `${url}/${a.users.userA.id}`, payload: { name: 'X' } })).statusCode).toBe(403);
      const dup = await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${a.users.userA.id}`, payload: { email: b.users.admin.email } });
      expect(dup.statusCode).toBe(409);
      for (const payload of [{}, { email: 'nope' }, { password: 'short' }, { active: 'no' }, { orgId: a.town }]) {
        const res = await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${a.users.userA.id}`, payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(problem(res).status).toBe(400);
      }
      const still = await t.as(a.users.admin, { method: 'GET', url: `${url}/${a.users.userA.id}` });
      expect(still.json()).toMatchObject({ name: `User ${a.users.userA.email}`, email: a.users.userA.email, orgId: a.gemeindeA });
    });
  });
});
