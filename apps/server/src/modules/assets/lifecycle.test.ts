import { describe, expect, it } from 'vitest';
import { allowedNext, canMove } from './asset-lifecycle.js';
import { formatInventoryNumber } from './inventory-number.js';

describe('asset lifecycle', () => {
  it('allows the ordered path and refuses skipping or leaving disposal', () => {
    expect(canMove('ordered', 'in_stock')).toBe(true);
    expect(canMove('in_stock', 'deployed')).toBe(true);
    expect(canMove('deployed', 'retired')).toBe(true);
    expect(canMove('retired', 'disposed')).toBe(true);
    expect(canMove('deployed', 'disposed')).toBe(false);
    expect(canMove('ordered', 'retired')).toBe(false);
    expect(allowedNext('disposed')).toEqual([]);
  });
});

describe('inventory numbers', () => {
  it('fills year and zero-padded sequence', () => {
    expect(formatInventoryNumber('INV-{YYYY}-{seq:6}', 2026, 42)).toBe('INV-2026-000042');
    expect(formatInventoryNumber('KIDS/{YY}/{seq}', 2026, 7)).toBe('KIDS/26/7');
    expect(formatInventoryNumber('A{seq:3}', 2026, 12345)).toBe('A12345');
  });
});
