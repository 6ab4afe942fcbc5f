import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree, type TestUser } from '../../../test/factories.js';

describe(`assets API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;

  const create = (body: object, user: TestUser = a.users.admin) => t.as(user, { method: 'POST', url: '/api/v1/assets', payload: body });
  const get = (id: string, user: TestUser = a.users.admin) => t.as(user, { method: 'GET', url: `/api/v1/assets/${id}` });
  const move = (id: string, payload: object, user: TestUser = a.users.admin) => t.as(user, { method: 'POST', url: `/api/v1/assets/${id}/transitions`, payload });
  const server = () => ({
    type: 'server',
    ownerOrgId: a.provider,
    usingMemberId: a.gemeindeA,
    name: 'SRV-RATHAUS',
    manufacturer: 'Fujitsu',
    model: 'Primergy RX2540',
    costCents: 360_000,
    purchaseDate: '2024-01-15',
    attributes: { hostname: 'srv-rathaus', cpuCores: 16, ramGb: 128, formFactor: 'rack' },
  });

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
  });

  it('answers 401 without a session', async () => {
    const id = '01900000-0000-7000-8000-000000000000';
    for (const [method, url] of [
      ['GET', '/api/v1/assets'],
      ['POST', '/api/v1/assets'],
      ['POST', '/api/v1/assets/import?dryRun=true'],
      ['GET', `/api/v1/assets/${id}`],
      ['PATCH', `/api/v1/assets/${id}`],
      ['POST', `/api/v1/assets/${id}/transitions`],
      ['GET', `/api/v1/assets/${id}/relations`],
      ['GET', `/api/v1/assets/${id}/history`],
      ['GET', '/api/v1/assets/labels'],
      ['GET', `/api/v1/organisations/${id}/asset-settings`],
    ] as const) {
      const res = await t.as(null, { method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  describe('create, read, isolation', () => {
    let id: string;
    beforeAll(async () => {
      const res = await create(server());
      expect(res.statusCode, res.body).toBe(201);
      id = res.json().id;
    });

    it('draws an inventory number from the default pattern and presents depreciation', async () => {
      const res = await get(id);
      const body = res.json();
      expect(body.inventoryNumber).toMatch(/^INV-\d{4}-\d{6}$/);
      expect(body.orgId).toBe(a.gemeindeA);
      expect(body.ownerIsProvider).toBe(true);
      expect(body.status).toBe('in_stock');
      expect(body.depreciation.classification).toBe('fixed_asset');
      expect(body.depreciation.usefulLifeMonths).toBe(60);
      expect(body.depreciation.monthlyCents).toBe(6000);
      expect(body.allowedTransitions).toEqual(['deployed', 'in_repair', 'retired']);
    });

    it('lets the using member read but not change it', async () => {
      expect((await get(id, a.users.userA)).statusCode).toBe(200);
      const list = await t.as(a.users.userA, { method: 'GET', url: '/api/v1/assets' });
      expect(list.json().items.map((x: { id: string }) => x.id)).toContain(id);
      expect(list.json().items[0].abilities.update).toBe(false);
      const patch = await t.as(a.users.userA, { method: 'PATCH', url: `/api/v1/assets/${id}`, payload: { name: 'x' } });
      expect(patch.statusCode).toBe(403);
      expect(problem(patch).status).toBe(403);
    });

    it('hides it from another member and another provider (404, not in lists)', async () => {
      for (const u of [a.users.townUser, b.users.admin]) {
        expect((await get(id, u)).statusCode).toBe(404);
        const list = await t.as(u, { method: 'GET', url: '/api/v1/assets' });
        expect(list.json().items.map((x: { id: string }) => x.id)).not.toContain(id);
        const filtered = await t.as(u, { method: 'GET', url: `/api/v1/assets?memberId=${a.gemeindeA}` });
        expect(filtered.json().items).toEqual([]);
        expect((await t.as(u, { method: 'PATCH', url: `/api/v1/assets/${id}`, payload: { name: 'x' } })).statusCode).toBe(404);
        expect((await t.as(u, { method: 'GET', url: `/api/v1/assets/${id}/history` })).statusCode).toBe(404);
      }
    });

    it('lets a member admin (VG, with descendants) manage the Gemeinde asset', async () => {
      const res = await t.as(a.users.vgAdmin, { method: 'PATCH', url: `/api/v1/assets/${id}`, payload: { assignedPerson: 'Frau Müller' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().assignedPerson).toBe('Frau Müller');
    });

    it('refuses creating for a foreign or invisible organisation', async () => {
      expect((await create({ ...server(), ownerOrgId: b.provider, usingMemberId: b.gemeindeA })).statusCode).toBe(404);
      expect((await create({ ...server(), ownerOrgId: a.provider, usingMemberId: a.gemeindeA }, a.users.userA)).statusCode).toBe(404);
      const asMember = await create({ ...server(), ownerOrgId: a.gemeindeA, usingMemberId: null }, a.users.userA);
      expect(asMember.statusCode).toBe(403);
    });

    it('rejects wrong attributes, unknown keys and a provider as using member (422)', async () => {
      const bad = await create({ ...server(), attributes: { cpuCores: 'many' } });
      expect(bad.statusCode).toBe(422);
      expect(problem(bad).errors?.[0]?.field).toBe('body/attributes/cpuCores');
      const unknown = await create({ ...server(), attributes: { pageCount: 5 } });
      expect(unknown.statusCode).toBe(422);
      expect(problem(unknown).errors?.[0]?.message).toContain('pageCount');
      const provAsMember = await create({ ...server(), usingMemberId: a.provider });
      expect(provAsMember.statusCode).toBe(422);
      const memberOwnsOther = await create({ ...server(), ownerOrgId: a.gemeindeA, usingMemberId: a.gemeindeB });
      expect(memberOwnsOther.statusCode).toBe(422);
    });

    it('answers 400 for malformed input', async () => {
      expect((await create({ ...server(), costCents: 12.5 })).statusCode).toBe(400);
      expect((await create({ ...server(), type: 'toaster' })).statusCode).toBe(400);
      expect((await t.as(a.users.admin, { method: 'GET', url: '/api/v1/assets/not-a-uuid' })).statusCode).toBe(400);
      expect((await t.as(a.users.admin, { method: 'GET', url: '/api/v1/assets?cursor=zzz' })).statusCode).toBe(400);
      expect((await t.as(a.users.admin, { method: 'PATCH', url: `/api/v1/assets/${id}`, payload: { status: 'retired' } })).statusCode).toBe(400);
    });

    it('refuses a duplicate inventory number with 409', async () => {
      const first = (await get(id)).json().inventoryNumber;
      const dup = await create({ ...server(), inventoryNumber: first });
      expect(dup.statusCode).toBe(409);
    });
  });

  describe('lifecycle', () => {
    it('enforces the order with 409 and the allowed next states, and freezes a disposed asset', async () => {
      const id = (await create(server())).json().id;
      const skip = await move(id, { to: 'disposed' });
      expect(skip.statusCode).toBe(409);
      expect(skip.json().allowed).toEqual(['deployed', 'in_repair', 'retired']);
      expect(skip.json().currentStatus).toBe('in_stock');
      expect((await move(id, { to: 'deployed' })).json().status).toBe('deployed');
      expect((await move(id, { to: 'retired' })).statusCode).toBe(200);
      const disposed = await move(id, { to: 'disposed', date: '2025-06-10' });
      expect(disposed.statusCode).toBe(200);
      expect(disposed.json().disposedAt).toBe('2025-06-10');
      expect(disposed.json().depreciation.bookValueCents).toBe(0);
      expect((await move(id, { to: 'in_stock' })).statusCode).toBe(409);
      expect((await t.as(a.users.admin, { method: 'PATCH', url: `/api/v1/assets/${id}`, payload: { name: 'x' } })).statusCode).toBe(409);
      expect((await move(id, { to: 'deployed' }, a.users.userA)).statusCode).toBe(403);

      const history = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets/${id}/history` });
      expect(history.json().items.map((e: { action: string }) => e.action)).toEqual([
        'transition:retired->disposed',
        'transition:deployed->retired',
        'transition:in_stock->deployed',
        'create',
      ]);
    });
  });

  describe('depreciation and settings', () => {
    it('reports book values per owner on a date and follows the provider threshold', async () => {
      const owner = a.town;
      const mk = (costCents: number, type = 'firewall') =>
        create({ type, ownerOrgId: owner, usingMemberId: null, costCents, purchaseDate: '2024-01-15', attributes: {} }, a.users.admin);
      const fw = (await mk(600_000)).json();
      const cheap = (await mk(95_000, 'switch')).json();
      const report = async () =>
        (await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets/depreciation?ownerOrgId=${owner}&date=2024-12-31` })).json();
      let r = await report();
      const byId = (id: string) => r.items.find((x: { assetId: string }) => x.assetId === id);
      expect(byId(fw.id)).toMatchObject({ classification: 'fixed_asset', usefulLifeMonths: 60, depreciationInYearCents: 120_000, bookValueCents: 480_000 });
      expect(byId(cheap.id).classification).toBe('fixed_asset');

      // Only the provider's staff change settings; the member cannot even see them.
      expect((await t.as(a.users.townUser, { method: 'GET', url: `/api/v1/organisations/${a.provider}/asset-settings` })).statusCode).toBe(404);
      expect((await t.as(a.users.auditor, { method: 'PUT', url: `/api/v1/organisations/${a.provider}/asset-settings`, payload: { lowValueThresholdCents: 100_000 } })).statusCode).toBe(403);
      expect((await t.as(a.users.admin, { method: 'PUT', url: `/api/v1/organisations/${a.provider}/asset-settings`, payload: { lowValueThresholdCents: 90_000 } })).statusCode).toBe(400);
      const put = await t.as(a.users.admin, {
        method: 'PUT',
        url: `/api/v1/organisations/${a.provider}/asset-settings`,
        payload: { lowValueThresholdCents: 100_000, usefulLifeMonths: { firewall: 48 }, inventoryPattern: 'T-{YY}-{seq:4}' },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().usefulLifeMonths.firewall).toBe(48);
      r = await report();
      expect(byId(cheap.id)).toMatchObject({ classification: 'low_value', bookValueCents: 0, depreciationInYearCents: 95_000 });
      expect(byId(fw.id)).toMatchObject({ usefulLifeMonths: 48, depreciationInYearCents: 150_000 });
      expect((await mk(1000)).json().inventoryNumber).toMatch(/^T-\d{2}-\d{4}$/);

      const csv = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets/depreciation?ownerOrgId=${owner}&date=2024-12-31&format=csv` });
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('Anschaffungskosten netto (EUR)');
      expect(csv.body).toContain('6000,00');
      const xlsx = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets/depreciation?ownerOrgId=${owner}&format=xlsx` });
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/assets/depreciation?ownerOrgId=${owner}` })).statusCode).toBe(404);
    });
  });

  describe('relations, labels, export', () => {
    it('links a VM to its host, shows both ends, refuses duplicates and foreign targets', async () => {
      const host = (await create({ ...server(), usingMemberId: null, name: 'ESX-01' })).json();
      const vm = (await create({ type: 'virtual_machine', ownerOrgId: a.provider, usingMemberId: a.gemeindeA, name: 'VM-FACHVERFAHREN', attributes: { vcpus: 4 } })).json();
      const foreign = (await create({ ...server(), ownerOrgId: b.provider, usingMemberId: null }, b.users.admin)).json();
      const url = `/api/v1/assets/${vm.id}/relations`;
      const rel = await t.as(a.users.admin, { method: 'POST', url, payload: { type: 'runs_on', toAssetId: host.id } });
      expect(rel.statusCode, rel.body).toBe(201);
      expect(rel.json()).toMatchObject({ direction: 'outgoing', kind: 'asset', otherId: host.id });
      expect((await t.as(a.users.admin, { method: 'POST', url, payload: { type: 'runs_on', toAssetId: host.id } })).statusCode).toBe(409);
      expect((await t.as(a.users.admin, { method: 'POST', url, payload: { type: 'runs_on', toAssetId: foreign.id } })).statusCode).toBe(404);
      expect((await t.as(a.users.admin, { method: 'POST', url, payload: { type: 'runs_on', toAssetId: vm.id } })).statusCode).toBe(422);
      expect((await t.as(a.users.admin, { method: 'POST', url, payload: { type: 'runs_on' } })).statusCode).toBe(400);
      const incoming = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets/${host.id}/relations` });
      expect(incoming.json().items).toMatchObject([{ direction: 'incoming', otherId: vm.id, type: 'runs_on' }]);
      // The member sees its VM's relation but not the provider's host behind it.
      const memberView = await t.as(a.users.userA, { method: 'GET', url });
      expect(memberView.json().items).toMatchObject([{ otherId: host.id, otherLabel: null, canDelete: false }]);
      expect((await t.as(a.users.userA, { method: 'DELETE', url: `${url}/${rel.json().id}` })).statusCode).toBe(403);
      expect((await t.as(a.users.admin, { method: 'DELETE', url: `${url}/${rel.json().id}` })).statusCode).toBe(204);
      expect((await t.as(a.users.admin, { method: 'GET', url })).json().items).toEqual([]);
    });

    it('prints labels as PDF and exports the list as CSV and XLSX', async () => {
      const one = (await create(server())).json();
      const pdf = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets/labels?ids=${one.id}` });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/assets/labels?ids=${one.id}` })).statusCode).toBe(404);
      const csv = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets?format=csv&memberId=${a.gemeindeA}` });
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain(one.inventoryNumber);
      const xlsx = await t.as(a.users.admin, { method: 'GET', url: '/api/v1/assets?format=xlsx&type=server' });
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });

    it('filters by type, status, owner, member and warranty end', async () => {
      await create({ ...server(), type: 'printer', attributes: { kind: 'mfp', pageCount: 120_345 }, warrantyEnd: '2026-12-31' });
      const printers = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets?type=printer&memberId=${a.gemeindeA}&warrantyEndingBefore=2027-01-31` });
      expect(printers.json().items.length).toBeGreaterThan(0);
      expect(printers.json().items.every((x: { type: string }) => x.type === 'printer')).toBe(true);
      const none = await t.as(a.users.admin, { method: 'GET', url: '/api/v1/assets?type=printer&warrantyEndingBefore=2026-01-01' });
      expect(none.json().items.filter((x: { usingMemberId: string }) => x.usingMemberId === a.gemeindeA)).toEqual([]);
      const page1 = await t.as(a.users.admin, { method: 'GET', url: '/api/v1/assets?limit=2' });
      expect(page1.json().nextCursor).toBeTruthy();
      const page2 = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets?limit=2&cursor=${page1.json().nextCursor}` });
      expect(page2.json().items[0].id < page1.json().items[1].id).toBe(true);
    });
  });
});
