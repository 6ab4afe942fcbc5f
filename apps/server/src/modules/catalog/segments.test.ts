import { describe, expect, it } from 'vitest';
import { clipSegments, daysBetween, overlaps, quantityOn, segmentsOf } from './segments.js';

describe('quantity history as segments', () => {
  const changes = [
    { validFrom: '2025-07-01', quantity: '12' },
    { validFrom: '2025-01-01', quantity: '10' },
    { validFrom: '2025-10-01', quantity: '12.0' },
    { validFrom: '2026-01-01', quantity: '15' },
  ];

  it('orders changes and ends each the day before the next, merging equal neighbours', () => {
    expect(segmentsOf({ validFrom: '2025-01-01', validTo: null }, changes)).toEqual([
      { from: '2025-01-01', to: '2025-06-30', quantity: '10.0000' },
      { from: '2025-07-01', to: '2025-12-31', quantity: '12.0000' },
      { from: '2026-01-01', to: null, quantity: '15.0000' },
    ]);
  });

  it('cuts to the subscription dates', () => {
    expect(segmentsOf({ validFrom: '2025-03-15', validTo: '2025-08-31' }, changes)).toEqual([
      { from: '2025-03-15', to: '2025-06-30', quantity: '10.0000' },
      { from: '2025-07-01', to: '2025-08-31', quantity: '12.0000' },
    ]);
    expect(segmentsOf({ validFrom: '2024-01-01', validTo: '2024-12-31' }, changes)).toEqual([]);
  });

  it('clips to a billing period, counting days across a leap year', () => {
    const segs = segmentsOf({ validFrom: '2023-11-01', validTo: null }, [
      { validFrom: '2023-11-01', quantity: '4' },
      { validFrom: '2024-03-01', quantity: '6' },
    ]);
    const q1 = clipSegments(segs, '2024-01-01', '2024-03-31');
    expect(q1).toEqual([
      { from: '2024-01-01', to: '2024-02-29', quantity: '4.0000' },
      { from: '2024-03-01', to: '2024-03-31', quantity: '6.0000' },
    ]);
    expect(q1.map((s) => daysBetween(s.from, s.to))).toEqual([60, 31]);
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(366);
    expect(quantityOn(segs, '2024-02-29')).toBe('4.0000');
    expect(quantityOn(segs, '2023-10-31')).toBeUndefined();
  });

  it('knows when two date ranges overlap', () => {
    expect(overlaps({ validFrom: '2025-01-01', validTo: '2025-06-30' }, { validFrom: '2025-06-30', validTo: null })).toBe(true);
    expect(overlaps({ validFrom: '2025-01-01', validTo: '2025-06-30' }, { validFrom: '2025-07-01', validTo: null })).toBe(false);
    expect(overlaps({ validFrom: '2025-01-01', validTo: null }, { validFrom: '2020-01-01', validTo: null })).toBe(true);
  });
});
