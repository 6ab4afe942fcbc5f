import { readInvoice, validate } from '@verbund/einvoice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { makeBillingWorld, type BillingWorld } from '../../../test/billing-fixtures.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { userContext, type AuthContext } from '../../platform/auth/auth.context.js';
import { openPostgres, type Database, type Db } from '../../platform/db/client.js';
import { withSystem } from '../../platform/db/tenant.js';
import { BillingRunsService } from './billing-runs.service.js';
import { CostPlansService } from './cost-plans.service.js';
import { InvoicesService } from './invoices.service.js';
import { lastNumber } from './runs.repository.js';
import type { PoolReduction } from './allocation.js';

let database: Database;
let db: Db;
let w: BillingWorld;
let finance: AuthContext;
let memberA: AuthContext;
let memberB: AuthContext;
let plans: CostPlansService;
let runs: BillingRunsService;
let invoices: InvoicesService;

const financeOf = (t: BillingWorld) =>
  userContext(
    { userId: t.users.finance.id, sessionId: null, requestId: 'r' },
    [t.provider, t.vg, t.gemeindeA, t.gemeindeB, t.town].map((orgId) => ({ orgId, roles: ['provider_finance' as const] })),
  );

async function planWithPools(svc: CostPlansService, auth: AuthContext) {
  const plan = await svc.create(auth, { year: 2024, title: 'Kostenplan 2024' });
  await svc.addPool(auth, plan.id, { name: 'Personal', category: 'personnel', plannedCents: 100_000_000, key: 'population' });
  return svc.addPool(auth, plan.id, { name: 'Energie', category: 'energy', plannedCents: 1_000_001, key: 'equal' });
}

async function issueAndWait(svc: BillingRunsService, auth: AuthContext, id: string) {
  await svc.startIssue(auth, id);
  await svc.settled(id);
  return svc.get(auth, id);
}

beforeAll(async () => {
  database = await testDatabase();
  db = database.db;
  w = await makeBillingWorld(db);
  finance = financeOf(w);
  memberA = userContext({ userId: w.users.userA.id, sessionId: null, requestId: 'r' }, [{ orgId: w.gemeindeA, roles: ['member_user'] }]);
  memberB = userContext({ userId: w.users.townUser.id, sessionId: null, requestId: 'r' }, [{ orgId: w.gemeindeB, roles: ['member_admin'] }]);
  plans = new CostPlansService(db);
  runs = new BillingRunsService(db);
  invoices = new InvoicesService(db);
});

