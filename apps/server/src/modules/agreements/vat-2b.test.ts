import { describe, expect, it } from 'vitest';
import { isLongTermPublicLaw, vatTreatment, type VatChecklist } from './vat-2b.js';

const all: VatChecklist = { longTermPublicLaw: true, publicTask: true, costReimbursementOnly: true, servesPublicBodies: true };

describe('§ 2b UStG checklist', () => {
  it('is not taxable only when all four conditions hold', () => {
    expect(vatTreatment(all)).toEqual({ ok: true, treatment: 'not_taxable_2b', exemptReason: null });
    for (const k of Object.keys(all) as (keyof VatChecklist)[]) {
      expect(vatTreatment({ ...all, [k]: false }), k).toEqual({ ok: true, treatment: 'taxable_19', exemptReason: null });
    }
  });

  it('refuses not_taxable_2b when a condition fails', () => {
    expect(vatTreatment({ ...all, costReimbursementOnly: false }, 'not_taxable_2b')).toMatchObject({ ok: false, field: 'body/vat/treatment' });
    expect(vatTreatment(all, 'not_taxable_2b')).toMatchObject({ ok: true, treatment: 'not_taxable_2b' });
  });

  it('allows exempt only with a reason, and taxable by option', () => {
    expect(vatTreatment(all, 'exempt', '  ')).toMatchObject({ ok: false, field: 'body/vat/exemptReason' });
    expect(vatTreatment(all, 'exempt', '§ 4 Nr. 21 UStG')).toEqual({ ok: true, treatment: 'exempt', exemptReason: '§ 4 Nr. 21 UStG' });
    expect(vatTreatment(all, 'taxable_19')).toEqual({ ok: true, treatment: 'taxable_19', exemptReason: null });
  });

  it('derives condition (a) from the kind and the term', () => {
    const zv = { kind: 'zweckvereinbarung' as const, termStart: '2020-01-01', termEnd: null, minimumTermYears: null };
    expect(isLongTermPublicLaw(zv)).toBe(true);
    expect(isLongTermPublicLaw({ ...zv, termEnd: '2024-12-31' })).toBe(true);
    expect(isLongTermPublicLaw({ ...zv, termEnd: '2024-12-30' })).toBe(false);
    expect(isLongTermPublicLaw({ ...zv, termEnd: '2022-12-31', minimumTermYears: 5 })).toBe(true);
    expect(isLongTermPublicLaw({ ...zv, kind: 'oer_vertrag' })).toBe(true);
    expect(isLongTermPublicLaw({ ...zv, kind: 'genossenschaft' })).toBe(false);
    expect(isLongTermPublicLaw({ ...zv, kind: 'dienstleistungsvertrag' })).toBe(false);
  });
});
