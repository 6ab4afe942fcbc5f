import { describe, expect, it } from 'vitest';
import {
  allocatePool,
  applyReductions,
  centsToDecimal,
  coveredDays,
  coveredPeriod,
  daysInYear,
  fixedSharesError,
  largestRemainder,
  parseScaled,
  percentString,
  periodShare,
  usageLine,
  vatCents,
} from './allocation.js';

describe('pro rata by day', () => {
  it('counts 366 days in a leap year and 29 February', () => {
    expect(daysInYear(2024)).toBe(366);
    expect(daysInYear(2025)).toBe(365);
    expect(daysInYear(2100)).toBe(365);
    expect(daysInYear(2000)).toBe(366);
    const year = { start: '2024-01-01', end: '2024-12-31' };
    expect(coveredDays(year, { from: null, to: null })).toBe(366);
    // Joined on 1 March of a leap year: January (31) + February (29) missing.
    expect(coveredDays(year, { from: '2024-03-01', to: null })).toBe(306);
    expect(coveredDays({ start: '2025-01-01', end: '2025-12-31' }, { from: '2025-03-01', to: null })).toBe(306);
    expect(coveredDays(year, { from: '2024-02-28', to: '2024-03-01' })).toBe(3);
    expect(coveredDays({ start: '2025-01-01', end: '2025-12-31' }, { from: '2025-02-28', to: '2025-03-01' })).toBe(2);
    expect(coveredDays(year, { from: '2023-05-01', to: '2023-12-31' })).toBe(0);
    expect(coveredPeriod(year, { from: '2023-05-01', to: '2024-01-31' })).toEqual({ start: '2024-01-01', end: '2024-01-31' });
  });

  it('charges a member that joins on 1 July of a leap year 184/366 of an equal share', () => {
    // Two members with equal weight per day; B joins 2024-07-01 (184 days of 366).
    const alloc = allocatePool(
      { name: 'Personal', key: 'equal', cents: 550_000n },
      [
        { orgId: 'a', keyValue: 1n, days: 366 },
        { orgId: 'b', keyValue: 1n, days: coveredDays({ start: '2024-01-01', end: '2024-12-31' }, { from: '2024-07-01', to: null }) },
      ],
      366,
    );
    expect(alloc.members[1]!.days).toBe(184);
    // 550000 × 366/550 = 366000, 550000 × 184/550 = 184000: exact.
    expect(alloc.members.map((m) => m.cents)).toEqual([366_000n, 184_000n]);
    expect(alloc.members[1]!.sharePercent).toBe('33.4545');
  });

  it('splits advance payments per quarter of a leap year so the four add up to the year', () => {
    const yearly = 1_000_001n;
    const q = [
      periodShare(yearly, 2024, { start: '2024-01-01', end: '2024-03-31' }),
      periodShare(yearly, 2024, { start: '2024-04-01', end: '2024-06-30' }),
      periodShare(yearly, 2024, { start: '2024-07-01', end: '2024-09-30' }),
      periodShare(yearly, 2024, { start: '2024-10-01', end: '2024-12-31' }),
    ];
    expect(q.reduce((a, b) => a + b, 0n)).toBe(yearly);
    // Q1 of a leap year has 91 days: 1000001 × 91 / 366 = 248634.13…
    expect(q[0]).toBe(248_634n);
    expect(periodShare(yearly, 2024, { start: '2024-01-01', end: '2024-12-31' })).toBe(yearly);
  });

  it('prices a usage line for the days covered (leap year)', () => {
    // 120.0000 € a year per workstation, 10 workstations, 29 days (February 2024).
    const l = usageLine(1_200_000n, 100_000n, 29, 2024);
    expect(l.unitPrice4).toBe(95_082n); // 120 × 29/366 = 9.50819… → 9.5082
    expect(l.netCents).toBe(9_508n); // 10 × 9.5082 = 95.082 → 95.08
    expect(usageLine(1_200_000n, 100_000n, 366, 2024)).toEqual({ unitPrice4: 1_200_000n, netCents: 120_000n });
  });
});

