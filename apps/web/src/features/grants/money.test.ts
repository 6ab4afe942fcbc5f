import { describe, expect, it } from 'vitest';
import { euroText, percentText, toDecimal } from './money';

describe('grant money', () => {
  it('formats decimal strings as German euro text', () => {
    expect(euroText('3332171.18')).toBe('3.332.171,18 €');
    expect(euroText('0.5')).toBe('0,50 €');
    expect(euroText('-1200')).toBe('−1.200,00 €');
    expect(euroText(null)).toBe('—');
  });
  it('parses German and plain input into decimal strings', () => {
    expect(toDecimal('1.234,56')).toBe('1234.56');
    expect(toDecimal('1234,5')).toBe('1234.50');
    expect(toDecimal('1234.56')).toBe('1234.56');
    expect(toDecimal(' 12 000 € ')).toBe('12000.00');
    expect(toDecimal('1,234')).toBeNull();
    expect(toDecimal('abc')).toBeNull();
  });
  it('writes percents with a comma', () => {
    expect(percentText('72.44')).toBe('72,44 %');
  });
});
