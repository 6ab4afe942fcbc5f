/**
 * VAT classification of an agreement under § 2b (3) Nr. 2 UStG, as plain functions. A service
 * between public bodies is not taxable when all four conditions hold:
 *   (a) a long-term public-law agreement (BMF: at least 5 years, or open-ended),
 *   (b) it serves a public task incumbent on all parties,
 *   (c) only against cost reimbursement,
 *   (d) the provider serves essentially other public bodies.
 * Otherwise 19 %, unless a tax exemption applies (with its reason).
 */
import { addDays, addMonths } from './agreement-lifecycle.js';
import type { AGREEMENT_KINDS, VAT_TREATMENTS } from './agreements.schema.js';

export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
export type VatTreatment = (typeof VAT_TREATMENTS)[number];

/** Kinds that are public-law agreements; an eG membership or a service contract is private law. */
export const PUBLIC_LAW_KINDS: readonly AgreementKind[] = ['zweckvereinbarung', 'oer_vertrag'];

export interface VatChecklist {
  longTermPublicLaw: boolean;
  publicTask: boolean;
  costReimbursementOnly: boolean;
  servesPublicBodies: boolean;
}

/** Condition (a), derived from the agreement itself rather than asserted. */
export function isLongTermPublicLaw(a: { kind: AgreementKind; termStart: string | null; termEnd: string | null; minimumTermYears: number | null }): boolean {
  if (!PUBLIC_LAW_KINDS.includes(a.kind)) {
    return false;
  }
  if ((a.minimumTermYears ?? 0) >= 5) {
    return true;
  }
  if (a.termEnd === null) {
    return true;
  }
  // A fixed term must last at least five years (2020-01-01 … 2024-12-31 does).
  return a.termStart !== null && a.termEnd >= addDays(addMonths(a.termStart, 60), -1);
}

export function allFour(c: VatChecklist): boolean {
  return c.longTermPublicLaw && c.publicTask && c.costReimbursementOnly && c.servesPublicBodies;
}

export type VatResult = { ok: true; treatment: VatTreatment; exemptReason: string | null } | { ok: false; field: string; message: string };

/**
 * The treatment that follows from the checklist: `not_taxable_2b` only when all four conditions
 * hold, `taxable_19` otherwise. A caller may ask for `exempt` (with a reason), or for `taxable_19`
 * although § 2b would apply (a body still under the old law by option, § 27 (22) UStG).
 */
export function vatTreatment(c: VatChecklist, requested?: VatTreatment | null, exemptReason?: string | null): VatResult {
  const reason = exemptReason?.trim() || null;
  if (requested === 'exempt') {
    return reason
      ? { ok: true, treatment: 'exempt', exemptReason: reason }
      : { ok: false, field: 'body/vat/exemptReason', message: 'an exemption needs its legal reason' };
  }
  if (requested === 'not_taxable_2b' && !allFour(c)) {
    return { ok: false, field: 'body/vat/treatment', message: 'not taxable under § 2b UStG only when all four conditions hold' };
  }
  if (requested === 'taxable_19') {
    return { ok: true, treatment: 'taxable_19', exemptReason: null };
  }
  return { ok: true, treatment: allFour(c) ? 'not_taxable_2b' : 'taxable_19', exemptReason: null };
}
