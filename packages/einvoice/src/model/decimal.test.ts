import { describe, expect, it } from 'vitest';
import { add, dec, div, eq, mul, round, roundHalfAway, sum, toString } from './decimal.js';

describe('decimal arithmetic (never floats)', () => {
  it('adds exactly', () => {
    expect(toString(add(dec('0.1')!, dec('0.2')!))).toBe('0.3');
    expect(eq(sum(['0.1', '0.2', '0.3'].map((x) => dec(x)!)), dec('0.6')!)).toBe(true);
  });
  it('rounds like XPath round() (half towards +∞) and half away from zero', () => {
    expect(toString(round(dec('2.345')!, 2))).toBe('2.35');
    expect(toString(round(dec('-2.345')!, 2))).toBe('-2.34');
    expect(toString(roundHalfAway(dec('-1622.835')!, 2))).toBe('-1622.84');
  });
  it('multiplies and divides', () => {
    expect(toString(round(div(mul(dec('3986.34')!, dec('19')!), dec('100')!, 10)!, 2))).toBe('757.40');
  });
  it('rejects non-decimals', () => {
    expect(dec('1e3')).toBeUndefined();
    expect(dec('abc')).toBeUndefined();
    expect(dec('')).toBeUndefined();
  });
});
