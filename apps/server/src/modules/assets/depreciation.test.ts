import { describe, expect, it } from 'vitest';
import { accumulatedAfter, bookValueAt, classify, depreciationInYear, usefulLifeFor, type DepreciationInput } from './depreciation.js';

const server: DepreciationInput = { costCents: 360_000, purchaseDate: '2024-01-15', usefulLifeMonths: 36, lowValueThresholdCents: 80_000 };

describe('classify', () => {
  it('treats exactly the threshold as low-value and one cent more as a fixed asset', () => {
    expect(classify({ ...server, costCents: 80_000 })).toBe('low_value');
    expect(classify({ ...server, costCents: 80_001 })).toBe('fixed_asset');
  });
  it('follows the provider threshold (1,000 € in RLP)', () => {
    expect(classify({ ...server, costCents: 95_000, lowValueThresholdCents: 100_000 })).toBe('low_value');
    expect(classify({ ...server, costCents: 95_000, lowValueThresholdCents: 80_000 })).toBe('fixed_asset');
  });
  it('does not depreciate without cost, purchase date or useful life', () => {
    expect(classify({ ...server, costCents: null })).toBe('not_depreciable');
    expect(classify({ ...server, purchaseDate: null })).toBe('not_depreciable');
    expect(classify({ ...server, usefulLifeMonths: null })).toBe('not_depreciable');
  });
});

describe('bookValueAt', () => {
  it('counts the month of acquisition in full', () => {
    const v = bookValueAt(server, '2024-01-31');
    expect(v.monthsDepreciated).toBe(1);
    expect(v.monthlyCents).toBe(10_000);
    expect(v.bookValueCents).toBe(350_000);
  });
  it('steps at month boundaries, not within a month', () => {
    expect(bookValueAt(server, '2024-02-01').bookValueCents).toBe(340_000);
    expect(bookValueAt(server, '2024-02-29').bookValueCents).toBe(340_000);
    expect(bookValueAt(server, '2024-03-01').bookValueCents).toBe(330_000);
    expect(bookValueAt(server, '2024-12-31').monthsDepreciated).toBe(12);
  });
  it('is 0 before acquisition and reaches exactly 0 at the end of the useful life', () => {
    expect(bookValueAt(server, '2024-01-14').bookValueCents).toBe(0);
    const end = bookValueAt(server, '2026-12-31');
    expect(end.bookValueCents).toBe(0);
    expect(end.monthsDepreciated).toBe(36);
    expect(end.fullyDepreciatedOn).toBe('2026-12-31');
    expect(bookValueAt(server, '2030-06-01').accumulatedCents).toBe(360_000);
    expect(bookValueAt(server, '2026-11-30').bookValueCents).toBe(10_000);
  });
  it('rounds per month without losing a cent over the life', () => {
    const odd = { ...server, costCents: 100_001, usefulLifeMonths: 36 };
    let sum = 0;
    for (let m = 1; m <= 36; m++) {
      sum += accumulatedAfter(100_001, 36, m) - accumulatedAfter(100_001, 36, m - 1);
    }
    expect(sum).toBe(100_001);
    expect(bookValueAt(odd, '2024-01-31').accumulatedCents).toBe(2_778);
  });
  it('expenses a low-value item in the month of acquisition', () => {
    const gwg = { ...server, costCents: 79_900 };
    const v = bookValueAt(gwg, '2024-01-15');
    expect(v.classification).toBe('low_value');
    expect(v.bookValueCents).toBe(0);
    expect(v.accumulatedCents).toBe(79_900);
    expect(depreciationInYear(gwg, 2024)).toBe(79_900);
    expect(depreciationInYear(gwg, 2025)).toBe(0);
  });
  it('depreciates through the month of disposal and writes off the rest', () => {
    const d = { ...server, disposedAt: '2025-06-10' };
    expect(bookValueAt(d, '2025-06-09').bookValueCents).toBe(360_000 - 18 * 10_000);
    const after = bookValueAt(d, '2025-06-10');
    expect(after.bookValueCents).toBe(0);
    expect(after.monthsDepreciated).toBe(18);
    expect(after.writtenOffCents).toBe(180_000);
    expect(bookValueAt(d, '2027-01-01').accumulatedCents).toBe(180_000);
  });
  it('keeps a non-depreciable item at cost until disposal', () => {
    const vm = { ...server, usefulLifeMonths: null };
    expect(bookValueAt(vm, '2025-01-01').bookValueCents).toBe(360_000);
    expect(bookValueAt({ ...vm, disposedAt: '2025-02-01' }, '2025-03-01').bookValueCents).toBe(0);
  });
});

describe('depreciationInYear', () => {
  it('splits the AfA by calendar year with the first year pro rata', () => {
    const mid = { ...server, purchaseDate: '2024-10-02' };
    expect(depreciationInYear(mid, 2024)).toBe(30_000);
    expect(depreciationInYear(mid, 2025)).toBe(120_000);
    expect(depreciationInYear(mid, 2026)).toBe(120_000);
    expect(depreciationInYear(mid, 2027)).toBe(90_000);
    expect(depreciationInYear(mid, 2028)).toBe(0);
  });
});

describe('usefulLifeFor', () => {
  it('prefers the asset, then the provider table, then the default', () => {
    expect(usefulLifeFor('server', 84, { server: 72 })).toBe(84);
    expect(usefulLifeFor('server', null, { server: 72 })).toBe(72);
    expect(usefulLifeFor('server', null, {})).toBe(60);
    expect(usefulLifeFor('virtual_machine', null, {})).toBeNull();
  });
});
