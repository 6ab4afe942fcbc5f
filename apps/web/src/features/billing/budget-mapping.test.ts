import { describe, expect, it } from 'vitest';
import { mappingBody, mappingSummary, mappingValues, type StoredMapping } from './budget-mapping';

const none: StoredMapping = { system: null, product: null, account: null, costCentre: null, budgetLine: null, expenseKind: 'consumptive' };
const labels = { product: 'Produkt', account: 'Konto', costCentre: 'KSt', budgetLine: 'HHSt' };

describe('budget mapping form', () => {
  it('starts an unmapped member as Doppik, consumptive, empty', () => {
    expect(mappingValues(none)).toEqual({ system: 'doppik', product: '', account: '', costCentre: '', budgetLine: '', expenseKind: 'consumptive' });
  });

  it('needs product and account for Doppik, the budget line for Kameralistik', () => {
    expect(mappingBody({ ...mappingValues(none), product: ' ' })).toEqual({ ok: false, errors: { product: 'required', account: 'required' } });
    expect(mappingBody({ ...mappingValues(none), system: 'kameralistik' })).toEqual({ ok: false, errors: { budgetLine: 'required' } });
    expect(mappingBody({ ...mappingValues(none), product: 'x'.repeat(51), account: '4411' })).toEqual({ ok: false, errors: { product: 'tooLong' } });
  });

  it('sends only the chosen system’s fields, trimmed, and an empty cost centre as null', () => {
    const stored: StoredMapping = { system: 'doppik', product: '1.1.1', account: '4411', costCentre: '', budgetLine: null, expenseKind: 'consumptive' };
    expect(mappingBody({ ...mappingValues(stored), product: ' 1.1.1.03 ' })).toEqual({
      ok: true,
      body: { system: 'doppik', product: '1.1.1.03', account: '4411', costCentre: null, budgetLine: null, expenseKind: 'consumptive' },
    });
    // Switching to Kameralistik clears the Doppik fields.
    expect(mappingBody({ ...mappingValues(stored), system: 'kameralistik', budgetLine: '0200.6520', expenseKind: 'investive' })).toEqual({
      ok: true,
      body: { system: 'kameralistik', product: null, account: null, costCentre: null, budgetLine: '0200.6520', expenseKind: 'investive' },
    });
  });

  it('summarises a mapping in one line', () => {
    expect(mappingSummary({ ...none, system: 'doppik', product: '1.1.1', account: '4411', costCentre: '100' }, labels)).toBe('Produkt 1.1.1 · Konto 4411 · KSt 100');
    expect(mappingSummary({ ...none, system: 'kameralistik', budgetLine: '0200.6520' }, labels)).toBe('HHSt 0200.6520');
    expect(mappingSummary(none, labels)).toBeNull();
  });
});
