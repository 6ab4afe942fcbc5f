import { describe, expect, it } from 'vitest';
import { bicError, ibanError, vatIdError } from './bank.js';
import { allocationCutoff, valueAt } from './history.js';

describe('IBAN, BIC, USt-IdNr.', () => {
  it('accepts valid IBANs with or without spaces (mod 97 = 1)', () => {
    // The IBAN of the German IBAN standard example, and the ECBS example.
    expect(ibanError('DE89 3704 0044 0532 0130 00')).toBeNull();
    expect(ibanError('de89370400440532013000')).toBeNull();
    expect(ibanError('GB82 WEST 1234 5698 7654 32')).toBeNull();
    expect(ibanError('AT611904300234573201')).toBeNull();
  });

  it('rejects a typo, a wrong length and garbage, saying which', () => {
    expect(ibanError('DE89 3704 0044 0532 0130 01')).toMatch(/Prüfziffer/);
    expect(ibanError('DE89 3704 0044 0532 0130 0')).toMatch(/22 Zeichen/);
    expect(ibanError('89370400440532013000')).toMatch(/Ländercode/);
  });

  it('checks BIC and VAT id formats', () => {
    expect(bicError('HELADEF1JEN')).toBeNull();
    expect(bicError('COBADEFF')).toBeNull();
    expect(bicError('COBADEF')).not.toBeNull();
    expect(vatIdError('DE 123 456 789')).toBeNull();
    expect(vatIdError('DE12345678')).toMatch(/DE und 9 Ziffern/);
    expect(vatIdError('ATU12345678')).not.toBeNull();
  });
});

describe('dated values', () => {
  const history = [
    { referenceDate: '2022-12-31', value: 1000 },
    { referenceDate: '2024-12-31', value: 980 },
    { referenceDate: '2023-06-30', value: 990 },
  ];

  it('answers the latest value on or before the date', () => {
    expect(valueAt(history, '2024-06-30')?.value).toBe(990);
    expect(valueAt(history, '2023-06-30')?.value).toBe(990);
    expect(valueAt(history, '2023-06-29')?.value).toBe(1000);
    expect(valueAt(history, '2030-01-01')?.value).toBe(980);
    expect(valueAt(history, '2022-12-30')).toBeUndefined();
    expect(valueAt([], '2024-01-01')).toBeUndefined();
  });

  it('puts the allocation cut-off on 30 June of the previous year', () => {
    expect(allocationCutoff(2026)).toBe('2025-06-30');
    expect(valueAt(history, allocationCutoff(2025))?.value).toBe(990);
  });
});
