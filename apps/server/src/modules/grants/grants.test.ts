import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { userContext, type AuthContext } from '../../platform/auth/auth.context.js';
import type { Db } from '../../platform/db/client.js';
import { withSystem, withTenant } from '../../platform/db/tenant.js';
import { LocalFileStore } from '../../platform/files/index.js';
import { CostPlansService } from '../billing/index.js';
import { DrawdownsService, grantPoolReductions } from './drawdowns.service.js';
import { GrantsService } from './grants.service.js';
import { PlanExpensesService } from './plan-expenses.service.js';
import { ProofService } from './proof.service.js';
import { remindGrantDeadlines } from './reminders.js';
import { toCents } from './grants.rules.js';
import { tmpdir } from 'node:os';
import path from 'node:path';

let db: Db;
let w: Tree;
let other: Tree;
let finance: AuthContext;
let otherFinance: AuthContext;
let memberA: AuthContext;
let memberB: AuthContext;
let town: AuthContext;
let grantsSvc: GrantsService;
let plan: PlanExpensesService;
let drawdowns: DrawdownsService;
let proof: ProofService;
const NOW = new Date('2025-03-15T10:00:00Z');

const staff = (t: Tree, userId: string) =>
  userContext({ userId, sessionId: null, requestId: 'r' }, [t.provider, t.vg, t.gemeindeA, t.gemeindeB, t.town].map((orgId) => ({ orgId, roles: ['provider_finance' as const] })));
const memberAdmin = (userId: string, orgId: string) => userContext({ userId, sessionId: null, requestId: 'r' }, [{ orgId, roles: ['member_admin'] }]);

async function kidsLike(perMember = false) {
  const programme = await grantsSvc.createProgramme(finance, { name: `E-Government-Richtlinie ${Math.random()}`, authority: 'TFM', paysPerMember: perMember, notes: null });
  const g = await grantsSvc.create(finance, {
    programmeId: programme.id,
    title: 'Aufbau IT-Dienstleistungszentrum',
    authority: 'Thüringer Finanzministerium',
    fileReference: `EGOV-${Math.random().toString(36).slice(2, 8)}`,
    noticeDate: '2024-01-15',
    fundingType: 'share',
    ratePercent: '72.44',
    ceiling: null,
    amount: '3332171.18',
    eligibleCost: '4600000.00',
    ineligibleCost: '0.00',
    periodStart: '2024-01-01',
    periodEnd: '2027-12-31',
    lineDeviationPercent: '20',
    lockInYears: 5,
    interimProofDue: '2025-04-10',
    finalProofDue: '2028-06-30',
    beneficiaries: [
      { orgId: w.gemeindeA, sharePercent: '10', amount: '333217.12', ownShare: '126782.88' },
      { orgId: w.gemeindeB, sharePercent: '5', amount: '166608.56', ownShare: '63391.44' },
    ],
  });
  await plan.addLine(finance, g.id, { code: '1', title: 'Hardware', budget: '2600000.00' });
  const p = await plan.addLine(finance, g.id, { code: '2', title: 'Software und Dienstleistungen', budget: '2000000.00' });
  return { grant: g, lines: p.items };
}

beforeAll(async () => {
  const database = await testDatabase();
  db = database.db;
  w = await makeTree(db);
  other = await makeTree(db);
  finance = staff(w, w.users.finance.id);
  otherFinance = staff(other, other.users.finance.id);
  memberA = memberAdmin(w.users.userA.id, w.gemeindeA);
  memberB = memberAdmin(w.users.vgAdmin.id, w.gemeindeB);
  town = memberAdmin(w.users.townUser.id, w.town);
  const clock = () => NOW;
  grantsSvc = new GrantsService(db, clock);
  plan = new PlanExpensesService(db, new LocalFileStore(path.join(tmpdir(), 'verbund-files-grants-test')), 1 << 20);
  drawdowns = new DrawdownsService(db, clock);
  proof = new ProofService(db, clock);
});

