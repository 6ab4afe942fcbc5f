import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import type { Db } from '../../platform/db/client.js';
import { makeTree, type Tree } from '../../../test/factories.js';

const header = 'Typ;Inventarnummer;Bezeichnung;Hersteller;Modell;Seriennummer;Kosten;Kaufdatum;hostname;pageCount';

describe(`assets import API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  let db: Db;
  const imp = (payload: object, dryRun: boolean, user = a.users.admin) =>
    t.as(user, { method: 'POST', url: `/api/v1/assets/import${dryRun ? '?dryRun=true' : ''}`, payload });
  const count = async (memberId: string) => (await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets?memberId=${memberId}&limit=500` })).json().items.length as number;
  const tag = () => Math.random().toString(36).slice(2, 8).toUpperCase();

  beforeAll(async () => {
    const database = await testDatabase();
    db = database.db;
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
  });

  function csv(rows: string[]) {
    return [header, ...rows].join('\r\n');
  }

  it('previews with per-row errors and stores nothing on a dry run', async () => {
    const k = tag();
    const content = csv([
      `Arbeitsplatz-PC;${k}-1;PC Bürgerbüro;Dell;OptiPlex 7010;SN1;899,00;15.03.2024;pc-bb-01;`,
      `Drucker;${k}-2;MFP Flur;Kyocera;TASKalfa;SN2;2.450,50;2024-04-01;;120345`,
      `Toaster;${k}-3;?;;;;;;;`,
      `Notebook;${k}-4;NB;Lenovo;T14;SN4;zwölf;31.02.2024;;`,
      `Notebook;${k}-1;Dublette;Lenovo;T14;SN5;1000;;;`,
    ]);
    const res = await imp({ format: 'csv', content, usingMemberId: a.gemeindeA }, true);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: true, total: 5, valid: 2, invalid: 3, imported: 0 });
    expect(body.mapping).toMatchObject({ type: 'Typ', inventoryNumber: 'Inventarnummer', cost: 'Kosten', 'attributes.hostname': 'hostname', 'attributes.pageCount': 'pageCount' });
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { row: 4, field: 'type', message: 'unknown type "Toaster"' },
        expect.objectContaining({ row: 5, field: 'cost' }),
        expect.objectContaining({ row: 5, field: 'purchaseDate' }),
        expect.objectContaining({ row: 6, field: 'inventoryNumber' }),
      ]),
    );
    expect(body.preview[1]).toMatchObject({ row: 3, type: 'printer', costCents: 245_050, ok: true });
    expect(await count(a.gemeindeA)).toBe(0);

    // All or nothing: one bad row, nothing stored, 422 with the rows named.
    const refused = await imp({ format: 'csv', content, usingMemberId: a.gemeindeA }, false);
    expect(refused.statusCode).toBe(422);
    expect(problem(refused).errors?.map((e) => e.field)).toContain('rows/4/type');
    expect(await count(a.gemeindeA)).toBe(0);

    // The explicit choice imports the valid rows only.
    const partial = await imp({ format: 'csv', content, usingMemberId: a.gemeindeA, mode: 'valid_rows' }, false);
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json().imported).toBe(2);
    const importId = partial.json().importId as string;
    expect(importId).toMatch(/^[0-9a-f-]{36}$/);
    const items = (await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets?memberId=${a.gemeindeA}` })).json().items;
    expect(items.map((x: { inventoryNumber: string }) => x.inventoryNumber).sort()).toEqual([`${k}-1`, `${k}-2`]);
    const printer = items.find((x: { type: string }) => x.type === 'printer');
    expect(printer.attributes).toEqual({ pageCount: 120345 });
    expect(printer.costCents).toBe(245_050);
    const hist = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets/${printer.id}/history` });
    expect(hist.json().items[0].action).toBe('import');
    // One audit event for the whole import (count and import id), not one per asset.
    const events = await db.execute<{ entity_type: string; entity_id: string; after: { count: number; importId: string } }>(
      sql`select entity_type, entity_id, after from audit_events where entity_id = ${importId} or (org_id = ${a.gemeindeA} and action = 'import')`,
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({ entity_type: 'asset_import', entity_id: importId, after: { count: 2, importId } });

    // Importing the same numbers again is refused per row.
    const again = await imp({ format: 'csv', content: csv([`Drucker;${k}-2;x;;;;;;;`]), usingMemberId: a.gemeindeA }, true);
    expect(again.json().errors[0]).toMatchObject({ row: 2, field: 'inventoryNumber' });
  });

  it('imports 50 rows with numbers drawn from the pattern, member by name, with an explicit mapping', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `PC;Arbeitsplatz ${i + 1};HP;ProDesk 400;HP${i};749;2025-02-01`);
    const content = ['Art;Name des Geräts;Marke;Modell;S/N;Preis;Datum', ...rows].join('\n');
    const mapping = { type: 'Art', name: 'Name des Geräts', manufacturer: 'Marke', serial: 'S/N', cost: 'Preis', purchaseDate: 'Datum' };
    const memberName = (await t.as(a.users.admin, { method: 'GET', url: `/api/v1/organisations/${a.gemeindeB}` })).json().name as string;
    const withMember = content.replace('Datum', 'Datum;Mitglied').replace(/2025-02-01/g, `2025-02-01;${memberName}`);
    const res = await imp({ format: 'csv', content: withMember, mapping: { ...mapping, member: 'Mitglied' } }, false);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 50, invalid: 0 });
    const list = (await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets?memberId=${a.gemeindeB}&limit=100` })).json();
    expect(list.items).toHaveLength(50);
    expect(new Set(list.items.map((x: { inventoryNumber: string }) => x.inventoryNumber)).size).toBe(50);
    expect(list.items[0].depreciation.classification).toBe('low_value');
    expect((await imp({ format: 'csv', content, mapping: { type: 'Nope' } }, true)).statusCode).toBe(422);
  });

  it('stores text with quotes, backslashes, braces and commas unchanged (bulk insert through array literals)', async () => {
    const k = tag();
    const name = 'Büro "Nord", {A\\B} NULL';
    const content = csv([`Server;${k}-1;"Büro ""Nord"", {A\\B} NULL";Dell;"R7""40";;1.234,56;;srv-1;`]);
    const res = await imp({ format: 'csv', content, usingMemberId: a.town }, false);
    expect(res.statusCode, res.body).toBe(200);
    const [item] = (await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets?memberId=${a.town}&q=${k}-1` })).json().items;
    expect(item).toMatchObject({ name, model: 'R7"40', serial: null, costCents: 123_456, attributes: { hostname: 'srv-1' } });
  });

  it('reads XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Inventar');
    ws.addRow(['Typ', 'Bezeichnung', 'Kosten', 'Kaufdatum', 'Mitglied']);
    ws.addRow(['Firewall', 'FW Rathaus', 1890.5, new Date(Date.UTC(2024, 5, 1)), a.town]);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const res = await imp({ format: 'xlsx', content }, true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().preview[0]).toMatchObject({ type: 'firewall', costCents: 189_050, ok: true });
  });

  it('refuses members without manage rights and foreign members', async () => {
    const content = csv(['PC;;x;;;;;;;']);
    expect((await imp({ format: 'csv', content, usingMemberId: a.gemeindeA }, true, a.users.userA)).statusCode).toBe(403);
    expect((await imp({ format: 'csv', content, usingMemberId: b.gemeindeA }, true)).statusCode).toBe(404);
    const byName = await imp({ format: 'csv', content: `Typ;Mitglied\nPC;${b.gemeindeA}`, owner: 'member' }, true);
    expect(byName.json().errors[0]).toMatchObject({ field: 'member' });
    expect((await imp({ format: 'csv', content: '' }, true)).statusCode).toBe(400);
  });
});
