import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { Database } from '../../platform/db/client.js';
import { defaultLeitwegIds } from './index.js';
import { makeLeitwegId } from './leitweg-id.js';

const ids = (org: string) => `/api/v1/organisations/${org}/leitweg-ids`;
type L = { id: string; leitwegId: string; isDefault: boolean; purpose: string | null };

describe(`Leitweg-IDs API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  let database: Database;

  beforeAll(async () => {
    database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
  });

  const list = async (org: string) => (await t.as(a.users.admin, { method: 'GET', url: ids(org) })).json().items as L[];

  it('answers 401 without a session', async () => {
    for (const [method, url] of [
      ['GET', ids(a.town)],
      ['POST', ids(a.town)],
      ['PATCH', `${ids(a.town)}/01900000-0000-7000-8000-000000000000`],
      ['DELETE', `${ids(a.town)}/01900000-0000-7000-8000-000000000000`],
    ] as const) {
      expect((await t.as(null, { method, url, payload: method === 'POST' || method === 'PATCH' ? {} : undefined })).statusCode).toBe(401);
    }
  });

  it('adds Leitweg-IDs; the first is the default, a new default takes the flag', async () => {
    const first = await t.as(a.users.admin, { method: 'POST', url: ids(a.town), payload: { leitwegId: '16068058-0001-73', purpose: 'Kämmerei' } });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ leitwegId: '16068058-0001-73', isDefault: true, purpose: 'Kämmerei' });
    const second = await t.as(a.users.finance, { method: 'POST', url: ids(a.town), payload: { leitwegId: makeLeitwegId('16068058', 'SCHULE1'), purpose: 'Schulen' } });
    expect(second.json().isDefault).toBe(false);
    const third = await t.as(a.users.admin, { method: 'POST', url: ids(a.town), payload: { leitwegId: makeLeitwegId('16068058', 'BAUHOF').toLowerCase(), isDefault: true } });
    expect(third.statusCode).toBe(201);
    expect(third.json().leitwegId).toBe(makeLeitwegId('16068058', 'BAUHOF'));
    const all = await list(a.town);
    expect(all.filter((l) => l.isDefault).map((l) => l.id)).toEqual([third.json().id]);
  });

  it('rejects an invalid Leitweg-ID with 422 saying which part is wrong, in German and English', async () => {
    const res = await t.as(a.users.admin, { method: 'POST', url: ids(a.town), payload: { leitwegId: '16068058-0001-72' } });
    expect(res.statusCode).toBe(422);
    const p = problem(res) as ReturnType<typeof problem> & { leitwegIdError: { part: string; de: string; en: string } };
    expect(p.detail).toContain('Prüfziffer „72“ stimmt nicht');
    expect(p.detail).toContain('check digits "72" are wrong');
    expect(p.errors).toEqual([{ field: 'body/leitwegId', message: expect.stringContaining('„73“') }]);
    expect(p.leitwegIdError.part).toBe('pruefziffer');
    const land = await t.as(a.users.admin, { method: 'POST', url: ids(a.town), payload: { leitwegId: makeLeitwegId('17068058') } });
    expect((problem(land) as unknown as { leitwegIdError: { part: string } }).leitwegIdError.part).toBe('land');
    expect((await t.as(a.users.admin, { method: 'POST', url: ids(a.town), payload: { leitwegId: '' } })).statusCode).toBe(400);
  });

  it('keeps a Leitweg-ID unique per provider (409), but another provider may use it', async () => {
    const dup = await t.as(a.users.admin, { method: 'POST', url: ids(a.gemeindeA), payload: { leitwegId: '16068058-0001-73' } });
    expect(dup.statusCode).toBe(409);
    expect(problem(dup).detail).toContain('16068058-0001-73');
    const other = await t.as(b.users.admin, { method: 'POST', url: ids(b.town), payload: { leitwegId: '16068058-0001-73' } });
    expect(other.statusCode).toBe(201);
  });

  it('moves the default by PATCH and hands it on when the default is deleted', async () => {
    const all = await list(a.town);
    const target = all.find((l) => !l.isDefault)!;
    const res = await t.as(a.users.admin, { method: 'PATCH', url: `${ids(a.town)}/${target.id}`, payload: { isDefault: true, purpose: 'Neu' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isDefault: true, purpose: 'Neu' });
    expect((await list(a.town)).filter((l) => l.isDefault).map((l) => l.id)).toEqual([target.id]);
    // Unsetting the default is not a thing: make another one the default instead.
    expect((await t.as(a.users.admin, { method: 'PATCH', url: `${ids(a.town)}/${target.id}`, payload: { isDefault: false } })).statusCode).toBe(400);
    expect((await t.as(a.users.admin, { method: 'DELETE', url: `${ids(a.town)}/${target.id}` })).statusCode).toBe(204);
    const rest = await list(a.town);
    expect(rest).toHaveLength(2);
    expect(rest.filter((l) => l.isDefault)).toHaveLength(1);
    expect(rest[0]!.isDefault).toBe(true);
  });

  it('checks permissions: member user reads (403 on write), VG admin manages its Gemeinden, foreign is 404', async () => {
    expect((await t.as(a.users.userA, { method: 'GET', url: ids(a.gemeindeA) })).statusCode).toBe(200);
    expect((await t.as(a.users.userA, { method: 'POST', url: ids(a.gemeindeA), payload: { leitwegId: makeLeitwegId('16074002') } })).statusCode).toBe(403);
    const vg = await t.as(a.users.vgAdmin, { method: 'POST', url: ids(a.gemeindeB), payload: { leitwegId: makeLeitwegId('16074008') } });
    expect(vg.statusCode).toBe(201);
    expect((await t.as(a.users.vgAdmin, { method: 'GET', url: ids(a.town) })).statusCode).toBe(404);
    expect((await t.as(a.users.admin, { method: 'GET', url: ids(b.town) })).statusCode).toBe(404);
    const foreignRow = (await t.as(b.users.admin, { method: 'GET', url: ids(b.town) })).json().items[0].id;
    // Another provider's row under our own member's URL is as missing as a random id.
    expect((await t.as(a.users.admin, { method: 'PATCH', url: `${ids(a.town)}/${foreignRow}`, payload: { purpose: 'x' } })).statusCode).toBe(404);
    expect((await t.as(a.users.admin, { method: 'DELETE', url: `${ids(b.town)}/${foreignRow}` })).statusCode).toBe(404);
  });

  it('answers the default Leitweg-ID per member for invoicing, within the caller scope', async () => {
    const scope = { orgIds: [a.town, a.gemeindeA, a.gemeindeB] };
    const map = await withTenant(database.db, scope, (tx) => defaultLeitwegIds(tx, scope, [a.town, a.gemeindeA, a.gemeindeB, b.town]));
    const town = (await t.as(a.users.admin, { method: 'GET', url: ids(a.town) })).json().items.find((l: L) => l.isDefault);
    expect(map.get(a.town)).toBe(town.leitwegId);
    expect(map.get(a.gemeindeB)).toBe(makeLeitwegId('16074008'));
    expect(map.has(a.gemeindeA)).toBe(false);
    expect(map.has(b.town)).toBe(false);
  });
});
