import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeOrg, makeTree, makeUser, type TestUser, type Tree } from '../../../test/factories.js';
import type { Database } from '../../platform/db/client.js';

const url = (parent: string, step: 'preview' | 'apply') => `/api/v1/organisations/${parent}/from-directory/${step}`;
type Planned = { ars: string; ags: string | null; name: string; type: string; parent: { kind: string; ars?: string; id?: string }; population: number };
type Created = { id: string; parentId: string; name: string; type: string; ags: string | null; ars: string | null; population: number };

describe(`members from the Gemeindeverzeichnis (${dbKind()})`, () => {
  let t: TestApp;
  let database: Database;
  let a: Tree;
  let b: Tree;
  let provider: string;
  let admin: TestUser;

  beforeAll(async () => {
    database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
    // A provider of its own, so the Kreis is not there yet.
    provider = await makeOrg(database.db, { parentId: null, name: 'KIDS Test' });
    admin = await makeUser(database.db, provider, [{ role: 'provider_admin', includeDescendants: true }]);
  });

  it('answers 401, 403 (member admin may not create), 404 (foreign parent), 400 and 422', async () => {
    expect((await t.as(null, { method: 'POST', url: url(a.provider, 'preview'), payload: { kreis: '16068' } })).statusCode).toBe(401);
    expect((await t.as(a.users.vgAdmin, { method: 'POST', url: url(a.vg, 'apply'), payload: { gemeinden: ['16074002'] } })).statusCode).toBe(403);
    expect((await t.as(a.users.admin, { method: 'POST', url: url(b.provider, 'preview'), payload: { kreis: '16068' } })).statusCode).toBe(404);
    expect((await t.as(a.users.userA, { method: 'POST', url: url(a.town, 'preview'), payload: { kreis: '16068' } })).statusCode).toBe(404);
    expect((await t.as(a.users.admin, { method: 'POST', url: url(a.provider, 'preview'), payload: {} })).statusCode).toBe(400);
    expect((await t.as(a.users.admin, { method: 'POST', url: url(a.provider, 'preview'), payload: { kreis: '1606' } })).statusCode).toBe(400);
    const unknown = await t.as(a.users.admin, { method: 'POST', url: url(a.provider, 'preview'), payload: { gemeinden: ['16068999'], verbaende: ['160689999'] } });
    expect(unknown.statusCode).toBe(422);
    expect(problem(unknown).detail).toContain('AGS 16068999');
    expect(problem(unknown).detail).toContain('Verband 160689999');
  });

  it('previews a whole Landkreis with correct parents, types, keys and population 31.12.2024', async () => {
    const res = await t.as(admin, { method: 'POST', url: url(provider, 'preview'), payload: { kreis: '16068' } });
    expect(res.statusCode, res.body).toBe(200);
    const { items, skipped, populationDate } = res.json() as { items: Planned[]; skipped: unknown[]; populationDate: string };
    expect(populationDate).toBe('2024-12-31');
    expect(skipped).toEqual([]);
    expect(items.find((o) => o.type === 'landkreis')).toMatchObject({ ars: '160680000000', name: 'Landkreis Sömmerda', population: 67_693 });
    expect(items.filter((o) => o.ags)).toHaveLength(37);
    expect(items.find((o) => o.ags === '16068051')).toMatchObject({ type: 'stadt', name: 'Sömmerda, Stadt' });
    expect(items.find((o) => o.ags === '16068063')).toMatchObject({ type: 'landgemeinde', name: 'Buttstädt' });
    expect(items.find((o) => o.ags === '16068001')!.parent).toEqual({ kind: 'planned', ars: '160685012000' });
    // Nothing was written.
    const orgs = await t.as(admin, { method: 'GET', url: '/api/v1/organisations?limit=10' });
    expect(orgs.json().total).toBe(1);
  });

  it('applies in one transaction: organisations, population, audit; a second run skips them all', async () => {
    const res = await t.as(admin, { method: 'POST', url: url(provider, 'apply'), payload: { verbaende: ['160685012000'], gemeinden: ['16068058'] } });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json().created as Created[];
    const vg = created.find((o) => o.type === 'verwaltungsgemeinschaft')!;
    expect(vg).toMatchObject({ parentId: provider, ars: '160685012000', ags: null, name: 'Verwaltungsgemeinschaft Gramme-Vippach' });
    const gemeinden = created.filter((o) => o.ags);
    expect(gemeinden.length).toBeGreaterThan(10);
    for (const g of gemeinden.filter((o) => o.ags !== '16068058')) {
      expect(g.parentId).toBe(vg.id);
    }
    const weissensee = created.find((o) => o.ags === '16068058')!;
    expect(weissensee.parentId).toBe(provider);
    const pop = await t.as(admin, { method: 'GET', url: `/api/v1/organisations/${weissensee.id}/population` });
    expect(pop.json().items).toEqual([expect.objectContaining({ referenceDate: '2024-12-31', value: 3_598, source: 'gemeindeverzeichnis' })]);
    const audit = await t.as(admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${vg.id}` });
    expect(audit.json().items[0]).toMatchObject({ action: 'create', entityType: 'organisation', after: { source: 'gemeindeverzeichnis' } });

    const again = await t.as(admin, { method: 'POST', url: url(provider, 'preview'), payload: { verbaende: ['160685012'], gemeinden: ['16068058'] } });
    expect(again.json().items).toEqual([]);
    expect(again.json().skipped).toHaveLength(created.length);
    expect(again.json().skipped.every((s: { reason: string; existingId: string }) => s.reason === 'exists' && s.existingId)).toBe(true);

    // The whole Kreis now adds only what is missing; the new VG members find nothing to duplicate.
    const kreis = await t.as(admin, { method: 'POST', url: url(provider, 'apply'), payload: { kreis: '16068' } });
    expect(kreis.statusCode).toBe(201);
    expect(kreis.json().created.filter((o: Created) => o.ags)).toHaveLength(37 - gemeinden.length);
    const total = await t.as(admin, { method: 'GET', url: '/api/v1/organisations?limit=1' });
    // provider + Landkreis + VGs + 37 Gemeinden, each once.
    const all = await t.as(admin, { method: 'GET', url: '/api/v1/organisations?limit=500' });
    const agsList = all.json().items.map((o: { ags: string | null }) => o.ags).filter(Boolean);
    expect(new Set(agsList).size).toBe(agsList.length);
    expect(agsList).toHaveLength(37);
    expect(total.json().total).toBe(all.json().items.length);
  });

  it('lets the admin of a created VG see its Gemeinden and no other member', async () => {
    const all = (await t.as(admin, { method: 'GET', url: '/api/v1/organisations?limit=500' })).json().items as { id: string; ars: string | null; parentId: string }[];
    const vg = all.find((o) => o.ars === '160685012000')!;
    const vgAdmin = await makeUser(database.db, vg.id, [{ role: 'member_admin', includeDescendants: true }]);
    const seen = (await t.as(vgAdmin, { method: 'GET', url: '/api/v1/organisations?limit=500' })).json().items as { id: string; parentId: string }[];
    expect(seen.length).toBe(all.filter((o) => o.parentId === vg.id).length + 1);
    expect(seen.every((o) => o.id === vg.id || o.parentId === vg.id)).toBe(true);
    const other = all.find((o) => o.ars === '160680058058')!;
    expect((await t.as(vgAdmin, { method: 'GET', url: `/api/v1/organisations/${other.id}` })).statusCode).toBe(404);
    expect((await t.as(vgAdmin, { method: 'GET', url: `/api/v1/organisations/${other.id}/member-profile` })).statusCode).toBe(404);
  });
});