describe('largest remainder', () => {
  it('sums exactly to the pool and gives leftover cents to the largest remainders', () => {
    const r = largestRemainder(100n, [1n, 1n, 1n]);
    expect(r.parts).toEqual([34n, 33n, 33n]);
    const r2 = largestRemainder(1000n, [3n, 3n, 1n]);
    // exact 428.57, 428.57, 142.86 → floors 428, 428, 142 (998); remainders .57 .57 .86 → third, first
    expect(r2.parts).toEqual([429n, 428n, 143n]);
    expect(r2.parts.reduce((a, b) => a + b, 0n)).toBe(1000n);
  });

  it('always sums to the pool over many random splits', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed);
    for (let i = 0; i < 500; i++) {
      const n = 1 + (rnd() % 40);
      const weights = Array.from({ length: n }, () => BigInt(rnd() % 100_000));
      const total = BigInt(rnd());
      const { parts, unassigned } = largestRemainder(total, weights);
      if (weights.every((w) => w === 0n)) {
        expect(unassigned).toBe(total);
        continue;
      }
      expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
      // Nobody is more than one cent off its exact share.
      const sum = weights.reduce((a, b) => a + b, 0n);
      parts.forEach((p, k) => {
        const exactFloor = (total * weights[k]!) / sum;
        expect(p === exactFloor || p === exactFloor + 1n).toBe(true);
      });
    }
  });

  it('handles negative totals (refunds) symmetrically and refuses negative weights', () => {
    expect(largestRemainder(-100n, [1n, 1n, 1n]).parts).toEqual([-34n, -33n, -33n]);
    expect(() => largestRemainder(10n, [1n, -1n])).toThrow(RangeError);
    expect(largestRemainder(10n, [0n, 0n])).toEqual({ parts: [0n, 0n], unassigned: 10n });
  });

  it('splits a pool by population with members that leave mid-year', () => {
    const alloc = allocatePool(
      { name: 'Lizenzen', key: 'population', cents: 12_345_67n },
      [
        { orgId: 'a', keyValue: 5_000n, days: 365 },
        { orgId: 'b', keyValue: 12_345n, days: 181 },
        { orgId: 'c', keyValue: 777n, days: 365 },
        { orgId: 'd', keyValue: 999n, days: 0 },
      ],
      365,
    );
    expect(alloc.members.reduce((a, m) => a + m.cents, 0n)).toBe(12_345_67n);
    expect(alloc.members[3]!.cents).toBe(0n);
    expect(alloc.unassigned).toBe(0n);
  });
});

describe('grants hook and helpers', () => {
  it('reduces pools by grants, never below zero, and reports the excess', () => {
    const r = applyReductions(
      [
        { id: 'p1', cents: 10_000n },
        { id: 'p2', cents: 500n },
        { id: 'p3', cents: 700n },
      ],
      [
        { poolId: 'p1', cents: 2_500n, source: 'Digitalpakt' },
        { poolId: 'p2', cents: 800n, source: 'Landesprogramm' },
      ],
    );
    expect(r.map((p) => p.netCents)).toEqual([7_500n, 0n, 700n]);
    expect(r[1]!.excessCents).toBe(300n);
    expect(r[2]!.reductionCents).toBe(0n);
    expect(() => applyReductions([{ id: 'p', cents: 1n }], [{ poolId: 'p', cents: -1n, source: 'x' }])).toThrow();
  });

  it('checks fixed shares add up to 100 %', () => {
    expect(fixedSharesError({ a: 600_000, b: 400_000 })).toBeNull();
    expect(fixedSharesError({ a: 600_000, b: 300_000 })).toMatch(/90\.0000 %/);
    expect(fixedSharesError({ a: 0.5 })).toMatch(/whole/);
  });

  it('formats and parses money without floats', () => {
    expect(centsToDecimal(-1234n)).toBe('-12.34');
    expect(centsToDecimal(5n)).toBe('0.05');
    expect(parseScaled('12.5', 4)).toBe(125_000n);
    expect(parseScaled('1.23456', 4)).toBeNull();
    expect(percentString(1n, 3n)).toBe('33.3333');
    expect(vatCents(10_050n, '19')).toBe(1_910n); // 19.095 → 19.10
    expect(vatCents(-10_050n, '19')).toBe(-1_910n);
  });
});
