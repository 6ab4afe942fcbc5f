import { describe, expect, it } from 'vitest';
import { formatDate, formatDecimal, formatQuantity } from './catalog.api';

describe('catalogue display helpers', () => {
  it('formats decimal strings without floats, 2 to 4 fraction digits', () => {
    expect(formatDecimal('432.6000', 'de')).toBe('432,60');
    expect(formatDecimal('0.8755', 'de')).toBe('0,8755');
    expect(formatDecimal('12345.5000', 'de')).toBe('12.345,50');
    expect(formatDecimal('12345.5000', 'en')).toBe('12,345.50');
    expect(formatDecimal(null, 'de')).toBe('–');
  });

  it('shows whole quantities without fraction and dates the German way', () => {
    expect(formatQuantity('31.0000', 'de')).toBe('31');
    expect(formatQuantity('1250.0000', 'de')).toBe('1.250');
    expect(formatQuantity('7.5000', 'de')).toBe('7,50');
    expect(formatDate('2027-01-01', 'de')).toBe('01.01.2027');
    expect(formatDate(null, 'de')).toBe('–');
  });
});
