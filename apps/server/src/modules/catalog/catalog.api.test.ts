import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type TestUser, type Tree } from '../../../test/factories.js';
import type { Database } from '../../platform/db/client.js';
import { withSystem, withTenant } from '../../platform/db/tenant.js';
import { billableSubscriptions, freezePriceList, priceListForYear } from './index.js';

describe(`catalogue API (${dbKind()})`, () => {
  let t: TestApp;
  let database: Database;
  let a: Tree;
  let b: Tree;
  let workstation: { id: string };
  let mailbox: { id: string };
  let list: { id: string };

  const post = (user: TestUser | null, url: string, payload: unknown) => t.as(user, { method: 'POST', url, payload: payload as object });

  beforeAll(async () => {
    database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
    const res = await post(a.users.finance, '/api/v1/services', {
      providerId: a.provider,
      code: 'APB-01',
      nameDe: 'Arbeitsplatzbetreuung',
      category: 'Arbeitsplatz',
      chargeUnit: 'workstation',
      unitCode: 'c62',
      vatTreatment: 'not_taxable_2b',
    });
    expect(res.statusCode, res.body).toBe(201);
    workstation = res.json();
    mailbox = (
      await post(a.users.admin, '/api/v1/services', {
        providerId: a.provider,
        code: 'MAIL-01',
        nameDe: 'E-Mail-Postfach',
        category: 'Kommunikation',
        chargeUnit: 'mailbox',
        unitCode: 'H87',
      })
    ).json();
    list = (await post(a.users.finance, '/api/v1/price-lists', { providerId: a.provider, year: 2025, name: 'Leistungs- und Entgeltverzeichnis 2025' })).json();
  });

  it('answers 401 without a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/services'],
      ['POST', '/api/v1/services'],
      ['GET', '/api/v1/price-lists'],
      ['POST', `/api/v1/price-lists/${list.id}/copy`],
      ['GET', '/api/v1/subscriptions'],
      ['POST', '/api/v1/subscriptions/import?dryRun=true'],
    ] as const) {
      const res = await t.as(null, { method, url, payload: method === 'POST' ? {} : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  describe('services', () => {
    it('stores the unit code upper-cased and lists by code; members read their provider’s catalogue', async () => {
      expect(workstation).toMatchObject({ code: 'APB-01', unitCode: 'C62', vatTreatment: 'not_taxable_2b', status: 'active', abilities: { update: true } });
      const asMember = await t.as(a.users.userA, { method: 'GET', url: '/api/v1/services' });
      expect(asMember.statusCode).toBe(200);
      expect(asMember.json().items.map((s: { code: string }) => s.code)).toEqual(['APB-01', 'MAIL-01']);
      expect(asMember.json().items[0].abilities.update).toBe(false);
      const other = await t.as(b.users.userA, { method: 'GET', url: '/api/v1/services' });
      expect(other.json().items).toEqual([]);
    });

    it('refuses an unknown unit code, a bad code and exempt without VATEX (4xx problem+json)', async () => {
      const bad = await post(a.users.admin, '/api/v1/services', { providerId: a.provider, code: 'X 1', nameDe: 'X', category: 'X', chargeUnit: 'flat', unitCode: 'ZZZ' });
      expect(bad.statusCode).toBe(400);
      expect(problem(bad).errors!.map((e) => e.field)).toEqual(expect.arrayContaining(['body/code', 'body/unitCode']));
      const exempt = await post(a.users.admin, '/api/v1/services', { providerId: a.provider, code: 'SCHUL', nameDe: 'Schulung', category: 'Bildung', chargeUnit: 'hour', unitCode: 'HUR', vatTreatment: 'exempt' });
      expect(exempt.statusCode).toBe(422);
      expect(problem(exempt).errors!.map((e) => e.field)).toEqual(['body/vatExemptionCode', 'body/vatExemptionReason']);
      const dup = await post(a.users.admin, '/api/v1/services', { providerId: a.provider, code: 'APB-01', nameDe: 'X', category: 'X', chargeUnit: 'flat', unitCode: 'LS' });
      expect(dup.statusCode).toBe(409);
    });

    it('lets members read but not change (403), foreign providers see 404', async () => {
      expect((await t.as(a.users.userA, { method: 'GET', url: `/api/v1/services/${workstation.id}` })).statusCode).toBe(200);
      const patch = await t.as(a.users.vgAdmin, { method: 'PATCH', url: `/api/v1/services/${workstation.id}`, payload: { nameDe: 'X' } });
      expect(patch.statusCode).toBe(403);
      expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/services/${workstation.id}` })).statusCode).toBe(404);
      expect((await t.as(b.users.admin, { method: 'PATCH', url: `/api/v1/services/${workstation.id}`, payload: { nameDe: 'X' } })).statusCode).toBe(404);
      expect((await post(b.users.admin, '/api/v1/services', { providerId: a.provider, code: 'Z', nameDe: 'Z', category: 'Z', chargeUnit: 'flat', unitCode: 'LS' })).statusCode).toBe(404);
      // A service id where the provider belongs passes the owner lookup but is no provider: 404.
      expect((await post(a.users.admin, '/api/v1/services', { providerId: workstation.id, code: 'Z', nameDe: 'Z', category: 'Z', chargeUnit: 'flat', unitCode: 'LS' })).statusCode).toBe(404);
      expect((await post(a.users.admin, '/api/v1/price-lists', { providerId: workstation.id, year: 2040, name: 'x' })).statusCode).toBe(404);
      // The agent reads the catalogue but does not own prices.
      expect((await post(a.users.agent, '/api/v1/services', { providerId: a.provider, code: 'Z', nameDe: 'Z', category: 'Z', chargeUnit: 'flat', unitCode: 'LS' })).statusCode).toBe(403);
    });

    it('retires a service with an audit trail', async () => {
      const s = (await post(a.users.admin, '/api/v1/services', { providerId: a.provider, code: 'OLD', nameDe: 'Altverfahren', category: 'Fachverfahren', chargeUnit: 'flat', unitCode: 'LS' })).json();
      const res = await t.as(a.users.finance, { method: 'PATCH', url: `/api/v1/services/${s.id}`, payload: { status: 'retired' } });
      expect(res.json()).toMatchObject({ status: 'retired' });
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${s.id}` });
      expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    });
  });

  describe('price lists', () => {
    it('sets prices with tiers as decimal strings and refuses floats and bad tiers', async () => {
      const put = await t.as(a.users.finance, {
        method: 'PUT',
        url: `/api/v1/price-lists/${list.id}/prices/${workstation.id}`,
        payload: { unitPrice: '12,5', tierMode: 'graduated', tiers: [{ aboveQuantity: '100', unitPrice: '11.0001' }] },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({ serviceCode: 'APB-01', unitPrice: '12.5000', tiers: [{ aboveQuantity: '100.0000', unitPrice: '11.0001' }] });
      expect((await t.as(a.users.finance, { method: 'PUT', url: `/api/v1/price-lists/${list.id}/prices/${mailbox.id}`, payload: { unitPrice: 4.5 } })).statusCode).toBe(400);
      expect((await t.as(a.users.finance, { method: 'PUT', url: `/api/v1/price-lists/${list.id}/prices/${mailbox.id}`, payload: { unitPrice: '4.56789' } })).statusCode).toBe(400);
      const tiers = await t.as(a.users.finance, { method: 'PUT', url: `/api/v1/price-lists/${list.id}/prices/${mailbox.id}`, payload: { unitPrice: '4', tiers: [{ aboveQuantity: '0', unitPrice: '3' }] } });
      expect(tiers.statusCode).toBe(422);
      expect(problem(tiers).errors![0]!.field).toBe('body/tiers/0');
      expect((await t.as(a.users.finance, { method: 'PUT', url: `/api/v1/price-lists/${list.id}/prices/${mailbox.id}`, payload: { unitPrice: '4.5' } })).statusCode).toBe(200);
      // Another provider's service cannot be priced here.
      const foreign = (await post(b.users.admin, '/api/v1/services', { providerId: b.provider, code: 'B1', nameDe: 'B', category: 'B', chargeUnit: 'flat', unitCode: 'LS' })).json();
      expect((await t.as(a.users.finance, { method: 'PUT', url: `/api/v1/price-lists/${list.id}/prices/${foreign.id}`, payload: { unitPrice: '1' } })).statusCode).toBe(404);
    });

    it('hides drafts from members until published', async () => {
      expect((await t.as(a.users.userA, { method: 'GET', url: `/api/v1/price-lists/${list.id}` })).statusCode).toBe(404);
      expect((await t.as(a.users.userA, { method: 'GET', url: '/api/v1/price-lists' })).json().items).toEqual([]);
      const pub = await t.as(a.users.finance, { method: 'PATCH', url: `/api/v1/price-lists/${list.id}`, payload: { published: true } });
      expect(pub.json().publishedAt).not.toBeNull();
      const seen = await t.as(a.users.userA, { method: 'GET', url: `/api/v1/price-lists/${list.id}` });
      expect(seen.statusCode).toBe(200);
      expect(seen.json().prices.map((p: { unitPrice: string }) => p.unitPrice)).toEqual(['12.5000', '4.5000']);
      expect((await t.as(a.users.userA, { method: 'PATCH', url: `/api/v1/price-lists/${list.id}`, payload: { name: 'x' } })).statusCode).toBe(403);
      expect((await t.as(b.users.finance, { method: 'GET', url: `/api/v1/price-lists/${list.id}` })).statusCode).toBe(404);
    });

    it('copies to the next year with prices and tiers; a second copy is a conflict', async () => {
      const copy = await post(a.users.finance, `/api/v1/price-lists/${list.id}/copy`, {});
      expect(copy.statusCode, copy.body).toBe(201);
      expect(copy.json()).toMatchObject({ year: 2026, name: 'Leistungs- und Entgeltverzeichnis 2026', copiedFromId: list.id, publishedAt: null, itemCount: 2 });
      expect(copy.json().prices[0]).toMatchObject({ unitPrice: '12.5000', tiers: [{ aboveQuantity: '100.0000', unitPrice: '11.0001' }] });
      expect((await post(a.users.finance, `/api/v1/price-lists/${list.id}/copy`, {})).statusCode).toBe(409);
      // Editing the copy leaves the original untouched.
      await t.as(a.users.finance, { method: 'PUT', url: `/api/v1/price-lists/${copy.json().id}/prices/${workstation.id}`, payload: { unitPrice: '13' } });
      const original = await withTenant(database.db, { orgIds: [a.provider] }, (tx) => priceListForYear(tx, a.provider, 2025));
      expect(original!.items.find((i) => i.serviceCode === 'APB-01')).toMatchObject({ unitPrice: '12.5000', tierMode: 'graduated', tiers: [{ aboveQuantity: '100.0000', unitPrice: '11.0001' }] });
    });

    it('refuses every change to a frozen list (409) but still copies it', async () => {
      const l = (await post(a.users.finance, '/api/v1/price-lists', { providerId: a.provider, year: 2030, name: 'LEV 2030' })).json();
      await t.as(a.users.finance, { method: 'PUT', url: `/api/v1/price-lists/${l.id}/prices/${workstation.id}`, payload: { unitPrice: '10' } });
      await withTenant(database.db, { orgIds: [a.provider] }, (tx) => freezePriceList(tx, l.id));
      await withTenant(database.db, { orgIds: [a.provider] }, (tx) => freezePriceList(tx, l.id));
      for (const req of [
        { method: 'PUT' as const, url: `/api/v1/price-lists/${l.id}/prices/${workstation.id}`, payload: { unitPrice: '11' } },
        { method: 'DELETE' as const, url: `/api/v1/price-lists/${l.id}/prices/${workstation.id}` },
        { method: 'PATCH' as const, url: `/api/v1/price-lists/${l.id}`, payload: { name: 'neu' } },
        { method: 'DELETE' as const, url: `/api/v1/price-lists/${l.id}` },
      ]) {
        const res = await t.as(a.users.finance, req);
        expect(res.statusCode, `${req.method} ${req.url}`).toBe(409);
        expect(problem(res).detail).toMatch(/frozen/);
      }
      const detail = (await t.as(a.users.finance, { method: 'GET', url: `/api/v1/price-lists/${l.id}` })).json();
      expect(detail).toMatchObject({ frozenAt: expect.any(String), abilities: { update: false, copy: true } });
      expect((await post(a.users.finance, `/api/v1/price-lists/${l.id}/copy`, {})).statusCode).toBe(201);
      await expect(withTenant(database.db, { orgIds: [b.provider] }, (tx) => freezePriceList(tx, list.id))).rejects.toThrow(/not found/);
    });
  });

  describe('subscriptions', () => {
    let sub: { id: string };

    it('subscribes a member, keeps the quantity history and refuses overlaps', async () => {
      const res = await post(a.users.finance, '/api/v1/subscriptions', { memberId: a.gemeindeA, serviceId: workstation.id, validFrom: '2025-01-01', quantity: '10' });
      expect(res.statusCode, res.body).toBe(201);
      sub = res.json();
      const change = await t.as(a.users.agent, { method: 'PUT', url: `/api/v1/subscriptions/${sub.id}/quantities/2025-07-01`, payload: { quantity: '12', note: 'neue Stelle' } });
      expect(change.statusCode, change.body).toBe(200);
      expect(change.json().segments).toEqual([
        { from: '2025-01-01', to: '2025-06-30', quantity: '10.0000' },
        { from: '2025-07-01', to: null, quantity: '12.0000' },
      ]);
      expect(change.json().changes).toHaveLength(2);
      const overlap = await post(a.users.finance, '/api/v1/subscriptions', { memberId: a.gemeindeA, serviceId: workstation.id, validFrom: '2025-03-01', quantity: '1' });
      expect(overlap.statusCode).toBe(409);
      const outside = await t.as(a.users.agent, { method: 'PUT', url: `/api/v1/subscriptions/${sub.id}/quantities/2024-12-31`, payload: { quantity: '1' } });
      expect(outside.statusCode).toBe(422);
      expect((await t.as(a.users.agent, { method: 'DELETE', url: `/api/v1/subscriptions/${sub.id}/quantities/2025-01-01` })).statusCode).toBe(409);
    });

    it('refuses a foreign service, a retired one and bad input', async () => {
      const foreign = (await t.as(b.users.admin, { method: 'GET', url: '/api/v1/services' })).json().items[0];
      expect((await post(a.users.finance, '/api/v1/subscriptions', { memberId: a.town, serviceId: foreign.id, validFrom: '2025-01-01', quantity: '1' })).statusCode).toBe(422);
      const bad = await post(a.users.finance, '/api/v1/subscriptions', { memberId: a.town, serviceId: mailbox.id, validFrom: '2025-02-30', validTo: '2024-01-01', quantity: '-1' });
      expect(bad.statusCode).toBe(400);
      expect(problem(bad).errors!.map((e) => e.field)).toEqual(expect.arrayContaining(['body/validFrom', 'body/quantity']));
      expect((await post(b.users.finance, '/api/v1/subscriptions', { memberId: a.town, serviceId: mailbox.id, validFrom: '2025-01-01', quantity: '1' })).statusCode).toBe(404);
      expect((await post(a.users.vgAdmin, '/api/v1/subscriptions', { memberId: a.gemeindeB, serviceId: mailbox.id, validFrom: '2025-01-01', quantity: '1' })).statusCode).toBe(403);
    });

    it('shows a member only its own subscriptions', async () => {
      await post(a.users.finance, '/api/v1/subscriptions', { memberId: a.town, serviceId: mailbox.id, validFrom: '2025-01-01', quantity: '40' });
      const mine = await t.as(a.users.userA, { method: 'GET', url: '/api/v1/subscriptions?activeOn=2025-08-01' });
      expect(mine.json().items).toEqual([expect.objectContaining({ memberId: a.gemeindeA, serviceCode: 'APB-01', quantity: '12.0000', quantityDate: '2025-08-01' })]);
      expect((await t.as(a.users.userA, { method: 'GET', url: `/api/v1/subscriptions?memberId=${a.town}` })).statusCode).toBe(404);
      expect((await t.as(a.users.townUser, { method: 'GET', url: `/api/v1/subscriptions/${sub.id}` })).statusCode).toBe(404);
      expect((await t.as(a.users.userA, { method: 'PUT', url: `/api/v1/subscriptions/${sub.id}/quantities/2025-09-01`, payload: { quantity: '1' } })).statusCode).toBe(403);
      const staff = await t.as(a.users.finance, { method: 'GET', url: `/api/v1/subscriptions?serviceId=${mailbox.id}` });
      expect(staff.json().items.map((s: { memberId: string }) => s.memberId)).toEqual([a.town]);
      expect((await t.as(b.users.finance, { method: 'GET', url: '/api/v1/subscriptions' })).json().items).toEqual([]);
    });

    it('hands billing the segments of a period', async () => {
      const rows = await withSystem(database.db, (tx) => billableSubscriptions(tx, a.provider, '2025-04-01', '2025-09-30'));
      const ws = rows.find((r) => r.subscriptionId === sub.id)!;
      expect(ws).toMatchObject({ memberId: a.gemeindeA, serviceCode: 'APB-01', unitCode: 'C62', vatTreatment: 'not_taxable_2b', chargeUnit: 'workstation' });
      expect(ws.segments).toEqual([
        { from: '2025-04-01', to: '2025-06-30', quantity: '10.0000', days: 91 },
        { from: '2025-07-01', to: '2025-09-30', quantity: '12.0000', days: 92 },
      ]);
      expect(await withSystem(database.db, (tx) => billableSubscriptions(tx, a.provider, '2024-01-01', '2024-12-31'))).toEqual([]);
      // Under the tenant policy a member sees its own subscriptions only.
      const asMember = await withTenant(database.db, { orgIds: [a.gemeindeB] }, (tx) => billableSubscriptions(tx, a.provider, '2025-01-01', '2025-12-31'));
      expect(asMember).toEqual([]);
    });

    it('ends a subscription and keeps the end within reach of overlaps', async () => {
      const res = await t.as(a.users.finance, { method: 'PATCH', url: `/api/v1/subscriptions/${sub.id}`, payload: { validTo: '2025-12-31' } });
      expect(res.json()).toMatchObject({ validTo: '2025-12-31' });
      expect(res.json().segments.at(-1)).toEqual({ from: '2025-07-01', to: '2025-12-31', quantity: '12.0000' });
      const next = await post(a.users.finance, '/api/v1/subscriptions', { memberId: a.gemeindeA, serviceId: workstation.id, validFrom: '2026-01-01', quantity: '14' });
      expect(next.statusCode).toBe(201);
      expect((await t.as(a.users.finance, { method: 'PATCH', url: `/api/v1/subscriptions/${sub.id}`, payload: { validTo: null } })).statusCode).toBe(409);
    });
  });

  describe('bulk import', () => {
    const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');

    it('previews every row with its action and errors, writes nothing on a dry run', async () => {
      const names = await withSystem(database.db, async (tx) => {
        const res = await tx.execute<{ id: string; name: string }>(`select id, name from organisations where id in ('${a.town}', '${a.gemeindeB}')` as never);
        return new Map(res.rows.map((r) => [r.id, r.name]));
      });
      const file = [
        'mitglied;leistung;menge;gueltig_ab',
        `${names.get(a.town)};MAIL-01;45;01.03.2025`,
        `${names.get(a.gemeindeB)};APB-01;7,5;2025-01-01`,
        `Niemandsdorf;APB-01;x;2025-13-01`,
      ].join('\n');
      const res = await post(a.users.finance, '/api/v1/subscriptions/import?dryRun=true', { providerId: a.provider, filename: 'arbeitsplaetze.csv', contentBase64: csv(file) });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.summary).toEqual({ rows: 3, create: 1, change: 1, unchanged: 0, error: 1 });
      expect(body.rows[0]).toMatchObject({ row: 2, action: 'change', quantityBefore: '40.0000', quantity: '45.0000', validFrom: '2025-03-01' });
      expect(body.rows[1]).toMatchObject({ row: 3, action: 'create', quantity: '7.5000' });
      expect(body.rows[2].errors.map((e: { column: string }) => e.column)).toEqual(['mitglied', 'menge', 'gueltig_ab']);
      const after = await t.as(a.users.finance, { method: 'GET', url: `/api/v1/subscriptions?memberId=${a.gemeindeB}` });
      expect(after.json().items).toEqual([]);

      const wet = await post(a.users.finance, '/api/v1/subscriptions/import', { providerId: a.provider, filename: 'arbeitsplaetze.csv', contentBase64: csv(file) });
      expect(wet.statusCode).toBe(422);
      expect(problem(wet).errors!.map((e) => e.field)).toEqual(['rows/4/mitglied', 'rows/4/menge', 'rows/4/gueltig_ab']);
      expect((await t.as(a.users.finance, { method: 'GET', url: `/api/v1/subscriptions?memberId=${a.gemeindeB}` })).json().items).toEqual([]);
    });

    it('applies a clean file from XLSX all at once, then reports it unchanged', async () => {
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Arbeitsplätze');
      ws.addRow(['member_id', 'Leistung', 'Menge', 'Gültig ab']);
      ws.addRow([a.gemeindeB, 'APB-01', 8, new Date(Date.UTC(2025, 0, 1))]);
      ws.addRow([a.town, 'MAIL-01', 45, '2025-03-01']);
      const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
      const res = await post(a.users.finance, '/api/v1/subscriptions/import', { providerId: a.provider, filename: 'ap.xlsx', contentBase64: content });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ applied: true, summary: { create: 1, change: 1, error: 0 } });
      const town = (await t.as(a.users.finance, { method: 'GET', url: `/api/v1/subscriptions?memberId=${a.town}&activeOn=2025-04-01` })).json().items[0];
      expect(town.quantity).toBe('45.0000');
      const again = await post(a.users.finance, '/api/v1/subscriptions/import?dryRun=true', { providerId: a.provider, filename: 'ap.xlsx', contentBase64: content });
      expect(again.json().summary).toMatchObject({ unchanged: 2, create: 0, change: 0 });
    });

    it('refuses members and foreign providers (404: the provider is not theirs), duplicate rows and unreadable files', async () => {
      const file = csv('member_id;leistung;menge;gueltig_ab\n');
      expect((await post(a.users.vgAdmin, '/api/v1/subscriptions/import?dryRun=true', { providerId: a.provider, filename: 'x.csv', contentBase64: file })).statusCode).toBe(404);
      expect((await post(b.users.finance, '/api/v1/subscriptions/import?dryRun=true', { providerId: a.provider, filename: 'x.csv', contentBase64: file })).statusCode).toBe(404);
      expect((await post(a.users.finance, '/api/v1/subscriptions/import?dryRun=true', { providerId: a.provider, filename: 'x.csv', contentBase64: file })).statusCode).toBe(422);
      const dup = csv(`member_id;leistung;menge;gueltig_ab\n${a.town};MAIL-01;1;2025-05-01\n${a.town};mail-01;2;2025-06-01\n`);
      const res = await post(a.users.finance, '/api/v1/subscriptions/import?dryRun=true', { providerId: a.provider, filename: 'x.csv', contentBase64: dup });
      expect(res.json().rows[1].errors[0].message).toMatch(/Zeile 2/);
      const xlsx = await post(a.users.finance, '/api/v1/subscriptions/import?dryRun=true', { providerId: a.provider, filename: 'x.xlsx', contentBase64: csv('not a workbook') });
      expect(xlsx.statusCode).toBe(422);
    });
  });
});
