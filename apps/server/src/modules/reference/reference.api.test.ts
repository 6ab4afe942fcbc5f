import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';

const url = '/api/v1/reference';

describe(`reference API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
  });

  const search = async (q: string) => {
    const res = await t.as(a.users.userA, { method: 'GET', url: `${url}/gemeinden?${q}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { ags: string; ars: string; name: string; verband: { name: string } | null; kreis: { key: string }; population: number }[]; gebietsstand: string; populationDate: string; attribution: string };
  };

  it('answers 401 without a session', async () => {
    for (const path of ['gemeinden?q=Erfurt', 'kreise', 'verbaende?kreis=16068']) {
      const res = await t.as(null, { method: 'GET', url: `${url}/${path}` });
      expect(res.statusCode).toBe(401);
      expect(problem(res).title).toBe('Unauthorized');
    }
  });

  it('finds Gemeinden by name prefix, whatever the case and umlauts, for any logged-in user', async () => {
    for (const q of ['Weißensee', 'weissensee', 'WEISSENSEE']) {
      const r = await search(`q=${encodeURIComponent(q)}&kreis=16068`);
      expect(r.items.map((g) => g.ags)).toEqual(['16068058']);
    }
    for (const q of ['Sömmerda', 'soemmerda', 'sommerda']) {
      const r = await search(`q=${encodeURIComponent(q)}`);
      expect(r.items[0]).toMatchObject({ ags: '16068051', name: 'Sömmerda, Stadt', kreis: { key: '16068' } });
    }
    const r = await search('q=Erf');
    expect(r.items[0]!.name).toBe('Erfurt, Stadt');
    expect(r).toMatchObject({ gebietsstand: '2025-11-30', populationDate: '2024-12-31' });
    expect(r.attribution).toContain('Destatis');
  });

  it('finds Gemeinden by the start of any word of their name, not only the first', async () => {
    for (const q of ['Berka', 'berka', 'Bad Be', 'Berka St']) {
      const r = await search(`q=${encodeURIComponent(q)}&land=16`);
      expect(r.items.map((g) => g.name), q).toContain('Bad Berka, Stadt');
    }
    const seligenthal = await search(`q=${encodeURIComponent('Seligen')}`);
    expect(seligenthal.items.map((g) => g.name)).toContain('Floh-Seligenthal');
    // A word inside a word is no match, and the designation after the comma is no word start.
    expect((await search('q=erka&land=16')).items.map((g) => g.name)).not.toContain('Bad Berka, Stadt');
    const stadt = await search('q=stadt&limit=50');
    expect(stadt.items.every((g) => /(^|[\s-])stadt/i.test(g.name.split(',')[0]!))).toBe(true);
  });

  it('finds by AGS, ARS, Kreis key and AGS prefix, and filters by Land', async () => {
    expect((await search('q=16074002')).items.map((g) => g.name)).toEqual(['Altenberga']);
    const byArs = await search('q=160745011002');
    expect(byArs.items[0]).toMatchObject({ ags: '16074002', verband: { name: 'Südliches Saaletal' } });
    const kreis = await search('q=16068&limit=200');
    expect(kreis.items).toHaveLength(37);
    const prefix = await search('q=1606805&limit=200');
    expect(prefix.items.every((g) => g.ags.startsWith('1606805'))).toBe(true);
    const land = await search('q=Neustadt&land=13&limit=50');
    expect(land.items.length).toBeGreaterThan(0);
    expect(land.items.every((g) => g.ars.startsWith('13'))).toBe(true);
    const verbandsfrei = await search('q=16068058');
    expect(verbandsfrei.items[0]!.verband).toBeNull();
  });

  it('answers 400 for malformed filters and limits', async () => {
    for (const q of ['kreis=1606', 'land=1', 'limit=0', 'limit=1000', 'verband=12']) {
      const res = await t.as(a.users.userA, { method: 'GET', url: `${url}/gemeinden?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(problem(res).errors?.length).toBeGreaterThan(0);
    }
    expect((await t.as(a.users.userA, { method: 'GET', url: `${url}/verbaende` })).statusCode).toBe(400);
  });

  it('lists Kreise, by Land', async () => {
    const res = await t.as(a.users.townUser, { method: 'GET', url: `${url}/kreise?land=16` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { ags: string; name: string; typeName: string; gemeindenCount: number }[];
    expect(items).toHaveLength(22);
    expect(items.find((k) => k.ags === '16068')).toMatchObject({ name: 'Sömmerda', typeName: 'Landkreis', gemeindenCount: 37 });
  });

  it('lists the Gemeindeverbände of a Kreis with their Gemeinden', async () => {
    const res = await t.as(a.users.admin, { method: 'GET', url: `${url}/verbaende?kreis=16074` });
    expect(res.statusCode).toBe(200);
    const vg = (res.json().items as { key: string; ars: string; typeName: string; gemeinden: { ags: string }[] }[]).find((v) => v.key === '160745011')!;
    expect(vg).toMatchObject({ ars: '160745011000', typeName: 'Verwaltungsgemeinschaft' });
    expect(vg.gemeinden.map((g) => g.ags)).toEqual(expect.arrayContaining(['16074002', '16074008']));
    expect(vg.gemeinden).toHaveLength(21);
    const all = await t.as(a.users.admin, { method: 'GET', url: `${url}/verbaende?kreis=16074&includeVerbandsfrei=true` });
    expect(all.json().items.length).toBeGreaterThan(res.json().items.length);
  });
});
