import { permissionsOf } from '@verbund/shared';
import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { problem, TEST_SECRET, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, makeUser, TEST_PASSWORD, type Tree } from '../../../test/factories.js';
import type { Db } from '../db/client.js';
import { withSystem } from '../db/tenant.js';
import { SESSION_COOKIE } from './auth.plugin.js';
import { SESSION_CACHE_TTL_MS } from './auth.service.js';
import { apiTokens, sessions } from './auth.schema.js';
import { LIMITS } from './throttle.js';
import { csrfToken } from './tokens.js';

const loginUrl = '/api/v1/auth/login';
const orgs = '/api/v1/organisations';

let ipCounter = 0;
/** Every test logs in from its own address, so the per-IP throttle of one test never hits another. */
const freshIp = () => `10.${(process.pid >> 8) & 255}.${process.pid & 255}.${++ipCounter}`;

describe(`auth API (${dbKind()})`, () => {
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

  const login = (email: string, password: string, ip = freshIp()) =>
    t.app.inject({ method: 'POST', url: loginUrl, payload: { email, password }, remoteAddress: ip });
  const sessionOf = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  /** A request with a session cookie and exactly the headers given (no automatic CSRF header). */
  const withCookie = (session: string, opts: InjectOptions) => t.app.inject({ ...opts, cookies: { [SESSION_COOKIE]: session } });

  describe('login', () => {
    it('sets an httpOnly, SameSite=Lax session cookie and returns the memberships and a CSRF token', async () => {
      const user = await makeUser(db, a.vg, [{ role: 'member_admin', includeDescendants: true }]);
      const res = await login(user.email.toUpperCase(), TEST_PASSWORD);
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie!.value.length).toBeGreaterThanOrEqual(40);
      expect(new Date(cookie!.expires!).getTime()).toBeGreaterThan(Date.now());
      const body = res.json();
      expect(body.user).toMatchObject({ id: user.id, email: user.email, orgId: a.vg });
      expect(body.user).not.toHaveProperty('passwordHash');
      expect(body.memberships.map((m: { orgId: string }) => m.orgId).sort()).toEqual([a.vg, a.gemeindeA, a.gemeindeB].sort());
      expect(body.csrfToken).toBe(csrfToken(TEST_SECRET, cookie!.value));
      const me = await withCookie(cookie!.value, { method: 'GET', url: '/api/v1/auth/me' });
      expect(me.statusCode).toBe(200);
      expect(me.json().user.id).toBe(user.id);
    });

    it('answers 401 problem+json for a wrong password and an unknown account, with the same body', async () => {
      const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
      const wrong = await login(user.email, 'not-the-password');
      const unknown = await login(`nobody-${Date.now()}@test.verbund`, TEST_PASSWORD);
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(problem(res).title).toBe('Unauthorized');
        expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
      }
      const strip = (p: { requestId?: string }) => ({ ...p, requestId: undefined });
      expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    });

    it('answers 401 for a deactivated account even with the right password', async () => {
      const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }], { active: false });
      const res = await login(user.email, TEST_PASSWORD);
      expect(res.statusCode).toBe(401);
      expect(problem(res).detail).toBe('E-mail or password is wrong.');
    });

    it('logs in again while an old session cookie is still sent, without a CSRF token', async () => {
      const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
      const res = await t.app.inject({
        method: 'POST',
        url: loginUrl,
        payload: { email: user.email, password: TEST_PASSWORD },
        cookies: { [SESSION_COOKIE]: user.session },
        remoteAddress: freshIp(),
      });
      expect(res.statusCode).toBe(200);
      expect(sessionOf(res)).not.toBe(user.session);
    });

    it('answers 400 for a malformed login body', async () => {
      const res = await t.app.inject({ method: 'POST', url: loginUrl, payload: { email: 'x@y.de' }, remoteAddress: freshIp() });
      expect(res.statusCode).toBe(400);
      expect(problem(res).errors?.map((e) => e.field)).toContain('body/password');
    });

    it('throttles an account after 5 failures: 429 with Retry-After, even with the right password and from another address', async () => {
      const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
      for (let i = 0; i < LIMITS.account; i++) {
        expect((await login(user.email, `wrong-${i}`)).statusCode).toBe(401);
      }
      for (const res of [await login(user.email, TEST_PASSWORD), await login(user.email.toUpperCase(), TEST_PASSWORD)]) {
        expect(res.statusCode).toBe(429);
        expect(problem(res).title).toBe('Too Many Requests');
        const wait = Number(res.headers['retry-after']);
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(LIMITS.windowSeconds);
        expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
      }
    });

    it('throttles an address after its limit of failures across accounts, but not other addresses', async () => {
      const ip = freshIp();
      const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
      for (let i = 0; i < LIMITS.ip; i++) {
        expect((await login(`guess-${i}-${Date.now()}@test.verbund`, 'x', ip)).statusCode).toBe(401);
      }
      const blocked = await login(user.email, TEST_PASSWORD, ip);
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await login(user.email, TEST_PASSWORD, freshIp())).statusCode).toBe(200);
    });

    it('holds the account limit against a burst of parallel guesses', async () => {
      const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
      const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => login(user.email, `wrong-${i}`)));
      const statuses = burst.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMITS.account);
      expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
      expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(429);
    });

    it('forgets the failures of an account after a successful login', async () => {
      const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
      for (let i = 0; i < LIMITS.account - 1; i++) {
        await login(user.email, 'wrong');
      }
      expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(200);
      for (let i = 0; i < LIMITS.account - 1; i++) {
        await login(user.email, 'wrong');
      }
      expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('me and logout', () => {
    it('answers 401 without a session', async () => {
      const res = await t.as(null, { method: 'GET', url: '/api/v1/auth/me' });
      expect(res.statusCode).toBe(401);
      expect(problem(res).status).toBe(401);
    });

    it('returns the user with its memberships, roles and permissions', async () => {
      const res = await t.as(a.users.vgAdmin, { method: 'GET', url: '/api/v1/auth/me' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.user).toMatchObject({ id: a.users.vgAdmin.id, orgId: a.vg });
      expect(body.csrfToken).toBe(csrfToken(TEST_SECRET, a.users.vgAdmin.session));
      const ids = body.memberships.map((m: { orgId: string }) => m.orgId);
      expect(ids.sort()).toEqual([a.vg, a.gemeindeA, a.gemeindeB].sort());
      for (const m of body.memberships) {
        expect(m.roles).toEqual(['member_admin']);
        expect(m.permissions).toEqual([...permissionsOf(['member_admin'])].sort());
      }
    });

    it('ends the session on logout: 204, cookie cleared, the old cookie gets 401', async () => {
      const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
      const res = await login(user.email, TEST_PASSWORD);
      const session = sessionOf(res);
      const out = await withCookie(session, {
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { 'x-csrf-token': res.json().csrfToken },
      });
      expect(out.statusCode).toBe(204);
      const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cleared?.value).toBe('');
      expect((await withCookie(session, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
      expect((await withCookie(session, { method: 'GET', url: orgs })).statusCode).toBe(401);
    });

    it('answers 401 once a session has expired', async () => {
      const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
      expect((await t.as(user, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
      await withSystem(db, (tx) => tx.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.id)));
      // Changed behind the app's back, like another process would: seen once the cached session
      // of this process has run out (SESSION_CACHE_TTL_MS).
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + SESSION_CACHE_TTL_MS + 1 });
      const res = await t.as(user, { method: 'GET', url: '/api/v1/auth/me' }).finally(() => vi.useRealTimers());
      expect(res.statusCode).toBe(401);
      expect(problem(res).title).toBe('Unauthorized');
    });

    it('answers logout without a session with 204', async () => {
      expect((await t.as(null, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    });

    it('refuses a cross-site logout without the CSRF token and keeps the session', async () => {
      const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
      const res = await withCookie(user.session, { method: 'POST', url: '/api/v1/auth/logout' });
      expect(res.statusCode).toBe(403);
      expect((await withCookie(user.session, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    });
  });

  describe('CSRF', () => {
    it('refuses POST, PATCH and DELETE with a session cookie but a missing or wrong X-CSRF-Token', async () => {
      const admin = a.users.admin;
      const other = csrfToken(TEST_SECRET, a.users.agent.session);
      const requests: InjectOptions[] = [
        { method: 'POST', url: orgs, payload: { parentId: a.vg, type: 'gemeinde', name: 'CSRF' } },
        { method: 'PATCH', url: `${orgs}/${a.town}`, payload: { city: 'CSRF' } },
        { method: 'DELETE', url: `${orgs}/${a.gemeindeB}` },
      ];
      for (const r of requests) {
        for (const headers of [{}, { 'x-csrf-token': 'wrong' }, { 'x-csrf-token': other }, { 'x-csrf-token': '' }]) {
          const res = await withCookie(admin.session, { ...r, headers });
          expect(res.statusCode, `${r.method} ${JSON.stringify(headers)}`).toBe(403);
          expect(problem(res).detail).toMatch(/CSRF/);
        }
      }
      // Nothing happened.
      const town = await t.as(admin, { method: 'GET', url: `${orgs}/${a.town}` });
      expect(town.json().city).not.toBe('CSRF');
      expect((await t.as(admin, { method: 'GET', url: `${orgs}/${a.gemeindeB}` })).statusCode).toBe(200);
    });

    it('lets GET through without the header and state changes with the right one', async () => {
      expect((await withCookie(a.users.admin.session, { method: 'GET', url: orgs })).statusCode).toBe(200);
      const ok = await withCookie(a.users.admin.session, {
        method: 'PATCH',
        url: `${orgs}/${a.town}`,
        payload: { phone: '+49 1' },
        headers: { 'x-csrf-token': csrfToken(TEST_SECRET, a.users.admin.session) },
      });
      expect(ok.statusCode).toBe(200);
    });
  });

  describe('API tokens', () => {
    const tokensOf = (orgId: string) => `${orgs}/${orgId}/api-tokens`;
    const bearer = (token: string, opts: InjectOptions) =>
      t.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), authorization: `Bearer ${token}` } });
    const create = async (as: Tree['users']['admin'], orgId: string, body: Record<string, unknown>) => {
      const res = await t.as(as, { method: 'POST', url: tokensOf(orgId), payload: body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; token: string; prefix: string };
    };

    it('answers 401 on every token route without a session', async () => {
      for (const [method, path] of [
        ['GET', tokensOf(a.vg)],
        ['POST', tokensOf(a.vg)],
        ['DELETE', `/api/v1/api-tokens/${a.vg}`],
      ] as const) {
        const res = await t.as(null, { method, url: path, payload: method === 'POST' ? { name: 'x', permissions: ['organisation.read'] } : undefined });
        expect(res.statusCode, `${method} ${path}`).toBe(401);
        expect(problem(res).title).toBe('Unauthorized');
      }
    });

    it('shows the secret once; lists show only the prefix', async () => {
      const created = await create(a.users.admin, a.vg, { name: 'CI', permissions: ['organisation.read'] });
      expect(created.token).toMatch(new RegExp(`^vb_${created.prefix.replace(/[-]/g, '\\-')}_[A-Za-z0-9_-]{40,}$`));
      const list = await t.as(a.users.admin, { method: 'GET', url: tokensOf(a.vg) });
      expect(list.statusCode).toBe(200);
      const item = list.json().items.find((i: { id: string }) => i.id === created.id);
      expect(item).toMatchObject({ prefix: created.prefix, name: 'CI', permissions: ['organisation.read'], revokedAt: null });
      expect(item).not.toHaveProperty('token');
      expect(item).not.toHaveProperty('tokenHash');
      expect(list.body).not.toContain(created.token.slice(12));
    });

    it('reads within its organisation and answers 404 outside it', async () => {
      const { token } = await create(a.users.admin, a.vg, { name: 'read VG', permissions: ['organisation.read'] });
      expect((await bearer(token, { method: 'GET', url: `${orgs}/${a.vg}` })).statusCode).toBe(200);
      const list = await bearer(token, { method: 'GET', url: orgs });
      expect(list.json().items.map((o: { id: string }) => o.id)).toEqual([a.vg]);
      for (const id of [a.gemeindeA, a.town, a.provider, b.vg]) {
        const res = await bearer(token, { method: 'GET', url: `${orgs}/${id}` });
        expect(res.statusCode, id).toBe(404);
        expect(problem(res).title).toBe('Not Found');
      }
    });

    it('covers descendants when created so', async () => {
      const { token } = await create(a.users.admin, a.vg, { name: 'deep', permissions: ['organisation.read'], includeDescendants: true });
      expect((await bearer(token, { method: 'GET', url: `${orgs}/${a.gemeindeA}` })).statusCode).toBe(200);
      expect((await bearer(token, { method: 'GET', url: `${orgs}/${a.town}` })).statusCode).toBe(404);
    });

    it('cannot act beyond its permissions (403) and needs no CSRF header', async () => {
      const { token } = await create(a.users.admin, a.vg, { name: 'reader', permissions: ['organisation.read'] });
      const patch = await bearer(token, { method: 'PATCH', url: `${orgs}/${a.vg}`, payload: { city: 'Token' } });
      expect(patch.statusCode).toBe(403);
      expect(problem(patch).title).toBe('Forbidden');
      expect((await bearer(token, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
      expect((await bearer(token, { method: 'GET', url: '/api/v1/audit-events' })).statusCode).toBe(403);
      const writer = await create(a.users.admin, a.vg, { name: 'writer', permissions: ['organisation.read', 'organisation.update'] });
      const ok = await bearer(writer.token, { method: 'PATCH', url: `${orgs}/${a.vg}`, payload: { city: 'Token' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().city).toBe('Token');
    });

    it('records the token as the actor of its changes', async () => {
      const writer = await create(a.users.admin, a.town, { name: 'audited', permissions: ['organisation.read', 'organisation.update'] });
      await bearer(writer.token, { method: 'PATCH', url: `${orgs}/${a.town}`, payload: { street: 'Tokenweg 1' } });
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${a.town}&limit=1` });
      expect(audit.json().items[0]).toMatchObject({ actorTokenId: writer.id, actorUserId: a.users.admin.id, action: 'update' });
    });

    it('answers 401 for a revoked, an expired and a garbage token', async () => {
      const revoked = await create(a.users.admin, a.vg, { name: 'to revoke', permissions: ['organisation.read'] });
      expect((await bearer(revoked.token, { method: 'GET', url: orgs })).statusCode).toBe(200);
      const del = await t.as(a.users.admin, { method: 'DELETE', url: `/api/v1/api-tokens/${revoked.id}` });
      expect(del.statusCode).toBe(200);
      expect(del.json().revokedAt).not.toBeNull();
      const again = await t.as(a.users.admin, { method: 'DELETE', url: `/api/v1/api-tokens/${revoked.id}` });
      expect(again.statusCode).toBe(200);
      expect(again.json().revokedAt).toBe(del.json().revokedAt);
      const trail = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${revoked.id}` });
      expect(trail.json().items.map((e: { action: string }) => e.action)).toEqual(['revoke', 'create']);
      expect(trail.json().items[0]).toMatchObject({ entityType: 'api_token', before: { revokedAt: null }, after: { revokedAt: del.json().revokedAt } });
      // The secret part follows 'vb_' + 8-character prefix + '_' (it may itself contain '_').
      expect(JSON.stringify(trail.json())).not.toContain(revoked.token.slice(12));

      const expired = await create(a.users.admin, a.vg, { name: 'to expire', permissions: ['organisation.read'] });
      await withSystem(db, (tx) => tx.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expired.id)));

      for (const token of [revoked.token, expired.token, 'garbage', `vb_${revoked.prefix}_${'A'.repeat(43)}`, '']) {
        const res = await bearer(token, { method: 'GET', url: orgs });
        expect(res.statusCode, token).toBe(401);
        expect(problem(res).title).toBe('Unauthorized');
      }
    });

    it('does not fall back to the session cookie when the bearer token is bad', async () => {
      const res = await t.as(a.users.admin, { method: 'GET', url: orgs, headers: { authorization: 'Bearer nope' } });
      expect(res.statusCode).toBe(401);
    });

    it('refuses permissions the creator does not hold (422) and needs token.manage (403) on a visible org (else 404)', async () => {
      const tooMuch = await t.as(a.users.vgAdmin, {
        method: 'POST',
        url: tokensOf(a.vg),
        payload: { name: 'greedy', permissions: ['organisation.read', 'organisation.delete'] },
      });
      expect(tooMuch.statusCode).toBe(422);
      expect(problem(tooMuch).errors?.[0]?.field).toBe('body/permissions');
      expect((await t.as(a.users.userA, { method: 'POST', url: tokensOf(a.gemeindeA), payload: { name: 'x', permissions: ['organisation.read'] } })).statusCode).toBe(403);
      expect((await t.as(a.users.vgAdmin, { method: 'POST', url: tokensOf(a.town), payload: { name: 'x', permissions: ['organisation.read'] } })).statusCode).toBe(404);
      expect((await t.as(a.users.admin, { method: 'POST', url: tokensOf(b.vg), payload: { name: 'x', permissions: ['organisation.read'] } })).statusCode).toBe(404);
      expect((await t.as(a.users.admin, { method: 'GET', url: tokensOf(b.vg) })).statusCode).toBe(404);
      const bad = await t.as(a.users.admin, { method: 'POST', url: tokensOf(a.vg), payload: { name: '', permissions: ['root'], expiresInDays: 0 } });
      expect(bad.statusCode).toBe(400);
      expect(problem(bad).errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['body/name', 'body/expiresInDays']));
    });

    it('never reaches further than its creator: a deep token of a shallow grant sees only the creator’s organisations', async () => {
      const shallow = await makeUser(db, a.vg, [{ role: 'member_admin', includeDescendants: false }]);
      const { token } = await create(shallow, a.vg, { name: 'deep', permissions: ['organisation.read'], includeDescendants: true });
      expect((await bearer(token, { method: 'GET', url: `${orgs}/${a.vg}` })).statusCode).toBe(200);
      expect((await bearer(token, { method: 'GET', url: `${orgs}/${a.gemeindeA}` })).statusCode).toBe(404);
    });

    it('stops working when its creator is deactivated', async () => {
      const creator = await makeUser(db, a.vg, [{ role: 'member_admin', includeDescendants: true }]);
      const { token } = await create(creator, a.vg, { name: 'orphan', permissions: ['organisation.read'] });
      expect((await bearer(token, { method: 'GET', url: `${orgs}/${a.vg}` })).statusCode).toBe(200);
      const off = await t.as(a.users.admin, { method: 'PATCH', url: `/api/v1/users/${creator.id}`, payload: { active: false } });
      expect(off.statusCode).toBe(200);
      expect((await bearer(token, { method: 'GET', url: `${orgs}/${a.vg}` })).statusCode).toBe(401);
    });

    it('cannot mint further tokens, so revoking a leaked token is enough (403)', async () => {
      const manager = await create(a.users.admin, a.vg, { name: 'manager', permissions: ['organisation.read', 'token.manage'] });
      const res = await bearer(manager.token, { method: 'POST', url: tokensOf(a.vg), payload: { name: 'child', permissions: ['organisation.read'] } });
      expect(res.statusCode).toBe(403);
      expect(problem(res).title).toBe('Forbidden');
      expect((await bearer(manager.token, { method: 'GET', url: tokensOf(a.vg) })).statusCode).toBe(200);
    });

    it('revokes only visible tokens: 404 for a foreign one, 403 for a member user', async () => {
      const foreign = await create(b.users.admin, b.vg, { name: 'b', permissions: ['organisation.read'] });
      expect((await t.as(a.users.admin, { method: 'DELETE', url: `/api/v1/api-tokens/${foreign.id}` })).statusCode).toBe(404);
      const own = await create(a.users.admin, a.gemeindeA, { name: 'a', permissions: ['organisation.read'] });
      expect((await t.as(a.users.userA, { method: 'DELETE', url: `/api/v1/api-tokens/${own.id}` })).statusCode).toBe(403);
      expect((await bearer(foreign.token, { method: 'GET', url: `${orgs}/${b.vg}` })).statusCode).toBe(200);
    });
  });
});
