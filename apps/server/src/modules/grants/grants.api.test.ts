import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, makeUser, type TestUser, type Tree } from '../../../test/factories.js';
import { multipart, samplePdf } from '../../../test/multipart.js';
import type { Db } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { withSystem } from '../../platform/db/tenant.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function makeAsset(db: Db, provider: string, member: string, name: string, purchaseDate: string): Promise<string> {
  const id = uuidv7();
  await withSystem(db, (tx) =>
    tx.execute(sql`insert into assets (id, org_id, provider_id, owner_org_id, using_member_id, type, inventory_number, name, status, purchase_date)
      values (${id}, ${member}, ${provider}, ${member}, ${member}, 'server', ${`INV-${id.slice(-10)}`}, ${name}, 'deployed', ${purchaseDate})`),
  );
  return id;
}

describe(`grants API (${dbKind()})`, () => {
  let t: TestApp;
  let db: Db;
  let a: Tree;
  let b: Tree;
  let memberAdminA: TestUser;
  let grantId: string;
  let lineIds: string[];
  let programmeId: string;
  let assetA: string;

  beforeAll(async () => {
    const database = await testDatabase();
    db = database.db;
    t = await testApp(database);
    a = await makeTree(db);
    b = await makeTree(db);
    memberAdminA = await makeUser(db, a.gemeindeA, [{ role: 'member_admin' }]);
    assetA = await makeAsset(db, a.provider, a.gemeindeA, 'Server Gemeinde A', '2025-02-01');
  });

  const grantBody = (extra: Record<string, unknown> = {}) => ({
    programmeId,
    title: 'Aufbau IT-Dienstleistungszentrum',
    authority: 'Thüringer Finanzministerium',
    fileReference: 'EGOV-2024-17',
    noticeDate: '2024-01-15',
    fundingType: 'share',
    ratePercent: '72.44',
    amount: '3332171.18',
    eligibleCost: '4600000.00',
    periodStart: '2024-01-01',
    periodEnd: '2027-12-31',
    interimProofDue: '2026-04-30',
    beneficiaries: [{ orgId: a.gemeindeA, sharePercent: '10', amount: '333217.12', ownShare: '126782.88' }],
    ...extra,
  });

  it('answers 401 without a session', async () => {
    for (const url of ['/api/v1/grants', '/api/v1/grant-programmes', '/api/v1/reports/savings?year=2025', `/api/v1/grants/${uuidv7()}/proof-of-use`]) {
      expect((await t.as(null, { method: 'GET', url })).statusCode).toBe(401);
    }
    expect((await t.as(null, { method: 'POST', url: '/api/v1/grants', payload: {} })).statusCode).toBe(401);
  });

  it('records a programme and a grant; refuses bad input and roles without grant.manage', async () => {
    const p = await t.as(a.users.finance, { method: 'POST', url: '/api/v1/grant-programmes', payload: { name: 'Thüringer E-Government-Richtlinie', authority: 'TFM' } });
    expect(p.statusCode, p.body).toBe(201);
    programmeId = p.json().id;
    expect((await t.as(a.users.agent, { method: 'POST', url: '/api/v1/grant-programmes', payload: { name: 'X' } })).statusCode).toBe(403);

    const res = await t.as(a.users.finance, { method: 'POST', url: '/api/v1/grants', payload: grantBody() });
    expect(res.statusCode, res.body).toBe(201);
    grantId = res.json().id;
    expect(res.json()).toMatchObject({ amount: '3332171.18', ownShare: '1267828.82', full: true, programmeName: 'Thüringer E-Government-Richtlinie', abilities: { manage: true } });

    // Money as numbers, a float, a period backwards, share without rate: 400.
    expect(problem(await t.as(a.users.finance, { method: 'POST', url: '/api/v1/grants', payload: grantBody({ amount: 3332171.18 }) })).status).toBe(400);
    expect((await t.as(a.users.finance, { method: 'POST', url: '/api/v1/grants', payload: grantBody({ amount: '1.234' }) })).statusCode).toBe(400);
    expect((await t.as(a.users.finance, { method: 'POST', url: '/api/v1/grants', payload: grantBody({ periodEnd: '2023-01-01' }) })).statusCode).toBe(400);
    expect((await t.as(a.users.finance, { method: 'POST', url: '/api/v1/grants', payload: grantBody({ ratePercent: null }) })).statusCode).toBe(400);
    // Passing it on to a member of another provider: 422; another provider's programme: 404.
    const foreignMember = await t.as(a.users.finance, {
      method: 'POST',
      url: '/api/v1/grants',
      payload: grantBody({ beneficiaries: [{ orgId: b.gemeindeA, sharePercent: '1', amount: '1.00' }] }),
    });
    expect(problem(foreignMember).status).toBe(422);
    expect((await t.as(b.users.finance, { method: 'POST', url: '/api/v1/grants', payload: grantBody() })).statusCode).toBe(404);
    expect((await t.as(a.users.agent, { method: 'POST', url: '/api/v1/grants', payload: grantBody() })).statusCode).toBe(403);
  });

  it('keeps the financing plan and books expenses with receipt and asset', async () => {
    const l1 = await t.as(a.users.finance, { method: 'POST', url: `/api/v1/grants/${grantId}/plan-lines`, payload: { code: '1', title: 'Hardware', budget: '2600000.00' } });
    expect(l1.statusCode, l1.body).toBe(201);
    const l2 = await t.as(a.users.finance, { method: 'POST', url: `/api/v1/grants/${grantId}/plan-lines`, payload: { code: '2', title: 'Software', budget: '2000000,00' } });
    lineIds = l2.json().items.map((l: { id: string }) => l.id);
    expect(l2.json()).toMatchObject({ budget: '4600000.00', actual: '0.00', warnings: [] });
    expect((await t.as(a.users.finance, { method: 'POST', url: `/api/v1/grants/${grantId}/plan-lines`, payload: { code: '1', title: 'x', budget: '1' } })).statusCode).toBe(409);
    expect((await t.as(b.users.finance, { method: 'GET', url: `/api/v1/grants/${grantId}/plan-lines` })).statusCode).toBe(404);

    const e = await t.as(a.users.finance, {
      method: 'POST',
      url: `/api/v1/grants/${grantId}/expenses`,
      payload: { planLineId: lineIds[0], expenseDate: '2025-02-01', dueDate: '2025-03-01', payee: 'Systemhaus GmbH', purpose: 'Server', amount: '12000.00', assetId: assetA, memberId: a.gemeindeA },
    });
    expect(e.statusCode, e.body).toBe(201);
    expect(e.json()).toMatchObject({ amount: '12000.00', planLineCode: '1', asset: { id: assetA }, member: { id: a.gemeindeA }, receipt: null });
    const expenseId = e.json().id as string;
    const bad = [
      { planLineId: lineIds[0], expenseDate: '2025-02-01', payee: 'x', purpose: 'y', amount: '0.00' },
      { planLineId: lineIds[0], expenseDate: '2025-02-01', dueDate: '2025-01-01', payee: 'x', purpose: 'y', amount: '1.00' },
      { planLineId: lineIds[0], expenseDate: 'gestern', payee: 'x', purpose: 'y', amount: '1.00' },
    ];
    for (const payload of bad) {
      expect((await t.as(a.users.finance, { method: 'POST', url: `/api/v1/grants/${grantId}/expenses`, payload })).statusCode).toBe(400);
    }
    expect(
      (await t.as(a.users.finance, { method: 'POST', url: `/api/v1/grants/${grantId}/expenses`, payload: { planLineId: uuidv7(), expenseDate: '2025-02-01', payee: 'x', purpose: 'y', amount: '1.00' } })).statusCode,
    ).toBe(422);

    const up = multipart({}, { name: 'Rechnung 4711.pdf', content: samplePdf('Rechnung') });
    const r = await t.as(a.users.finance, { method: 'POST', url: `/api/v1/grants/${grantId}/expenses/${expenseId}/receipt`, payload: up.payload, headers: up.headers });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().receipt).toMatchObject({ name: 'Rechnung 4711.pdf' });
    const notPdf = multipart({}, { name: 'x.pdf', content: Buffer.from('MZ not a pdf') });
    expect((await t.as(a.users.finance, { method: 'POST', url: `/api/v1/grants/${grantId}/expenses/${expenseId}/receipt`, payload: notPdf.payload, headers: notPdf.headers })).statusCode).toBe(415);
    const dl = await t.as(a.users.finance, { method: 'GET', url: `/api/v1/grants/${grantId}/expenses/${expenseId}/receipt` });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.as(b.users.finance, { method: 'GET', url: `/api/v1/grants/${grantId}/expenses/${expenseId}/receipt` })).statusCode).toBe(404);

    const assets = await t.as(a.users.finance, { method: 'GET', url: `/api/v1/grants/${grantId}/assets` });
    expect(assets.json().items).toEqual([expect.objectContaining({ assetId: assetA, acquired: '2025-02-01', lockInEnd: '2030-01-31', warning: false, amount: '12000.00' })]);
    // Retiring and disposing during the lock-in goes through, with a warning that is audited too.
    const move = (to: string, date: string) => t.as(a.users.agent, { method: 'POST', url: `/api/v1/assets/${assetA}/transitions`, payload: { to, date } });
    const retired = await move('retired', '2027-06-01');
    expect(retired.statusCode, retired.body).toBe(200);
    const lockInWarning = { code: 'grant_lock_in', grantId, lockInEnd: '2030-01-31', message_de: expect.stringContaining('31.01.2030') };
    expect(retired.json()).toMatchObject({ status: 'retired', warnings: [lockInWarning] });
    const disposed = await move('disposed', '2027-06-30');
    expect(disposed.statusCode, disposed.body).toBe(200);
    expect(disposed.json()).toMatchObject({ status: 'disposed', disposedAt: '2027-06-30', warnings: [lockInWarning] });
    const history = (await t.as(a.users.admin, { method: 'GET', url: `/api/v1/assets/${assetA}/history` })).json().items;
    expect(history[0]).toMatchObject({ action: 'transition:retired->disposed' });
    expect(history[0].changes).toContainEqual({ field: 'warnings', before: null, after: [expect.objectContaining({ code: 'grant_lock_in', grantId })] });
    // An asset no grant paid for, and a step back into stock, carry no warnings.
    const other = await makeAsset(db, a.provider, a.gemeindeA, 'Drucker', '2025-02-01');
    const plain = await t.as(a.users.agent, { method: 'POST', url: `/api/v1/assets/${other}/transitions`, payload: { to: 'retired' } });
    expect(plain.json()).toMatchObject({ status: 'retired', warnings: [] });
    expect((await t.as(a.users.agent, { method: 'POST', url: `/api/v1/assets/${other}/transitions`, payload: { to: 'in_stock' } })).json().warnings).toEqual([]);
    expect((await t.as(a.users.finance, { method: 'GET', url: `/api/v1/grants/${grantId}/assets` })).json().items[0]).toMatchObject({ warning: true, disposedOn: '2027-06-30' });
    // The asset's own page: its lock-in, for anyone who reads the asset and sees the grant.
    const lock = await t.as(a.users.agent, { method: 'GET', url: `/api/v1/assets/${assetA}/lock-ins` });
    expect(lock.statusCode, lock.body).toBe(200);
    expect(lock.json().items).toEqual([expect.objectContaining({ grantId, fileReference: 'EGOV-2024-17', lockInEnd: '2030-01-31', disposedOn: '2027-06-30', warning: true })]);
    expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/assets/${assetA}/lock-ins` })).statusCode).toBe(404);
    expect((await t.as(null, { method: 'GET', url: `/api/v1/assets/${assetA}/lock-ins` })).statusCode).toBe(401);
  });

  it('requests a drawdown, approves it and marks it received; only the allowed steps', async () => {
    await t.as(a.users.finance, {
      method: 'POST',
      url: `/api/v1/grants/${grantId}/expenses`,
      payload: { planLineId: lineIds[1], expenseDate: '2025-02-10', dueDate: '2099-01-01', payee: 'Später GmbH', purpose: 'Wartung', amount: '500.00' },
    });
    const pre = await t.as(a.users.finance, { method: 'GET', url: `/api/v1/grants/${grantId}/drawdowns/preview?requestedOn=2025-02-15` });
    expect(pre.statusCode, pre.body).toBe(200);
    expect(pre.json()).toMatchObject({ expenses: '12000.00', proRata: '8692.62', warnings: ['expenses_due_later'] });
    const res = await t.as(a.users.finance, { method: 'POST', url: `/api/v1/grants/${grantId}/drawdowns`, payload: { requestedOn: '2025-02-15' } });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json().drawdown;
    expect(d).toMatchObject({ number: 1, amount: '8692.62', status: 'requested', abilities: { next: ['approved'] } });
    const step = (to: string, user = a.users.finance) => t.as(user, { method: 'POST', url: `/api/v1/grants/${grantId}/drawdowns/${d.id}/status`, payload: { to, date: '2025-03-01' } });
    expect((await step('received')).statusCode).toBe(409);
    expect((await step('approved', a.users.agent)).statusCode).toBe(403);
    expect((await step('approved', b.users.finance)).statusCode).toBe(404);
    expect((await step('paid')).statusCode).toBe(400);
    expect((await step('approved')).json()).toMatchObject({ status: 'approved', approvedOn: '2025-03-01' });
    expect((await step('received')).json()).toMatchObject({ status: 'received', receivedOn: '2025-03-01', abilities: { next: [] } });
    // Nothing left that is due: 422.
    expect((await t.as(a.users.finance, { method: 'POST', url: `/api/v1/grants/${grantId}/drawdowns`, payload: { requestedOn: '2025-02-16' } })).statusCode).toBe(422);
  });

  it('serves the proof of use as JSON, PDF or XLSX by Accept', async () => {
    const json = await t.as(a.users.finance, { method: 'GET', url: `/api/v1/grants/${grantId}/proof-of-use` });
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json()).toMatchObject({ totalActual: '12500.00', received: '8692.62', receipts: [expect.objectContaining({ no: 1, receipt: true }), expect.objectContaining({ no: 2, receipt: false })] });
    const pdf = await t.as(a.users.finance, { method: 'GET', url: `/api/v1/grants/${grantId}/proof-of-use`, headers: { accept: 'application/pdf' } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('verwendungsnachweis-EGOV-2024-17.pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await t.as(a.users.finance, { method: 'GET', url: `/api/v1/grants/${grantId}/proof-of-use`, headers: { accept: XLSX } });
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await t.as(a.users.finance, { method: 'GET', url: `/api/v1/grants/${grantId}/proof-of-use?format=doc` })).statusCode).toBe(400);
    expect((await t.as(b.users.finance, { method: 'GET', url: `/api/v1/grants/${grantId}/proof-of-use`, headers: { accept: 'application/pdf' } })).statusCode).toBe(404);
    expect((await t.as(memberAdminA, { method: 'GET', url: `/api/v1/grants/${grantId}/proof-of-use` })).statusCode).toBe(403);
  });

  it('shows a beneficiary member its share only; others get 404', async () => {
    const list = await t.as(memberAdminA, { method: 'GET', url: '/api/v1/grants' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id: grantId, full: false, amount: '333217.12', ownShare: '126782.88', spent: '12000.00' })]);
    const one = await t.as(memberAdminA, { method: 'GET', url: `/api/v1/grants/${grantId}` });
    expect(one.json()).toMatchObject({ beneficiaries: [{ orgId: a.gemeindeA }], abilities: { manage: false }, warnings: [] });
    expect((await t.as(memberAdminA, { method: 'GET', url: `/api/v1/grants/${grantId}/expenses` })).json().items.map((e: { purpose: string }) => e.purpose)).toEqual(['Server']);
    expect((await t.as(memberAdminA, { method: 'PATCH', url: `/api/v1/grants/${grantId}`, payload: { title: 'x' } })).statusCode).toBe(403);
    expect((await t.as(a.users.userA, { method: 'GET', url: `/api/v1/grants/${grantId}` })).statusCode).toBe(403);
    expect((await t.as(a.users.townUser, { method: 'GET', url: `/api/v1/grants/${grantId}` })).statusCode).toBe(404);
    expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/grants/${grantId}` })).statusCode).toBe(404);
    expect((await t.as(b.users.admin, { method: 'GET', url: '/api/v1/grants' })).json().items).toEqual([]);
    expect((await t.as(a.users.finance, { method: 'GET', url: '/api/v1/grants/not-a-uuid' })).statusCode).toBe(400);
  });

  it('exports the grant list as CSV and XLSX, a member only its share', async () => {
    const csv = await t.as(a.users.finance, { method: 'GET', url: '/api/v1/grants?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header!.split(';').slice(0, 3)).toEqual(['title', 'programme', 'authority']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('EGOV-2024-17');
    expect(rows[0]!.split(';').at(-1)).toBe('grant');
    const mine = await t.as(memberAdminA, { method: 'GET', url: '/api/v1/grants', headers: { accept: 'text/csv' } });
    const cells = mine.body.replace(/^\uFEFF/, '').trim().split('\r\n')[1]!.split(';');
    expect(cells).toContain('333217.12');
    expect(cells.at(-1)).toBe('member_share');
    const xlsx = await t.as(a.users.finance, { method: 'GET', url: '/api/v1/grants?format=xlsx' });
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await t.as(a.users.finance, { method: 'GET', url: '/api/v1/grants?format=pdf' })).statusCode).toBe(400);
    expect((await t.as(b.users.finance, { method: 'GET', url: '/api/v1/grants?format=csv' })).body.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(1);
  });

  it('reports savings against the reference costs', async () => {
    expect((await t.as(a.users.finance, { method: 'GET', url: '/api/v1/reports/savings' })).statusCode).toBe(400);
    const none = await t.as(a.users.finance, { method: 'GET', url: '/api/v1/reports/savings?year=2025' });
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json().warnings).toEqual(['no_cost_plan', 'no_reference_costs']);
    const put = await t.as(a.users.finance, {
      method: 'PUT',
      url: '/api/v1/reports/savings/reference-costs',
      payload: { year: 2025, perWorkstation: '1200.00', perServer: '4500.00', perBackupJob: '600.00', basePerMember: '15000.00', source: 'KGSt-Bericht' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await t.as(a.users.agent, { method: 'PUT', url: '/api/v1/reports/savings/reference-costs', payload: { year: 2025, perWorkstation: '1', perServer: '1', perBackupJob: '1' } })).statusCode).toBe(403);
    await makeAsset(db, a.provider, a.gemeindeB, 'Server B', '2025-01-01');
    const rep = (await t.as(a.users.finance, { method: 'GET', url: '/api/v1/reports/savings?year=2025' })).json();
    const gb = rep.members.find((m: { orgId: string }) => m.orgId === a.gemeindeB);
    expect(gb).toMatchObject({ servers: 1, alone: '19500.00', allocated: '0.00', saving: '19500.00', savingPercent: '100.0' });
    expect(rep.reference).toMatchObject({ perServer: '4500.00', source: 'KGSt-Bericht' });
    expect((await t.as(b.users.finance, { method: 'GET', url: `/api/v1/reports/savings?year=2025&providerId=${a.provider}` })).statusCode).toBe(404);
    expect((await t.as(memberAdminA, { method: 'GET', url: '/api/v1/reports/savings?year=2025' })).statusCode).toBe(422);
  });
});
