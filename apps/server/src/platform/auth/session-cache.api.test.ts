import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, makeUser, type Tree } from '../../../test/factories.js';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { withSystem } from '../db/tenant.js';
import { SESSION_CACHE_TTL_MS } from './auth.service.js';
import { SessionCache, type CachedAuth } from './session-cache.js';

const someAuth = { userId: 'u' } as unknown as CachedAuth;

describe('SessionCache', () => {
  it('forgets an entry after its TTL', () => {
    const c = new SessionCache(1000);
    c.set('k', someAuth, c.generation(), 0);
    expect(c.get('k', 999)).toBe(someAuth);
    expect(c.get('k', 1000)).toBeUndefined();
  });

  it('does not store a lookup that started before a clear', () => {
    const c = new SessionCache(1000);
    const gen = c.generation();
    c.clear();
    c.set('k', someAuth, gen);
    expect(c.get('k')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const c = new SessionCache(1000, 2);
    for (const k of ['a', 'b', 'c']) {
      c.set(k, someAuth, c.generation());
    }
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([undefined, someAuth, someAuth]);
  });
});

describe(`session cache in the app (${dbKind()})`, () => {
  let t: TestApp;
  let db: Db;
  let a: Tree;
  const orgIds = async (user: Parameters<TestApp['as']>[0]) =>
    (await t.as(user, { method: 'GET', url: '/api/v1/organisations?limit=500' })).json().items.map((o: { id: string }) => o.id);

  beforeAll(async () => {
    const database = await testDatabase();
    db = database.db;
    t = await testApp(database);
    a = await makeTree(db);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses a deactivated user on its next request in the same process', async () => {
    const victim = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
    expect((await t.as(victim, { method: 'GET', url: '/api/v1/organisations' })).statusCode).toBe(200);
    const res = await t.as(a.users.vgAdmin, { method: 'PATCH', url: `/api/v1/users/${victim.id}`, payload: { active: false } });
    expect(res.statusCode).toBe(200);
    expect((await t.as(victim, { method: 'GET', url: '/api/v1/organisations' })).statusCode).toBe(401);
  });

  it('shows a new grant and a revoked one on the next request', async () => {
    const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
    expect(await orgIds(user)).toEqual([a.gemeindeA]);
    const granted = await t.as(a.users.vgAdmin, {
      method: 'POST',
      url: `/api/v1/users/${user.id}/roles`,
      payload: { orgId: a.gemeindeB, role: 'member_user' },
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect((await orgIds(user)).sort()).toEqual([a.gemeindeA, a.gemeindeB].sort());
    const grant = granted.json().roles.find((g: { orgId: string }) => g.orgId === a.gemeindeB);
    const revoked = await t.as(a.users.vgAdmin, { method: 'DELETE', url: `/api/v1/users/${user.id}/roles/${grant.id}` });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(await orgIds(user)).toEqual([a.gemeindeA]);
  });

  it('ends a session at logout at once', async () => {
    const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
    expect((await t.as(user, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await t.as(user, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await t.as(user, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('sees a change made outside this process at most SESSION_CACHE_TTL_MS later', async () => {
    const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
    expect((await t.as(user, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    // Another process (a CLI job, a second server) deactivates the account: this one does not
    // hear of it, and still serves the session until its cache entry runs out.
    await withSystem(db, (tx) => tx.update(users).set({ active: false }).where(eq(users.id, user.id)));
    expect((await t.as(user, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + SESSION_CACHE_TTL_MS + 1 });
    expect((await t.as(user, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('keeps cached sessions across a ticket write, and drops them after any other write', async () => {
    const user = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
    expect((await t.as(user, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    // Changed behind the app's back: only a cleared cache notices before the TTL.
    await withSystem(db, (tx) => tx.update(users).set({ active: false }).where(eq(users.id, user.id)));
    const ticket = await t.as(a.users.agent, { method: 'POST', url: '/api/v1/tickets', payload: { orgId: a.gemeindeA, title: 'Drucker' } });
    expect(ticket.statusCode, ticket.body).toBe(201);
    expect((await t.as(user, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const other = await t.as(a.users.agent, { method: 'POST', url: '/api/v1/tickets/not-a-route-with-sessions-unchanged' });
    expect(other.statusCode).toBe(404);
    expect((await t.as(user, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });
});
