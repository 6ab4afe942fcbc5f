import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import type { Database } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { valuesAt } from './index.js';

const org = (id: string) => `/api/v1/organisations/${id}`;

describe(`member master data API (${dbKind()})`, () => {
  let t: TestApp;
  let database: Database;
  let a: Tree;
  let b: Tree;

  beforeAll(async () => {
    database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
  });

  it('answers 401 without a session', async () => {
    for (const [method, url] of [
      ['GET', `${org(a.town)}/member-profile`],
      ['PATCH', `${org(a.town)}/member-profile`],
      ['GET', `${org(a.town)}/population`],
      ['PUT', `${org(a.town)}/population/2024-12-31`],
      ['DELETE', `${org(a.town)}/workstations/2024-12-31`],
    ] as const) {
      const res = await t.as(null, { method, url, payload: method === 'PATCH' || method === 'PUT' ? {} : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  describe('profile', () => {
    it('stores VAT id, IBAN and BIC normalized, with an audit event', async () => {
      const res = await t.as(a.users.finance, {
        method: 'PATCH',
        url: `${org(a.town)}/member-profile`,
        payload: { vatId: 'de 123456789', iban: 'DE89 3704 0044 0532 0130 00', bic: 'cobadeffxxx', bankName: 'Commerzbank' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ vatId: 'DE123456789', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', abilities: { update: true } });
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${a.town}&entityType=member_profile` });
      expect(audit.json().items[0]).toMatchObject({ action: 'create', after: { iban: 'DE89370400440532013000' } });
    });

    it('answers 400 with the reason for a wrong IBAN check digit, BIC or VAT id', async () => {
      const res = await t.as(a.users.admin, {
        method: 'PATCH',
        url: `${org(a.town)}/member-profile`,
        payload: { iban: 'DE89 3704 0044 0532 0130 01', bic: 'XX', vatId: 'DE12' },
      });
      expect(res.statusCode).toBe(400);
      const errors = problem(res).errors!;
      expect(errors.find((e) => e.field === 'body/iban')?.message).toMatch(/Prüfziffer der IBAN/);
      expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['body/bic', 'body/vatId']));
    });

    it('lets the member user read its own profile but not change it (403), nor see a sibling (404)', async () => {
      const own = await t.as(a.users.userA, { method: 'GET', url: `${org(a.gemeindeA)}/member-profile` });
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ vatId: null, population: null, abilities: { update: false } });
      expect((await t.as(a.users.userA, { method: 'PATCH', url: `${org(a.gemeindeA)}/member-profile`, payload: { bankName: 'X' } })).statusCode).toBe(403);
      expect((await t.as(a.users.userA, { method: 'GET', url: `${org(a.gemeindeB)}/member-profile` })).statusCode).toBe(404);
    });

    it('lets the VG admin change its Gemeinden, hides the town and other providers (404)', async () => {
      const ok = await t.as(a.users.vgAdmin, { method: 'PATCH', url: `${org(a.gemeindeB)}/member-profile`, payload: { accountHolder: 'Gemeinde B' } });
      expect(ok.statusCode).toBe(200);
      expect((await t.as(a.users.vgAdmin, { method: 'GET', url: `${org(a.town)}/member-profile` })).statusCode).toBe(404);
      expect((await t.as(a.users.admin, { method: 'GET', url: `${org(b.town)}/member-profile` })).statusCode).toBe(404);
      expect((await t.as(a.users.admin, { method: 'PATCH', url: `${org(b.town)}/member-profile`, payload: { bankName: 'X' } })).statusCode).toBe(404);
    });

    it('refuses the provider itself (422) and an empty change (400)', async () => {
      expect((await t.as(a.users.admin, { method: 'GET', url: `${org(a.provider)}/member-profile` })).statusCode).toBe(422);
      expect((await t.as(a.users.admin, { method: 'PATCH', url: `${org(a.town)}/member-profile`, payload: {} })).statusCode).toBe(400);
    });
  });

  describe('population and workstations history', () => {
    it('keeps one value per reference date and answers the value at a date', async () => {
      for (const [date, value] of [['2022-12-31', 6900], ['2023-12-31', 6850], ['2024-12-31', 6825]] as const) {
        const res = await t.as(a.users.admin, { method: 'PUT', url: `${org(a.town)}/population/${date}`, payload: { value, source: 'gemeindeverzeichnis' } });
        expect(res.statusCode, res.body).toBe(200);
      }
      // Setting a date again replaces its value.
      await t.as(a.users.admin, { method: 'PUT', url: `${org(a.town)}/population/2023-12-31`, payload: { value: 6860, note: 'korrigiert' } });
      const res = await t.as(a.users.townUser, { method: 'GET', url: `${org(a.town)}/population?at=2024-06-30` });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((i: { value: number }) => i.value)).toEqual([6825, 6860, 6900]);
      expect(res.json().at).toMatchObject({ date: '2024-06-30', entry: { referenceDate: '2023-12-31', value: 6860, note: 'korrigiert', source: 'manual' } });
      const before = await t.as(a.users.townUser, { method: 'GET', url: `${org(a.town)}/population?at=2020-01-01` });
      expect(before.json().at.entry).toBeNull();
      const profile = await t.as(a.users.townUser, { method: 'GET', url: `${org(a.town)}/member-profile` });
      expect(profile.json().population).toMatchObject({ referenceDate: '2024-12-31', value: 6825 });
    });

    it('answers population at 30.06. of the previous year for many members (cost allocation)', async () => {
      await t.as(a.users.admin, { method: 'PUT', url: `${org(a.gemeindeA)}/population/2024-12-31`, payload: { value: 791 } });
      const values = await withTenant(database.db, { orgIds: [a.town, a.gemeindeA, a.gemeindeB] }, (tx) =>
        valuesAt(tx, { orgIds: [a.town, a.gemeindeA, a.gemeindeB] }, 'population', [a.town, a.gemeindeA, a.gemeindeB], '2025-06-30'),
      );
      expect(values.get(a.town)?.value).toBe(6825);
      expect(values.get(a.gemeindeA)?.value).toBe(791);
      expect(values.has(a.gemeindeB)).toBe(false);
    });

    it('keeps workstations separately and deletes an entry (204, then 404)', async () => {
      const put = await t.as(a.users.vgAdmin, { method: 'PUT', url: `${org(a.gemeindeA)}/workstations/2025-01-01`, payload: { value: 12 } });
      expect(put.statusCode).toBe(200);
      const list = await t.as(a.users.userA, { method: 'GET', url: `${org(a.gemeindeA)}/workstations` });
      expect(list.json().items).toHaveLength(1);
      expect((await t.as(a.users.userA, { method: 'DELETE', url: `${org(a.gemeindeA)}/workstations/2025-01-01` })).statusCode).toBe(403);
      expect((await t.as(a.users.vgAdmin, { method: 'DELETE', url: `${org(a.gemeindeA)}/workstations/2025-01-01` })).statusCode).toBe(204);
      expect((await t.as(a.users.vgAdmin, { method: 'DELETE', url: `${org(a.gemeindeA)}/workstations/2025-01-01` })).statusCode).toBe(404);
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityType=member_workstations` });
      expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['delete', 'create']);
    });

    it('answers 400 for a bad date or value, 404 for foreign members', async () => {
      expect((await t.as(a.users.admin, { method: 'PUT', url: `${org(a.town)}/population/2024-13-01`, payload: { value: 1 } })).statusCode).toBe(400);
      expect((await t.as(a.users.admin, { method: 'PUT', url: `${org(a.town)}/population/2024-12-31`, payload: { value: -1 } })).statusCode).toBe(400);
      expect((await t.as(a.users.admin, { method: 'GET', url: `${org(a.town)}/population?at=gestern` })).statusCode).toBe(400);
      expect((await t.as(a.users.admin, { method: 'PUT', url: `${org(b.town)}/population/2024-12-31`, payload: { value: 1 } })).statusCode).toBe(404);
      expect((await t.as(a.users.vgAdmin, { method: 'GET', url: `${org(a.town)}/population` })).statusCode).toBe(404);
    });
  });
});
