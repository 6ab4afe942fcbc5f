import { validate } from '@verbund/einvoice';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, problem, type TestApp } from '../../../test/app.js';
import { makeBillingWorld, type BillingWorld } from '../../../test/billing-fixtures.js';
import { testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';

let t: TestApp;
let w: BillingWorld;
let foreign: Tree;
let planId: string;

const SETTINGS = {
  sellerName: 'Kommunale IT Test AöR',
  street: 'Hauptstraße 1',
  postalCode: '07545',
  city: 'Gera',
  vatId: 'DE 123 456 789',
  iban: 'DE75 5121 0800 1245 1261 99',
  bic: 'GENODEF1GEV',
  contactName: 'Finanzen',
  contactPhone: '+49 365 123456',
  contactEmail: 'finanzen@test.verbund',
  electronicAddress: 'rechnung@test.verbund',
  paymentTermsDays: 14,
};

async function waitIssued(runId: string) {
  for (let i = 0; i < 100; i++) {
    const r = await t.as(w.users.finance, { method: 'GET', url: `/api/v1/billing-runs/${runId}` });
    if (r.json().status !== 'issuing') {
      return r.json();
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('run did not finish issuing');
}

beforeAll(async () => {
  const database = await testDatabase();
  t = await testApp(database);
  w = await makeBillingWorld(database.db);
  foreign = await makeTree(database.db);
});

describe('billing API', () => {
  it('answers 401 without a session and 403 without billing permissions', async () => {
    expect((await t.as(null, { method: 'GET', url: '/api/v1/cost-plans' })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'GET', url: '/api/v1/invoices' })).statusCode).toBe(401);
    const res = await t.as(w.users.userA, { method: 'GET', url: '/api/v1/cost-plans' });
    expect(res.statusCode).toBe(403);
    expect(problem(res).status).toBe(403);
    expect((await t.as(w.users.agent, { method: 'POST', url: '/api/v1/billing-runs', payload: { kind: 'usage', periodStart: '2024-01-01', periodEnd: '2024-03-31' } })).statusCode).toBe(403);
    // An auditor reads billing but may not change it.
    expect((await t.as(w.users.auditor, { method: 'GET', url: '/api/v1/billing-settings' })).statusCode).toBe(200);
    expect((await t.as(w.users.auditor, { method: 'PUT', url: '/api/v1/billing-settings', payload: SETTINGS })).statusCode).toBe(403);
  });

  it('keeps seller settings with checked IBAN and VAT id, and budget mappings per member', async () => {
    const bad = await t.as(w.users.finance, { method: 'PUT', url: '/api/v1/billing-settings', payload: { ...SETTINGS, iban: 'DE00 1234' } });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).errors?.some((e) => e.field.includes('iban'))).toBe(true);
    const ok = await t.as(w.users.finance, { method: 'PUT', url: '/api/v1/billing-settings', payload: SETTINGS });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ providerId: w.provider, iban: 'DE75512108001245126199', vatId: 'DE123456789', paymentTermsDays: 14 });
    const m = await t.as(w.users.finance, {
      method: 'PUT',
      url: `/api/v1/budget-mappings/${w.gemeindeA}`,
      payload: { system: 'doppik', product: '11.1.01', account: '5431000', costCentre: 'KST-100' },
    });
    expect(m.statusCode).toBe(200);
    expect((await t.as(w.users.finance, { method: 'PUT', url: `/api/v1/budget-mappings/${w.gemeindeB}`, payload: { system: 'kameralistik' } })).statusCode).toBe(400);
    expect((await t.as(w.users.finance, { method: 'PUT', url: `/api/v1/budget-mappings/${foreign.gemeindeA}`, payload: { system: 'kameralistik', budgetLine: '0200.6520' } })).statusCode).toBe(404);
    const list = await t.as(w.users.finance, { method: 'GET', url: '/api/v1/budget-mappings' });
    expect(list.json().items.find((i: { orgId: string }) => i.orgId === w.gemeindeA)).toMatchObject({ system: 'doppik', account: '5431000' });
  });

  it('edits a cost plan, refuses bad pools and explains the preview', async () => {
    const created = await t.as(w.users.finance, { method: 'POST', url: '/api/v1/cost-plans', payload: { year: 2024, title: 'Kostenplan 2024' } });
    expect(created.statusCode).toBe(201);
    planId = created.json().id;
    expect((await t.as(w.users.finance, { method: 'POST', url: '/api/v1/cost-plans', payload: { year: 2024, title: 'again' } })).statusCode).toBe(409);
    expect((await t.as(w.users.finance, { method: 'POST', url: '/api/v1/cost-plans', payload: { year: 'x', title: 't' } })).statusCode).toBe(400);
    const float = await t.as(w.users.finance, { method: 'POST', url: `/api/v1/cost-plans/${planId}/pools`, payload: { name: 'P', category: 'personnel', plannedCents: 10.5, key: 'equal' } });
    expect(float.statusCode).toBe(400);
    const fixed = await t.as(w.users.finance, {
      method: 'POST',
      url: `/api/v1/cost-plans/${planId}/pools`,
      payload: { name: 'Lizenzen', category: 'licences', plannedCents: 100_000, key: 'fixed', fixedShares: { [w.gemeindeA]: 500_000, [w.town]: 400_000 } },
    });
    expect(fixed.statusCode).toBe(422);
    expect(problem(fixed).detail).toMatch(/90,0000|90\.0000/);
    for (const pool of [
      { name: 'Personal', category: 'personnel', plannedCents: 12_000_000, key: 'population' },
      { name: 'Lizenzen', category: 'licences', plannedCents: 300_001, key: 'fixed', fixedShares: { [w.gemeindeA]: 500_000, [w.gemeindeB]: 250_000, [w.town]: 250_000 } },
      { name: 'Arbeitsplätze', category: 'depreciation', plannedCents: 999_999, key: 'workstations' },
    ]) {
      expect((await t.as(w.users.finance, { method: 'POST', url: `/api/v1/cost-plans/${planId}/pools`, payload: pool })).statusCode).toBe(201);
    }
    const preview = await t.as(w.users.finance, { method: 'GET', url: `/api/v1/cost-plans/${planId}/preview` });
    expect(preview.statusCode).toBe(200);
    const p = preview.json();
    expect(p.totalCents).toBe(12_000_000 + 300_001 + 999_999);
    for (const pool of p.pools) {
      expect(pool.members.reduce((a: number, m: { amountCents: number }) => a + m.amountCents, 0)).toBe(pool.baseCents);
      for (const m of pool.members) {
        expect(m).toHaveProperty('keyValue');
        expect(m).toHaveProperty('sharePercent');
        expect(m).toHaveProperty('days');
      }
    }
    expect((await t.as(w.users.finance, { method: 'GET', url: `/api/v1/cost-plans/${planId}/preview?periodStart=2023-01-01` })).statusCode).toBe(422);
    // Another provider's finance sees nothing of it.
    const other = await makeTree((await testDatabase()).db);
    expect((await t.as(other.users.finance, { method: 'GET', url: `/api/v1/cost-plans/${planId}` })).statusCode).toBe(404);
    expect((await t.as(other.users.finance, { method: 'GET', url: `/api/v1/cost-plans/${planId}/preview` })).statusCode).toBe(404);
    expect((await t.as(w.users.finance, { method: 'GET', url: '/api/v1/cost-plans/not-a-uuid' })).statusCode).toBe(400);
  });

  it('runs advances: draft invisible to members, issue (202 + progress), own invoices only, XML/PDF/ZIP/CSV downloads', async () => {
    const bad = await t.as(w.users.finance, { method: 'POST', url: '/api/v1/billing-runs', payload: { kind: 'advance', periodStart: '2024-03-01', periodEnd: '2024-01-31', planId } });
    expect(bad.statusCode).toBe(400);
    const created = await t.as(w.users.finance, {
      method: 'POST',
      url: '/api/v1/billing-runs',
      payload: { kind: 'advance', periodStart: '2024-07-01', periodEnd: '2024-09-30', planId, issueDate: '2024-07-10' },
    });
    expect(created.statusCode).toBe(201);
    const run = created.json();
    expect(run.status).toBe('draft');
    expect(run.summary.invoices).toBe(3);
    const drafts = (await t.as(w.users.finance, { method: 'GET', url: `/api/v1/invoices?runId=${run.id}` })).json().items;
    expect(drafts.length).toBe(3);
    const draftOfA = drafts.find((i: { orgId: string }) => i.orgId === w.gemeindeA);
    expect((await t.as(w.users.userA, { method: 'GET', url: `/api/v1/invoices/${draftOfA.id}` })).statusCode).toBe(404);
    expect((await t.as(w.users.userA, { method: 'GET', url: '/api/v1/invoices' })).json().items).toEqual([]);
    expect((await t.as(w.users.finance, { method: 'GET', url: `/api/v1/invoices/${draftOfA.id}/xrechnung` })).statusCode).toBe(409);
    expect((await t.as(w.users.finance, { method: 'POST', url: `/api/v1/billing-runs/${run.id}/recompute` })).statusCode).toBe(200);
    expect((await t.as(w.users.userA, { method: 'POST', url: `/api/v1/billing-runs/${run.id}/issue` })).statusCode).toBe(404);

    const issuing = await t.as(w.users.finance, { method: 'POST', url: `/api/v1/billing-runs/${run.id}/issue` });
    expect(issuing.statusCode).toBe(202);
    expect(issuing.json().progress).toMatchObject({ phase: 'issue', total: 3 });
    const done = await waitIssued(run.id);
    expect(done.status).toBe('issued');
    expect((await t.as(w.users.finance, { method: 'POST', url: `/api/v1/billing-runs/${run.id}/issue` })).statusCode).toBe(409);

    const mineRes = await t.as(w.users.userA, { method: 'GET', url: '/api/v1/invoices' });
    expect(mineRes.statusCode, mineRes.body).toBe(200);
    const mine = mineRes.json().items;
    expect(mine.length).toBe(1);
    expect(mine[0]).toMatchObject({ orgId: w.gemeindeA, status: 'issued', number: 'RE-2024-00001' });
    const townInvoice = (await t.as(w.users.finance, { method: 'GET', url: `/api/v1/invoices?memberId=${w.town}` })).json().items[0];
    expect((await t.as(w.users.userA, { method: 'GET', url: `/api/v1/invoices/${townInvoice.id}` })).statusCode).toBe(404);
    expect((await t.as(w.users.userA, { method: 'GET', url: `/api/v1/invoices/${townInvoice.id}/pdf` })).statusCode).toBe(404);
    expect((await t.as(w.users.userA, { method: 'GET', url: `/api/v1/invoices?memberId=${w.town}` })).statusCode).toBe(404);

    const xml = await t.as(w.users.userA, { method: 'GET', url: `/api/v1/invoices/${mine[0].id}/xrechnung` });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toMatch(/application\/xml/);
    expect(validate(xml.body).valid).toBe(true);
    const cii = await t.as(w.users.userA, { method: 'GET', url: `/api/v1/invoices/${mine[0].id}/xrechnung?syntax=cii` });
    expect(cii.body).toContain('CrossIndustryInvoice');
    expect(validate(cii.body).valid).toBe(true);
    expect((await t.as(w.users.userA, { method: 'GET', url: `/api/v1/invoices/${mine[0].id}/xrechnung?syntax=pdf` })).statusCode).toBe(400);
    const pdf = await t.as(w.users.userA, { method: 'GET', url: `/api/v1/invoices/${mine[0].id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const again = await t.as(w.users.userA, { method: 'GET', url: `/api/v1/invoices/${mine[0].id}/pdf` });
    expect(again.headers.etag).toBe(pdf.headers.etag);
    const view = await t.as(w.users.userA, { method: 'GET', url: `/api/v1/invoices/${mine[0].id}/view` });
    expect(view.body).toContain('RE-2024-00001');

    const zip = await t.as(w.users.finance, { method: 'GET', url: `/api/v1/billing-runs/${run.id}/zip` });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-disposition']).toMatch(/^attachment; filename=".+\.zip"; filename\*=UTF-8''.+\.zip$/);
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['RE-2024-00001.pdf', 'RE-2024-00001.xml', 'RE-2024-00002.pdf', 'RE-2024-00002.xml', 'RE-2024-00003.pdf', 'RE-2024-00003.xml']);
    for (const [name, data] of Object.entries(files)) {
      if (name.endsWith('.xml')) {
        expect(validate(Buffer.from(data).toString('utf8')).valid).toBe(true);
      }
    }
    expect((await t.as(w.users.userA, { method: 'GET', url: `/api/v1/billing-runs/${run.id}/zip` })).statusCode).toBe(404);
    const csv = await t.as(w.users.finance, { method: 'GET', url: `/api/v1/billing-runs/${run.id}/budget-export?format=csv` });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('5431000');
    expect(csv.body).toContain('Abschlag');
    const xlsx = await t.as(w.users.finance, { method: 'GET', url: `/api/v1/billing-runs/${run.id}/budget-export?format=xlsx` });
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await t.as(w.users.finance, { method: 'GET', url: `/api/v1/billing-runs/${run.id}/budget-export?format=pdf` })).statusCode).toBe(400);
  });

  it('refuses to issue while members lack a Leitweg-ID (422 listing them)', async () => {
    const db = (await testDatabase()).db;
    const v = await makeBillingWorld(db, { leitwegFor: [] });
    const plan = (await t.as(v.users.finance, { method: 'POST', url: '/api/v1/cost-plans', payload: { year: 2024, title: 'P' } })).json();
    await t.as(v.users.finance, { method: 'POST', url: `/api/v1/cost-plans/${plan.id}/pools`, payload: { name: 'Personal', category: 'personnel', plannedCents: 1_000_000, key: 'equal' } });
    const run = (await t.as(v.users.finance, { method: 'POST', url: '/api/v1/billing-runs', payload: { kind: 'advance', periodStart: '2024-01-01', periodEnd: '2024-12-31', planId: plan.id } })).json();
    const res = await t.as(v.users.finance, { method: 'POST', url: `/api/v1/billing-runs/${run.id}/issue` });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.members.map((m: { orgId: string }) => m.orgId).sort()).toEqual([v.gemeindeA, v.gemeindeB, v.town].sort());
    expect((await t.as(v.users.finance, { method: 'DELETE', url: `/api/v1/billing-runs/${run.id}` })).statusCode).toBe(204);
    expect((await t.as(v.users.finance, { method: 'GET', url: `/api/v1/billing-runs/${run.id}` })).statusCode).toBe(404);
  });
});
