import { describe, expect, it } from 'vitest';
import {
  addMonths,
  aloneEstimate,
  checkPlan,
  computeDrawdown,
  disposedInLockIn,
  drawdownNext,
  fromCents,
  lockInEnd,
  mulDivRound,
  proofSums,
  reminderDue,
  toCents,
  type GrantTerms,
} from './grants.rules.js';

// KIDS: 3,332,171.18 EUR of 4,600,000.00 EUR eligible (≈ 72.44 %).
const kids: GrantTerms = { amountCents: 333_217_118n, eligibleCents: 460_000_000n, periodStart: '2024-01-01', periodEnd: '2027-12-31' };
const exp = (id: string, amount: string, dueDate: string, o: { drawn?: boolean; expenseDate?: string } = {}) => ({
  id,
  amountCents: toCents(amount),
  expenseDate: o.expenseDate ?? '2025-03-01',
  dueDate,
  drawn: o.drawn ?? false,
});

describe('money', () => {
  it('parses and prints decimal strings without floats', () => {
    expect(toCents('3332171.18')).toBe(333_217_118n);
    expect(toCents('0.5')).toBe(50n);
    expect(toCents('-3')).toBe(-300n);
    expect(fromCents(5n)).toBe('0.05');
    expect(fromCents(-123_456n)).toBe('-1234.56');
    expect(() => toCents('1.234')).toThrow(RangeError);
    expect(() => toCents('1e3')).toThrow(RangeError);
  });
  it('rounds half away from zero', () => {
    expect(mulDivRound(5n, 1n, 2n)).toBe(3n);
    expect(mulDivRound(-5n, 1n, 2n)).toBe(-3n);
    expect(mulDivRound(4n, 1n, 3n)).toBe(1n);
  });
});

describe('two-month rule', () => {
  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths('2025-03-15', 2)).toBe('2025-05-15');
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(addMonths('2025-11-30', 2)).toBe('2026-01-30');
  });

  it('claims only payments due within two months of the request', () => {
    const r = computeDrawdown({
      terms: kids,
      expenses: [exp('a', '100000.00', '2025-04-01'), exp('b', '50000.00', '2025-05-15'), exp('c', '70000.00', '2025-05-16')],
      requestDate: '2025-03-15',
      earlierCents: 0n,
    });
    expect(r.latestDue).toBe('2025-05-15');
    expect(r.included).toEqual(['a', 'b']);
    expect(r.excluded).toEqual([{ id: 'c', reason: 'due_later' }]);
    expect(r.warnings).toContain('expenses_due_later');
  });

  it('skips expenses already drawn and those outside the approval period', () => {
    const r = computeDrawdown({
      terms: kids,
      expenses: [exp('a', '10.00', '2025-04-01', { drawn: true }), exp('b', '10.00', '2025-04-01', { expenseDate: '2023-12-31' })],
      requestDate: '2025-03-15',
      earlierCents: 0n,
    });
    expect(r.included).toEqual([]);
    expect(r.excluded.map((x) => x.reason)).toEqual(['already_drawn', 'outside_period']);
    expect(r.amountCents).toBe(0n);
    expect(r.warnings).toEqual(expect.arrayContaining(['no_due_expenses', 'expenses_outside_period']));
  });
});

describe('pro-rata drawdown', () => {
  it('funds each euro by grant / eligible cost; the rest is the own share', () => {
    const r = computeDrawdown({ terms: kids, expenses: [exp('a', '100000.00', '2025-04-01'), exp('b', '15000.00', '2025-04-20')], requestDate: '2025-03-15', earlierCents: 0n });
    // 115,000.00 × 3,332,171.18 / 4,600,000.00 = 83,304.2795 → 83,304.28
    expect(fromCents(r.proRataCents)).toBe('83304.28');
    expect(fromCents(r.ownShareCents)).toBe('31695.72');
    expect(r.amountCents).toBe(r.proRataCents);
    expect(r.proRataCents + r.ownShareCents).toBe(r.expenseCents);
    expect(r.warnings).toEqual([]);
  });

  it('full financing funds the whole expense', () => {
    const r = computeDrawdown({
      terms: { amountCents: 100_000n, eligibleCents: 100_000n, periodStart: '2025-01-01', periodEnd: '2025-12-31' },
      expenses: [exp('a', '400.00', '2025-04-01')],
      requestDate: '2025-03-15',
      earlierCents: 0n,
    });
    expect(r.amountCents).toBe(40_000n);
    expect(r.ownShareCents).toBe(0n);
  });

  it('never allows more than is left of the grant, and warns when a request asks for more', () => {
    const r = computeDrawdown({ terms: kids, expenses: [exp('a', '100000.00', '2025-04-01')], requestDate: '2025-03-15', earlierCents: 333_000_000n });
    expect(fromCents(r.allowedCents)).toBe('2171.18');
    const asked = computeDrawdown({ terms: kids, expenses: [exp('a', '100000.00', '2025-04-01')], requestDate: '2025-03-15', earlierCents: 0n, requestedCents: toCents('80000.00') });
    expect(asked.amountCents).toBe(8_000_000n);
    expect(asked.warnings).toContain('exceeds_pro_rata');
    const over = computeDrawdown({ terms: kids, expenses: [exp('a', '100000.00', '2025-04-01')], requestDate: '2025-03-15', earlierCents: 333_000_000n, requestedCents: toCents('5000.00') });
    expect(over.warnings).toEqual(['exceeds_grant']);
  });

  it('caps at the member’s part where the programme pays per member', () => {
    const r = computeDrawdown({
      terms: { amountCents: 220_000_000n, eligibleCents: 220_000_000n, periodStart: '2024-01-01', periodEnd: '2027-12-31' },
      expenses: [exp('a', '120000.00', '2025-04-01')],
      requestDate: '2025-03-15',
      earlierCents: 0n,
      member: { amountCents: 10_000_000n, earlierCents: 2_000_000n },
    });
    expect(fromCents(r.allowedCents)).toBe('80000.00');
    const asked = computeDrawdown({
      terms: { amountCents: 220_000_000n, eligibleCents: 220_000_000n, periodStart: '2024-01-01', periodEnd: '2027-12-31' },
      expenses: [exp('a', '120000.00', '2025-04-01')],
      requestDate: '2025-03-15',
      earlierCents: 0n,
      member: { amountCents: 10_000_000n, earlierCents: 2_000_000n },
      requestedCents: 9_000_000n,
    });
    expect(asked.warnings).toContain('exceeds_member_share');
    expect(asked.warnings).not.toContain('exceeds_pro_rata');
  });

  it('moves requested → approved → received only', () => {
    expect(drawdownNext('requested')).toEqual(['approved']);
    expect(drawdownNext('approved')).toEqual(['received']);
    expect(drawdownNext('received')).toEqual([]);
  });
});