describe(`billing on ${dbKind()}`, () => {
  it('previews the plan pro rata by day in a leap year and sums every pool to the cent', async () => {
    const plan = await planWithPools(plans, finance);
    const p = await plans.preview(finance, plan.id, { basis: 'planned' });
    expect(p.members.map((m) => m.orgId).sort()).toEqual([...w.billed].sort());
    const personnel = p.pools.find((x) => x.name === 'Personal')!;
    const byOrg = new Map(personnel.members.map((m) => [m.orgId, m]));
    expect(byOrg.get(w.gemeindeA)!.days).toBe(366);
    expect(byOrg.get(w.gemeindeB)!.days).toBe(184);
    expect(byOrg.get(w.town)!.days).toBe(274);
    // Weights 1000×366, 3000×184, 6000×274 = 366000 : 552000 : 1644000 of 2562000.
    expect(byOrg.get(w.gemeindeA)!.amountCents).toBe(14_285_714);
    // Floors 14285714 + 21545667 + 64168618 leave 1 cent; B has the largest remainder (.45 vs .28, .27).
    expect(byOrg.get(w.gemeindeB)!.amountCents).toBe(21_545_668);
    expect(byOrg.get(w.town)!.amountCents).toBe(64_168_618);
    for (const pool of p.pools) {
      expect(pool.members.reduce((a, m) => a + m.amountCents, 0)).toBe(pool.baseCents);
    }
    expect(p.totalCents).toBe(101_000_001);
  });

  it('lets the grants hook reduce a pool before it is split', async () => {
    const plan = (await plans.list(finance, { year: 2024 })).items[0]!;
    const personnel = plan.pools.find((x) => x.name === 'Personal')!;
    const withGrants = new CostPlansService(db, async (_tx, _scope, _pid, year, poolIds): Promise<PoolReduction[]> => {
      expect(year).toBe(2024);
      return poolIds.includes(personnel.id) ? [{ poolId: personnel.id, cents: 40_000_000n, source: 'Förderprogramm Test' }] : [];
    });
    const p = await withGrants.preview(finance, plan.id, { basis: 'planned' });
    const pool = p.pools.find((x) => x.poolId === personnel.id)!;
    expect(pool.reductionCents).toBe(40_000_000);
    expect(pool.baseCents).toBe(60_000_000);
    expect(pool.members.reduce((a, m) => a + m.amountCents, 0)).toBe(60_000_000);
  });

  it('blocks issuing while a member lacks a Leitweg-ID and lists it', async () => {
    const other = await makeBillingWorld(db, { leitwegFor: [] });
    const fin = financeOf(other);
    const plan = await planWithPools(plans, fin);
    const run = await runs.create(fin, { kind: 'advance', periodStart: '2024-01-01', periodEnd: '2024-03-31', planId: plan.id, issueDate: '2024-01-15' });
    expect(run.summary.missingLeitwegIds.length).toBe(2);
    const err = await runs.startIssue(fin, run.id).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422 });
    expect((err as { extra: { members: { orgId: string }[] } }).extra.members.map((m) => m.orgId).sort()).toEqual([other.gemeindeA, other.town].sort());
    expect((await runs.get(fin, run.id)).status).toBe('draft');
  });

  it('issues an advance run with gapless numbers and valid XRechnung; members see only their own, never drafts', async () => {
    const plan = (await plans.list(finance, { year: 2024 })).items[0]!;
    const run = await runs.create(finance, { kind: 'advance', periodStart: '2024-01-01', periodEnd: '2024-03-31', planId: plan.id, issueDate: '2024-01-15' });
    // Q1: B has not joined yet.
    expect(run.summary.invoices).toBe(2);
    expect((await invoices.list(memberA, { limit: 50 })).items).toEqual([]);
    const draftId = (await invoices.list(finance, { limit: 50, runId: run.id })).items[0]!.id;
    await expect(invoices.get(memberA, draftId)).rejects.toMatchObject({ status: 404 });

    const issued = await issueAndWait(runs, finance, run.id);
    expect(issued.status).toBe('issued');
    const list = (await invoices.list(finance, { limit: 50, runId: run.id })).items;
    expect(list.map((i) => i.number).sort()).toEqual(['RE-2024-00001', 'RE-2024-00002']);
    for (const inv of list) {
      const xml = await invoices.document(finance, inv.id, 'ubl');
      const v = validate(xml.content.toString('utf8'));
      expect(v.errors).toEqual([]);
      expect(v.valid).toBe(true);
      const cii = await invoices.document(finance, inv.id, 'cii');
      expect(validate(cii.content.toString('utf8')).valid).toBe(true);
      const pdf = await invoices.document(finance, inv.id, 'pdf');
      expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    const a = list.find((i) => i.orgId === w.gemeindeA)!;
    const detail = await invoices.get(finance, a.id);
    expect(detail.lines.every((l) => l.vatCategory === 'O')).toBe(true);
    expect(detail.documents.map((d) => d.kind).sort()).toEqual(['cii', 'pdf', 'ubl']);
    const read = readInvoice((await invoices.document(finance, a.id, 'ubl')).content.toString('utf8'));
    expect(read.ok && read.invoice.buyerReference).toBe(detail.leitwegId);

    const mine = (await invoices.list(memberA, { limit: 50 })).items;
    expect(mine.map((i) => i.orgId)).toEqual([w.gemeindeA]);
    const town = list.find((i) => i.orgId === w.town)!;
    await expect(invoices.get(memberA, town.id)).rejects.toMatchObject({ status: 404 });
    await expect(invoices.document(memberB, a.id, 'pdf')).rejects.toMatchObject({ status: 404 });
    // Issued documents cannot be changed.
    await expect(withSystem(db, (tx) => tx.execute(`update invoices set net_cents = 1 where id = '${a.id}'`))).rejects.toThrow();
    await expect(runs.recompute(finance, run.id)).rejects.toMatchObject({ status: 409 });
  });

  it('issues all or nothing: a failure mid-run consumes no number and shows no invoice', async () => {
    const plan = (await plans.list(finance, { year: 2024 })).items[0]!;
    // One invoice per chunk: on PostgreSQL the first invoice's UPDATE and XML are already sent
    // (overlapped with the next chunk) when the failure comes, and must be rolled back too.
    const failing = new BillingRunsService(db, {
      issueChunk: 1,
      hooks: {
        beforeInvoice: (i) => {
          if (i === 1) {
            throw new Error('injected failure');
          }
        },
      },
    });
    const run = await failing.create(finance, { kind: 'advance', periodStart: '2024-04-01', periodEnd: '2024-06-30', planId: plan.id, issueDate: '2024-04-15' });
    const before = await withSystem(db, (tx) => lastNumber(tx, w.provider, 2024));
    const after = await issueAndWait(failing, finance, run.id);
    expect(after.status).toBe('draft');
    expect(after.lastError).toContain('injected failure');
    expect(await withSystem(db, (tx) => lastNumber(tx, w.provider, 2024))).toBe(before);
    const drafts = (await invoices.list(finance, { limit: 50, runId: run.id })).items;
    expect(drafts.every((i) => i.status === 'draft' && i.number === null)).toBe(true);
    expect((await invoices.list(memberA, { limit: 50 })).items.some((i) => i.runId === run.id)).toBe(false);
    // Without the failure the same run issues and continues the numbers without a gap.
    const ok = await issueAndWait(runs, finance, run.id);
    expect(ok.status).toBe('issued');
    const numbers = (await invoices.list(finance, { limit: 50, runId: run.id })).items.map((i) => i.number).sort();
    // Q2: B joins only in July, so two invoices.
    expect(numbers).toEqual([`RE-2024-0000${before + 1}`, `RE-2024-0000${before + 2}`]);
  });

  it('settles the year against the advances and refunds by credit note referring to the advance (BT-25)', async () => {
    const plan = (await plans.list(finance, { year: 2024 })).items[0]!;
    const h2 = await runs.create(finance, { kind: 'advance', periodStart: '2024-07-01', periodEnd: '2024-12-31', planId: plan.id, issueDate: '2024-07-15' });
    expect((await issueAndWait(runs, finance, h2.id)).status).toBe('issued');
    // Actual cost: personnel far below plan, energy as planned.
    for (const pool of plan.pools) {
      await plans.updatePool(finance, plan.id, pool.id, { actualCents: pool.name === 'Personal' ? 50_000_000 : pool.plannedCents });
    }
    const run = await runs.create(finance, { kind: 'settlement', periodStart: '2024-01-01', periodEnd: '2024-12-31', planId: plan.id, issueDate: '2025-02-01' });
    expect(run.summary.creditNotes).toBe(3);
    expect(run.summary.netCents).toBeLessThan(0);
    expect((await issueAndWait(runs, finance, run.id)).status).toBe('issued');
    const notes = (await invoices.list(finance, { limit: 50, runId: run.id })).items;
    for (const n of notes) {
      expect(n.typeCode).toBe('381');
      expect(n.number).toMatch(/^RE-2025-0000[1-3]$/);
      expect(n.precedingNumber).toMatch(/^RE-2024-/);
      const xml = (await invoices.document(finance, n.id, 'ubl')).content.toString('utf8');
      expect(xml).toContain('<CreditNote');
      expect(validate(xml).valid).toBe(true);
      const read = readInvoice(xml);
      expect(read.ok && read.invoice.precedingInvoices[0]?.id).toBe(n.precedingNumber);
    }
    // Refund = advances − actual share, for every member together: 101,000,001 planned − 51,000,001 actual.
    expect(notes.reduce((a, n) => a + n.netCents, 0)).toBe(50_000_000);
    // A second settlement of the same year is refused.
    await expect(runs.create(finance, { kind: 'settlement', periodStart: '2024-01-01', periodEnd: '2024-12-31', planId: plan.id })).rejects.toMatchObject({ status: 422 });
  });

  it('stores the progress on the run while issuing, visible to another connection (PostgreSQL)', async () => {
    const url = inject('postgresUrl');
    if (!url) {
      // PGlite runs one statement at a time: nobody can read while the issue transaction is open.
      return;
    }
    const t = await makeBillingWorld(db);
    const fin = financeOf(t);
    const other = openPostgres(url, { max: 1 });
    const seen: { status: string; done: number; total: number }[] = [];
    try {
      const svc = new BillingRunsService(db, {
        issueChunk: 1,
        hooks: {
          afterChunk: async (done) => {
            if (done !== 1) {
              return;
            }
            // Another process's view: poll until the first invoice shows (the writer is throttled).
            for (let i = 0; i < 100; i++) {
              const r = await withSystem(other.db, (tx) => tx.execute<{ status: string; progress: { done: number; total: number } | null }>(`select status, progress from billing_runs where org_id = '${t.provider}'`));
              const row = r.rows[0]!;
              if (row.progress && row.progress.done >= 1) {
                seen.push({ status: row.status, done: row.progress.done, total: row.progress.total });
                return;
              }
              await new Promise((res) => setTimeout(res, 20));
            }
          },
        },
      });
      const plan = await planWithPools(plans, fin);
      const run = await svc.create(fin, { kind: 'advance', periodStart: '2024-01-01', periodEnd: '2024-03-31', planId: plan.id, issueDate: '2024-02-01' });
      expect((await issueAndWait(svc, fin, run.id)).status).toBe('issued');
      expect(seen).toEqual([{ status: 'issuing', done: 1, total: 2 }]);
      // Afterwards the stored progress says the run (and its PDFs) are done.
      expect((await svc.get(fin, run.id)).progress).toEqual({ phase: 'done', done: 2, total: 2 });
    } finally {
      await other.close();
    }
  });

  describe('two concurrent issues', () => {
    let second: Database | undefined;
    afterAll(async () => {
      await second?.close();
    });

    it('take gapless numbers without duplicates', async () => {
      const t = await makeBillingWorld(db);
      const fin = financeOf(t);
      // On PostgreSQL the second service runs on its own connection pool, like a second API process.
      const url = inject('postgresUrl');
      second = url ? openPostgres(url, { max: 2 }) : undefined;
      const svcA = new BillingRunsService(db);
      const svcB = new BillingRunsService(second?.db ?? db);
      const plan = await planWithPools(plans, fin);
      const r1 = await svcA.create(fin, { kind: 'advance', periodStart: '2024-01-01', periodEnd: '2024-06-30', planId: plan.id, issueDate: '2024-03-01' });
      const r2 = await svcB.create(fin, { kind: 'advance', periodStart: '2024-07-01', periodEnd: '2024-12-31', planId: plan.id, issueDate: '2024-03-01' });
      await Promise.all([svcA.startIssue(fin, r1.id), svcB.startIssue(fin, r2.id)]);
      await Promise.all([svcA.settled(r1.id), svcB.settled(r2.id)]);
      expect((await svcA.get(fin, r1.id)).status).toBe('issued');
      expect((await svcA.get(fin, r2.id)).status).toBe('issued');
      const all = (await invoices.list(fin, { limit: 50, status: 'issued' })).items.map((i) => i.number!).sort();
      expect(all.length).toBe(5);
      expect(all).toEqual([1, 2, 3, 4, 5].map((n) => `RE-2024-0000${n}`));
      expect(await withSystem(db, (tx) => lastNumber(tx, t.provider, 2024))).toBe(5);
    });
  });
});
