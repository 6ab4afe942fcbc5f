import { describe, expect, it } from 'vitest';
import { format4, normalise4, parse4, roundScaled } from './money.js';
import { amountFor, priceBands, tierErrors, type TierPrice } from './tiers.js';

const staffel: TierPrice = {
  unitPrice: '12.50',
  tierMode: 'graduated',
  tiers: [
    { aboveQuantity: '500', unitPrice: '9.5' },
    { aboveQuantity: '100', unitPrice: '11' },
  ],
};

describe('decimal strings with 4 digits', () => {
  it('parses and prints without floats', () => {
    expect(parse4('0.1')! + parse4('0.2')!).toBe(parse4('0.3'));
    expect(format4(parse4('12.5')!)).toBe('12.5000');
    expect(normalise4('-0.0001')).toBe('-0.0001');
    expect(parse4('1.23456')).toBeUndefined();
    expect(parse4('1e3')).toBeUndefined();
    expect(parse4('')).toBeUndefined();
  });

  it('rounds half away from zero', () => {
    expect(roundScaled(125n, 3, 2)).toBe(13n);
    expect(roundScaled(-125n, 3, 2)).toBe(-13n);
    expect(roundScaled(124n, 3, 2)).toBe(12n);
  });
});

describe('tier prices', () => {
  it('prices a graduated quantity band by band', () => {
    expect(priceBands('650', staffel)).toEqual([
      { quantity: '100.0000', unitPrice: '12.5000', amountExact: '1250.00000000', amount: '1250.00' },
      { quantity: '400.0000', unitPrice: '11.0000', amountExact: '4400.00000000', amount: '4400.00' },
      { quantity: '150.0000', unitPrice: '9.5000', amountExact: '1425.00000000', amount: '1425.00' },
    ]);
    expect(amountFor('650', staffel)).toBe('7075.00');
  });

  it('stops at the band the quantity reaches, threshold itself in the lower band', () => {
    expect(priceBands('100', staffel).map((b) => b.quantity)).toEqual(['100.0000']);
    expect(priceBands('100.5', staffel).map((b) => [b.quantity, b.unitPrice])).toEqual([
      ['100.0000', '12.5000'],
      ['0.5000', '11.0000'],
    ]);
  });

  it('prices a volume quantity wholly at the band the total reaches', () => {
    const volume: TierPrice = { ...staffel, tierMode: 'volume' };
    expect(priceBands('650', volume)).toEqual([{ quantity: '650.0000', unitPrice: '9.5000', amountExact: '6175.00000000', amount: '6175.00' }]);
    expect(amountFor('100', volume)).toBe('1250.00');
    expect(amountFor('101', volume)).toBe('1111.00');
  });

  it('gives no band for zero and one band without tiers', () => {
    expect(priceBands('0', staffel)).toEqual([]);
    expect(priceBands('3', { unitPrice: '0.0333', tierMode: 'graduated', tiers: [] })).toEqual([
      { quantity: '3.0000', unitPrice: '0.0333', amountExact: '0.09990000', amount: '0.10' },
    ]);
  });

  it('rounds each band to the cent, half away from zero, exactly', () => {
    // 0.5 GB × 0.0125 € = 0.00625 → 0.01
    expect(amountFor('0.5', { unitPrice: '0.0125', tierMode: 'graduated', tiers: [] })).toBe('0.01');
    // 3 × 0.1 + 0.2 style sums stay exact: 1,000,000 × 0.0001 = 100.00
    expect(amountFor('1000000', { unitPrice: '0.0001', tierMode: 'graduated', tiers: [] })).toBe('100.00');
  });

  it('reports bad tier lists', () => {
    expect(tierErrors([{ aboveQuantity: '0', unitPrice: '1' }, { aboveQuantity: '5', unitPrice: '-1' }, { aboveQuantity: '5', unitPrice: '1' }])).toEqual([
      { index: 0, message: 'threshold must be above 0' },
      { index: 1, message: 'price must not be negative' },
      { index: 2, message: 'threshold used twice' },
    ]);
    expect(tierErrors(staffel.tiers)).toEqual([]);
  });
});

describe('VAT of a service line', () => {
  it('maps the treatment to the UNCL 5305 category', async () => {
    const { vatLineOf, NOT_TAXABLE_2B_REASON } = await import('./contract.js');
    expect(vatLineOf({ vatTreatment: 'taxable_19', vatExemptionCode: null, vatExemptionReason: null })).toEqual({ category: 'S', ratePercent: '19.00', exemptionReasonCode: null, exemptionReason: null });
    expect(vatLineOf({ vatTreatment: 'not_taxable_2b', vatExemptionCode: null, vatExemptionReason: null })).toMatchObject({ category: 'O', ratePercent: null, exemptionReason: NOT_TAXABLE_2B_REASON });
    expect(vatLineOf({ vatTreatment: 'exempt', vatExemptionCode: 'VATEX-EU-132-1I', vatExemptionReason: 'Bildung' })).toEqual({ category: 'E', ratePercent: '0.00', exemptionReasonCode: 'VATEX-EU-132-1I', exemptionReason: 'Bildung' });
  });
});
