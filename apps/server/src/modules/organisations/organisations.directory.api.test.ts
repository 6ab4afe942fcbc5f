import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';

const url = '/api/v1/organisations';

/** Organisations and the Gemeindeverzeichnis: key checks, the Kreis filter, XLSX export. */
describe(`organisations × Gemeindeverzeichnis (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
  });

  const create = (payload: Record<string, unknown>) => t.as(a.users.admin, { method: 'POST', url, payload: { parentId: a.provider, ...payload } });

  it('rejects an AGS that is not in the directory, precisely (422)', async () => {
    const res = await create({ type: 'gemeinde', name: 'Phantom', ags: '16068999' });
    expect(res.statusCode).toBe(422);
    const p = problem(res);
    expect(p.detail).toContain('AGS 16068999 gibt es im Gemeindeverzeichnis nicht');
    expect(p.errors).toEqual([{ field: 'body/ags', message: 'AGS 16068999 gibt es im Gemeindeverzeichnis nicht.' }]);
  });

  it('checks ARS against the AGS, Verband keys and Kreis keys by type', async () => {
    const mismatch = await create({ type: 'gemeinde', name: 'Altenberga', ags: '16074002', ars: '160745011008' });
    expect(mismatch.statusCode).toBe(422);
    expect(problem(mismatch).detail).toContain('zu AGS 16074002 gehört ARS 160745011002');
    expect((await create({ type: 'verwaltungsgemeinschaft', name: 'VG', ags: '16074002' })).statusCode).toBe(422);
    expect((await create({ type: 'verwaltungsgemeinschaft', name: 'VG', ars: '160740044000' })).statusCode).toBe(422);
    expect((await create({ type: 'landkreis', name: 'LK', ars: '160999000000' })).statusCode).toBe(422);
    expect((await create({ type: 'landkreis', name: 'LK Sömmerda', ars: '160680000000' })).statusCode).toBe(201);
    expect((await create({ type: 'verwaltungsgemeinschaft', name: 'VG Südliches Saaletal', ars: '160745011000' })).statusCode).toBe(201);
    expect((await create({ type: 'stadt', name: 'Kahla', ags: '16074044', ars: '160740044044' })).statusCode).toBe(201);
    // Types without official keys are only format-checked.
    expect((await create({ type: 'zweckverband', name: 'ZV', ags: '16999999' })).statusCode).toBe(201);
  });

  it('checks keys on update too, against the stored type', async () => {
    const town = await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${a.town}`, payload: { ags: '16068999' } });
    expect(town.statusCode).toBe(422);
    const ok = await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${a.town}`, payload: { ags: '16068051' } });
    expect(ok.statusCode).toBe(200);
    expect((await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${a.town}`, payload: { type: 'verbandsgemeinde' } })).statusCode).toBe(422);
  });

  it('filters by Kreis: own AGS/ARS or a child in the Kreis', async () => {
    await t.as(a.users.admin, { method: 'PATCH', url: `${url}/${a.gemeindeA}`, payload: { ags: '16074002' } });
    const res = await t.as(a.users.admin, { method: 'GET', url: `${url}?kreis=16074&limit=100` });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((o: { id: string; name: string }) => o.id);
    // The VG has no keys of its own but Gemeinde A below it lies in 16074.
    expect(names).toEqual(expect.arrayContaining([a.vg, a.gemeindeA]));
    expect(names).not.toContain(a.town);
    expect((await t.as(a.users.admin, { method: 'GET', url: `${url}?kreis=16068` })).json().items.map((o: { id: string }) => o.id)).toContain(a.town);
    expect((await t.as(a.users.admin, { method: 'GET', url: `${url}?kreis=160` })).statusCode).toBe(400);
  });

  it('exports XLSX', async () => {
    const res = await t.as(a.users.admin, { method: 'GET', url: `${url}?format=xlsx&within=${a.vg}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('organisationen.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('id');
    expect(ws.rowCount).toBe(4);
    const accept = await t.as(a.users.admin, {
      method: 'GET',
      url: `${url}?within=${a.vg}`,
      headers: { accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(accept.headers['content-type']).toContain('spreadsheetml');
  });
});