describe(`grants on ${dbKind()}`, () => {
  it('draws down pro rata with the own share, only for payments due within two months', async () => {
    const { grant, lines } = await kidsLike();
    const [hw, sw] = lines;
    await plan.addExpense(finance, grant.id, { planLineId: hw!.id, expenseDate: '2025-02-20', dueDate: '2025-03-20', payee: 'Systemhaus Erfurt GmbH', purpose: 'Server', amount: '100000.00' });
    await plan.addExpense(finance, grant.id, { planLineId: sw!.id, expenseDate: '2025-03-01', dueDate: '2025-05-15', payee: 'Software AG', purpose: 'Lizenzen', amount: '15000.00' });
    const later = await plan.addExpense(finance, grant.id, { planLineId: sw!.id, expenseDate: '2025-03-10', dueDate: '2025-05-16', payee: 'Beratung GmbH', purpose: 'Migration', amount: '40000.00' });

    const pre = await drawdowns.preview(finance, grant.id, {});
    expect(pre.requestedOn).toBe('2025-03-15');
    expect(pre.latestDue).toBe('2025-05-15');
    expect(pre.expenses).toBe('115000.00');
    expect(pre.proRata).toBe('83304.28');
    expect(pre.ownShare).toBe('31695.72');
    expect(pre.excluded).toEqual([{ id: later.id, reason: 'due_later' }]);
    expect(pre.warnings).toEqual(['expenses_due_later']);

    const { drawdown } = await drawdowns.create(finance, grant.id, {});
    expect(drawdown).toMatchObject({ number: 1, amount: '83304.28', computedAmount: '83304.28', status: 'requested', expenseCount: 2 });
    // The claimed expenses are not claimed twice; the later one comes with the next drawdown.
    const next = await drawdowns.preview(finance, grant.id, { requestedOn: '2025-03-16' });
    expect(next.expenseIds).toEqual([later.id]);
    expect(next.proRata).toBe('28975.40');
    const asked = await drawdowns.create(finance, grant.id, { requestedOn: '2025-03-16', amount: '40000.00' });
    expect(asked.drawdown.warnings).toContain('exceeds_pro_rata');
    expect(asked.drawdown.amount).toBe('40000.00');

    await expect(drawdowns.setStatus(finance, grant.id, drawdown.id, { to: 'received' })).rejects.toMatchObject({ status: 409 });
    await drawdowns.setStatus(finance, grant.id, drawdown.id, { to: 'approved', date: '2025-03-20' });
    const received = await drawdowns.setStatus(finance, grant.id, drawdown.id, { to: 'received', date: '2025-03-28' });
    expect(received).toMatchObject({ status: 'received', approvedOn: '2025-03-20', receivedOn: '2025-03-28' });
    const g = await grantsSvc.get(finance, grant.id);
    expect(g).toMatchObject({ spent: '155000.00', drawn: '123304.28', received: '83304.28', ownShare: '1267828.82' });
    await expect(plan.removeExpense(finance, grant.id, later.id)).rejects.toMatchObject({ status: 409 });
  });

  it('warns about plan lines beyond the deviation limit or not offset, and the binding total', async () => {
    const { grant, lines } = await kidsLike();
    const [hw, sw] = lines;
    // Line 2 runs 20 % over, offset by line 1 below budget: allowed.
    await plan.addExpense(finance, grant.id, { planLineId: sw!.id, expenseDate: '2025-01-10', payee: 'A', purpose: 'x', amount: '2400000.00' });
    let p = await plan.plan(finance, grant.id);
    expect(p.items.map((l) => l.state)).toEqual(['ok', 'over_offset']);
    expect(p.warnings).toEqual([]);
    // One cent more: beyond 20 %.
    await plan.addExpense(finance, grant.id, { planLineId: sw!.id, expenseDate: '2025-01-11', payee: 'A', purpose: 'y', amount: '0.01' });
    p = await plan.plan(finance, grant.id);
    expect(p.items[1]!.state).toBe('over_limit');
    expect(p.warnings.map((x) => x.code)).toEqual(['line_over_limit']);
    // A tighter limit on line 1 and the total exceeded.
    await plan.updateLine(finance, grant.id, hw!.id, { deviationPercent: '5' });
    await plan.addExpense(finance, grant.id, { planLineId: hw!.id, expenseDate: '2025-01-12', payee: 'B', purpose: 'z', amount: '2700000.00' });
    p = await plan.plan(finance, grant.id);
    expect(p.items[0]).toMatchObject({ state: 'over_not_offset', overPercent: '3.8', limitPercent: '5.00' });
    expect(p.warnings.map((x) => x.code)).toEqual(['total_exceeded', 'line_over_not_offset', 'line_over_limit']);
    const g = await grantsSvc.get(finance, grant.id);
    expect(g.warnings.map((x) => x.code)).toEqual(expect.arrayContaining(['total_exceeded', 'interim_proof_due']));
  });

  it('proves use with sums equal to the booked expenses, as PDF and XLSX', async () => {
    const { grant, lines } = await kidsLike();
    const amounts = ['1234.56', '0.07', '99999.99', '42.00'];
    for (const [i, a] of amounts.entries()) {
      await plan.addExpense(finance, grant.id, { planLineId: lines[i % 2]!.id, expenseDate: `2025-02-0${i + 1}`, payee: `Firma ${i}`, purpose: 'Beschaffung', amount: a });
    }
    const m = await proof.model(finance, grant.id);
    const booked = (await plan.listExpenses(finance, grant.id)).total;
    expect(m.totalActual).toBe(booked);
    expect(m.totalActual).toBe('101276.62');
    expect(m.receipts.map((r) => r.amount)).toEqual(amounts.map((a) => toCents(a)).map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`));
    expect(m.lines.reduce((s, l) => s + toCents(l.actual), 0n)).toBe(toCents(booked));
    expect(m.lines.map((l) => l.count)).toEqual([2, 2]);
    const pdf = await proof.pdf(finance, grant.id);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await proof.xlsx(finance, grant.id);
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
    expect(xlsx.filename).toMatch(/^verwendungsnachweis-EGOV-.*\.xlsx$/);
  });

  it('shows members only grants passed on to them and only their share', async () => {
    const { grant, lines } = await kidsLike();
    await plan.addExpense(finance, grant.id, { planLineId: lines[0]!.id, expenseDate: '2025-02-01', payee: 'A', purpose: 'für A', amount: '1000.00', memberId: w.gemeindeA });
    await plan.addExpense(finance, grant.id, { planLineId: lines[0]!.id, expenseDate: '2025-02-01', payee: 'B', purpose: 'für B', amount: '2000.00', memberId: w.gemeindeB });
    await plan.addExpense(finance, grant.id, { planLineId: lines[0]!.id, expenseDate: '2025-02-01', payee: 'P', purpose: 'zentral', amount: '3000.00' });

    const a = await grantsSvc.get(memberA, grant.id);
    expect(a).toMatchObject({ full: false, amount: '333217.12', ownShare: '126782.88', spent: '1000.00', reportText: null });
    expect(a.beneficiaries.map((b) => b.orgId)).toEqual([w.gemeindeA]);
    expect((await plan.listExpenses(memberA, grant.id)).items.map((e) => e.purpose)).toEqual(['für A']);
    expect((await grantsSvc.list(memberA, {})).items.map((g) => g.id)).toContain(grant.id);
    // Plan and proof belong to the recipient.
    await expect(plan.plan(memberA, grant.id)).rejects.toMatchObject({ status: 403 });
    await expect(proof.model(memberA, grant.id)).rejects.toMatchObject({ status: 403 });
    await expect(grantsSvc.update(memberA, grant.id, { title: 'x' })).rejects.toMatchObject({ status: 403 });
    // Not a beneficiary, another provider: the grant does not exist for them.
    await expect(grantsSvc.get(town, grant.id)).rejects.toMatchObject({ status: 404 });
    expect((await grantsSvc.list(town, {})).items.map((g) => g.id)).not.toContain(grant.id);
    await expect(grantsSvc.get(otherFinance, grant.id)).rejects.toMatchObject({ status: 404 });
    await expect(plan.addExpense(otherFinance, grant.id, { planLineId: lines[0]!.id, expenseDate: '2025-02-01', payee: 'X', purpose: 'x', amount: '1.00' })).rejects.toMatchObject({
      status: 404,
    });

    // The database backstop: under the member's tenant setting only its own rows exist.
    const seen = await withTenant(db, memberA, async (tx) => ({
      grants: (await tx.execute<{ id: string }>(sql`select id from grants where id = ${grant.id}`)).rows.length,
      bens: (await tx.execute<{ org_id: string }>(sql`select org_id from grant_beneficiaries where grant_id = ${grant.id}`)).rows.map((r) => r.org_id),
      expenses: (await tx.execute<{ purpose: string }>(sql`select purpose from grant_expenses where grant_id = ${grant.id}`)).rows.map((r) => r.purpose),
      lines: (await tx.execute(sql`select id from grant_plan_lines where grant_id = ${grant.id}`)).rows.length,
    }));
    expect(seen).toEqual({ grants: 1, bens: [w.gemeindeA], expenses: ['für A'], lines: 0 });
    const townSees = await withTenant(db, town, (tx) => tx.execute(sql`select id from grants where id = ${grant.id}`));
    expect(townSees.rows).toEqual([]);
    const write = await withTenant(db, memberA, (tx) => tx.execute(sql`update grants set title = 'gekapert' where id = ${grant.id}`)).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(Error);
    const del = await withTenant(db, memberA, (tx) => tx.execute(sql`delete from grants where id = ${grant.id}`));
    expect(del.rowCount ?? 0).toBe(0);
  });

  it('pays per member where the programme does, capped at the member’s part', async () => {
    const { grant, lines } = await kidsLike(true);
    await plan.addExpense(finance, grant.id, { planLineId: lines[0]!.id, expenseDate: '2025-03-01', payee: 'A', purpose: 'A', amount: '600000.00', memberId: w.gemeindeA });
    await plan.addExpense(finance, grant.id, { planLineId: lines[0]!.id, expenseDate: '2025-03-01', payee: 'B', purpose: 'B', amount: '1000.00', memberId: w.gemeindeB });
    await expect(drawdowns.create(finance, grant.id, {})).rejects.toMatchObject({ status: 422 });
    const a = await drawdowns.preview(finance, grant.id, { memberId: w.gemeindeA });
    // Pro rata 434,631.02 but the member's part is 333,217.12.
    expect(a).toMatchObject({ proRata: '434631.02', allowed: '333217.12', expenses: '600000.00' });
    const { drawdown } = await drawdowns.create(finance, grant.id, { memberId: w.gemeindeA });
    expect(drawdown).toMatchObject({ amount: '333217.12', member: { id: w.gemeindeA } });
    expect((await drawdowns.list(memberA, grant.id)).items.map((d) => d.id)).toEqual([drawdown.id]);
    expect((await drawdowns.list(memberB, grant.id)).items).toEqual([]);
    const b = await drawdowns.create(finance, grant.id, { memberId: w.gemeindeB, amount: '200000.00' });
    expect(b.drawdown.warnings).toEqual(expect.arrayContaining(['exceeds_pro_rata', 'exceeds_member_share']));
    const g = await grantsSvc.get(finance, grant.id);
    expect(g.beneficiaries.find((x) => x.orgId === w.gemeindeA)).toMatchObject({ drawnAmount: '333217.12', receivedAmount: '0.00' });
  });

  it('reduces a cost pool by drawdowns received (billing hook)', async () => {
    const plans = new CostPlansService(db, grantPoolReductions);
    const cp = await plans.create(finance, { year: 2025, title: 'Kostenplan 2025' });
    const pool = await plans.addPool(finance, cp.id, { name: 'Rechenzentrum', category: 'personnel', plannedCents: 50_000_000, key: 'equal' });
    const poolId = pool.pools[0]!.id;
    const { grant, lines } = await kidsLike();
    await plan.addExpense(finance, grant.id, { planLineId: lines[0]!.id, expenseDate: '2025-03-01', payee: 'A', purpose: 'x', amount: '10000.00' });
    const { drawdown } = await drawdowns.create(finance, grant.id, {});
    await drawdowns.setStatus(finance, grant.id, drawdown.id, { to: 'approved' });
    await expect(drawdowns.setStatus(otherFinance, grant.id, drawdown.id, { to: 'received', costPoolId: poolId })).rejects.toMatchObject({ status: 404 });
    await drawdowns.setStatus(finance, grant.id, drawdown.id, { to: 'received', costPoolId: poolId });
    const p = await plans.preview(finance, cp.id, { basis: 'planned' });
    expect(p.pools[0]).toMatchObject({ grossCents: 50_000_000, reductionCents: 724_385 });
  });

  it('reminds finance of proof deadlines once, 30 days ahead', async () => {
    const { grant } = await kidsLike();
    const count = () =>
      withSystem(db, async (tx) => Number((await tx.execute<{ n: number }>(sql`select count(*)::int as n from mail_outbox where kind = 'grant_deadline' and subject like ${`%${grant.fileReference}%`}`)).rows[0]!.n));
    await remindGrantDeadlines(db, new Date('2025-03-10T08:00:00Z'));
    expect(await count()).toBe(0);
    await remindGrantDeadlines(db, new Date('2025-03-12T08:00:00Z'));
    // One finance and one admin user of the provider hold a role there.
    expect(await count()).toBe(2);
    await remindGrantDeadlines(db, new Date('2025-03-13T08:00:00Z'));
    expect(await count()).toBe(2);
  });
});
