import { describe, expect, it } from 'vitest';
import { dateDe, euro, euroInput, parseEuro } from './money';

describe('billing money helpers', () => {
  it('formats cents without floats', () => {
    expect(euro(123456)).toBe('1.234,56 €');
    expect(euro(-5)).toBe('−0,05 €');
    expect(euro(100000000001)).toBe('1.000.000.000,01 €');
    expect(euroInput(123405)).toBe('1234,05');
    expect(dateDe('2026-01-15')).toBe('15.01.2026');
  });
  it('parses German and plain amounts', () => {
    expect(parseEuro('1.234,56')).toBe(123456);
    expect(parseEuro('1234,5')).toBe(123450);
    expect(parseEuro('1234.56')).toBe(123456);
    expect(parseEuro('480000')).toBe(48000000);
    expect(parseEuro('12,345')).toBeNull();
    expect(parseEuro('abc')).toBeNull();
  });
});
