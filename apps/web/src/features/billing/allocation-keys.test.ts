import { describe, expect, it } from 'vitest';
import { equalShares, formatPercent, isIsoDate, parsePercent, sharesFromForm, WHOLE } from './allocation-keys';

describe('fixed shares in the cost plan editor', () => {
  it('reads percentages with up to four decimals exactly, German or plain', () => {
    expect(parsePercent('12,5')).toBe(125_000);
    expect(parsePercent('12.5 %')).toBe(125_000);
    expect(parsePercent('0,0001')).toBe(1);
    expect(parsePercent('100')).toBe(WHOLE);
    expect(parsePercent('100,0001')).toBeNull();
    expect(parsePercent('1,23456')).toBeNull();
    expect(parsePercent('-1')).toBeNull();
    expect(parsePercent('zehn')).toBeNull();
  });

  it('shows millionths as a short German percentage', () => {
    expect(formatPercent(125_000)).toBe('12,5');
    expect(formatPercent(333_334)).toBe('33,3334');
    expect(formatPercent(WHOLE)).toBe('100');
    expect(formatPercent(0)).toBe('0');
  });

  it('splits equally to exactly 100 %', () => {
    const s = equalShares(['a', 'b', 'c']);
    expect(s).toEqual({ a: 333_334, b: 333_333, c: 333_333 });
    expect(Object.values(s).reduce((x, y) => x + y, 0)).toBe(WHOLE);
    expect(equalShares([])).toEqual({});
  });

  it('collects the shares to send, skipping empty and zero, naming invalid entries', () => {
    expect(sharesFromForm({ a: '60', b: '40,0', c: '', d: '0' })).toEqual({ shares: { a: 600_000, b: 400_000 }, invalid: [], total: WHOLE });
    expect(sharesFromForm({ a: '60', b: 'viel' })).toEqual({ shares: { a: 600_000 }, invalid: ['b'], total: 600_000 });
  });

  it('accepts only real dates as the reference date', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('30.06.2025')).toBe(false);
    expect(isIsoDate('2025-6-30')).toBe(false);
  });
});