describe('financing plan deviations', () => {
  const line = (id: string, budget: string, actual: string, deviationPercent: string | null = null) => ({
    id,
    code: id.toUpperCase(),
    budgetCents: toCents(budget),
    actualCents: toCents(actual),
    deviationPercent,
  });

  it('accepts a line up to 20 % over when other lines offset it', () => {
    const c = checkPlan([line('a', '1000.00', '1200.00'), line('b', '1000.00', '700.00')], '20');
    expect(c.lines[0]!.state).toBe('over_offset');
    expect(c.lines[0]!.overPercent).toBe('20.0');
    expect(c.warnings).toEqual([]);
  });

  it('warns beyond the limit, also when offset', () => {
    const c = checkPlan([line('a', '1000.00', '1200.01'), line('b', '1000.00', '500.00')], '20');
    expect(c.lines[0]!.state).toBe('over_limit');
    expect(c.warnings.map((w) => w.code)).toEqual(['line_over_limit']);
  });

  it('warns when the overrun is not offset and the total is exceeded', () => {
    const c = checkPlan([line('a', '1000.00', '1100.00'), line('b', '1000.00', '950.00')], '20');
    expect(c.lines[0]!.state).toBe('over_not_offset');
    expect(c.warnings.map((w) => w.code)).toEqual(['total_exceeded', 'line_over_not_offset']);
  });

  it('honours a per-line limit and a line without budget', () => {
    const c = checkPlan([line('a', '1000.00', '1100.00', '5'), line('b', '0.00', '10.00'), line('c', '1000.00', '0.00')], '20');
    expect(c.lines.map((l) => l.state)).toEqual(['over_limit', 'over_limit', 'ok']);
  });

  it('notes a plan whose budgets do not add up to the eligible cost', () => {
    expect(checkPlan([line('a', '1000.00', '0.00')], '20', toCents('1500.00')).warnings.map((w) => w.code)).toEqual(['budget_differs_from_eligible']);
  });
});

describe('proof of use sums', () => {
  it('adds every booked expense once, per line and in total', () => {
    const s = proofSums(
      [
        { id: 'a', budgetCents: 100n },
        { id: 'b', budgetCents: 200n },
      ],
      [
        { planLineId: 'a', amountCents: 30n },
        { planLineId: 'b', amountCents: 45n },
        { planLineId: 'a', amountCents: 12n },
      ],
    );
    expect(s.perLine.get('a')).toEqual({ budgetCents: 100n, actualCents: 42n, count: 2 });
    expect(s.totalCents).toBe(87n);
    expect(() => proofSums([], [{ planLineId: 'x', amountCents: 1n }])).toThrow(RangeError);
  });
});

describe('lock-in, reminders, savings', () => {
  it('locks a funded asset for n years from acquisition', () => {
    expect(lockInEnd('2025-03-01', 5)).toBe('2030-02-28');
    expect(disposedInLockIn('2029-01-01', '2030-02-28')).toBe(true);
    expect(disposedInLockIn('2030-03-01', '2030-02-28')).toBe(false);
    expect(disposedInLockIn(null, '2030-02-28')).toBe(false);
  });
  it('reminds once, from 30 days before the deadline', () => {
    expect(reminderDue('2026-06-30', '2026-05-30', null)).toBe(false);
    expect(reminderDue('2026-06-30', '2026-05-31', null)).toBe(true);
    expect(reminderDue('2026-06-30', '2026-07-10', null)).toBe(true);
    expect(reminderDue('2026-06-30', '2026-06-10', new Date())).toBe(false);
    expect(reminderDue(null, '2026-06-10', null)).toBe(false);
  });
  it('estimates running alone from the reference costs', () => {
    expect(
      aloneEstimate({ perWorkstationCents: 120_000n, perServerCents: 450_000n, perBackupJobCents: 60_000n, basePerMemberCents: 1_500_000n }, { workstations: 10, servers: 2, backupJobs: 3 }),
    ).toBe(1_500_000n + 1_200_000n + 900_000n + 180_000n);
  });
});
