/**
 * Which lines, allowances, charges and breakdowns use a VAT category — computed once per
 * document and category and shared by the VAT category rule families.
 */
import type { AllowanceCharge, Invoice, InvoiceLine, VatBreakdown } from '../../model/types.js';
import type { RuleContext } from '../types.js';

export const is = (code: string | undefined, cat: string) => code !== undefined && code.trim() === cat;

export function lineUses(l: InvoiceLine, cat: string) {
  return is(l.vatCategory, cat);
}

/** Per document and category, computed once for the ten rules of a category. */
export interface CatUse {
  lines: InvoiceLine[];
  acs: AllowanceCharge[];
  breakdowns: VatBreakdown[];
}

export function use(c: RuleContext, cat: string): CatUse {
  // one memo entry for all categories, keyed by the category code itself: a key built per call
  // (`vat:${cat}`) was a new string each time, hashed and compared by characters in the lookup
  let byCat = c.memo.get('vat-use') as Map<string, CatUse> | undefined;
  if (!byCat) {
    byCat = new Map();
    c.memo.set('vat-use', byCat);
  }
  let u = byCat.get(cat);
  if (!u) {
    u = {
      lines: c.inv.lines.filter((l) => is(l.vatCategory, cat)),
      acs: c.inv.allowanceCharges.filter((a) => is(a.vatCategory, cat)),
      breakdowns: c.inv.vatBreakdown.filter((v) => is(v.categoryCode, cat)),
    };
    byCat.set(cat, u);
  }
  return u;
}

export function docAcs(inv: Invoice, cat: string, charge?: boolean): AllowanceCharge[] {
  return inv.allowanceCharges.filter((a) => is(a.vatCategory, cat) && (charge === undefined || a.isCharge === charge));
}
