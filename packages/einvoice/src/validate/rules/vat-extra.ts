/**
 * VAT rules beyond the per-category pattern: BR-IC-11/12 (intra-community supply needs delivery
 * date and country), BR-O-11…14 (not subject to VAT excludes every other category) and
 * BR-B-01/02 (Italian split payment).
 */
import { given, rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { is, use } from './vat-usage.js';

/** A category used by any line, document allowance or charge. */
function usesCode(c: RuleContext, code: string): boolean {
  const u = use(c, code);
  return u.lines.length > 0 || u.acs.length > 0;
}

/** All country codes of the document's addresses (BR-B-01 looks at every one). */
function countryCodes(c: RuleContext): string[] {
  const i = c.inv;
  return [i.seller.address, i.buyer.address, i.payee?.address, i.taxRepresentative?.address, i.delivery?.address]
    .map((a) => a?.countryCode?.trim())
    .filter((x): x is string => x !== undefined);
}

function extraRules(): Rule[] {
  const usesO = (c: RuleContext) => c.inv.vatBreakdown.some((v) => is(v.categoryCode, 'O'));
  const q = '"Not subject to VAT"';
  return [
    rule(
      'BR-IC-11',
      'fatal',
      '[BR-IC-11]-In an Invoice with a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Intra-community supply" the Actual delivery date (BT-72) or the Invoicing period (BG-14) shall not be blank.',
      (c, f) => {
        if (
          c.inv.vatBreakdown.some((v) => is(v.categoryCode, 'K')) &&
          !given(c.inv.delivery?.date) &&
          !c.inv.invoicePeriod
        ) {
          f();
        }
      },
      {
        de: 'Bei innergemeinschaftlicher Lieferung muss ein Lieferdatum (BT-72) oder ein Abrechnungszeitraum (BG-14) angegeben sein.',
      },
    ),
    rule(
      'BR-IC-12',
      'fatal',
      '[BR-IC-12]-In an Invoice with a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Intra-community supply" the Deliver to country code (BT-80) shall not be blank.',
      (c, f) => {
        if (c.inv.vatBreakdown.some((v) => is(v.categoryCode, 'K')) && !given(c.inv.delivery?.address?.countryCode)) {
          f();
        }
      },
      { de: 'Bei innergemeinschaftlicher Lieferung muss das Lieferland (BT-80) angegeben sein.' },
    ),
    rule(
      'BR-B-01',
      'fatal',
      '[BR-B-01]-An Invoice where the VAT category code (BT-151, BT-95 or BT-102) is “Split payment” shall be a domestic Italian invoice.',
      (c, f) => {
        if (usesCode(c, 'B') && countryCodes(c).some((cc) => cc !== 'IT')) {
          f();
        }
      },
      { de: 'Die Kategorie B (Split Payment) ist nur für inländische italienische Rechnungen zulässig.' },
    ),
    rule(
      'BR-B-02',
      'fatal',
      '[BR-B-02]-An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is “Split payment” shall not contain an invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is “Standard rated”.',
      (c, f) => {
        if (usesCode(c, 'B') && usesCode(c, 'S')) {
          f();
        }
      },
      { de: 'Kategorie B (Split Payment) und Kategorie S (Normalsatz) dürfen nicht gemeinsam vorkommen.' },
    ),
    rule(
      'BR-O-11',
      'fatal',
      `[BR-O-11]-An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) ${q} shall not contain other VAT breakdown groups (BG-23).`,
      (c, f) => {
        if (usesO(c) && c.inv.vatBreakdown.some((v) => !is(v.categoryCode, 'O'))) {
          f();
        }
      },
      { de: 'Neben der Kategorie O (nicht steuerbar) darf es keine weitere Umsatzsteueraufschlüsselung geben.' },
    ),
    rule(
      'BR-O-12',
      'fatal',
      `[BR-O-12]-An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) ${q} shall not contain an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is not ${q}.`,
      (c, f) => {
        if (usesO(c) && c.inv.lines.some((l) => l.vatCategory !== undefined && !is(l.vatCategory, 'O'))) {
          f();
        }
      },
      { de: 'Bei Kategorie O (nicht steuerbar) müssen alle Positionen die Kategorie O haben.' },
    ),
    rule(
      'BR-O-13',
      'fatal',
      `[BR-O-13]-An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) ${q} shall not contain Document level allowances (BG-20) where Document level allowance VAT category code (BT-95) is not ${q}.`,
      (c, f) => {
        if (
          usesO(c) &&
          c.inv.allowanceCharges.some((a) => !a.isCharge && a.vatCategory !== undefined && !is(a.vatCategory, 'O'))
        ) {
          f();
        }
      },
      { de: 'Bei Kategorie O (nicht steuerbar) müssen alle Nachlässe die Kategorie O haben.' },
    ),
    rule(
      'BR-O-14',
      'fatal',
      `[BR-O-14]-An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) ${q} shall not contain Document level charges (BG-21) where Document level charge VAT category code (BT-102) is not ${q}.`,
      (c, f) => {
        if (
          usesO(c) &&
          c.inv.allowanceCharges.some((a) => a.isCharge && a.vatCategory !== undefined && !is(a.vatCategory, 'O'))
        ) {
          f();
        }
      },
      { de: 'Bei Kategorie O (nicht steuerbar) müssen alle Zuschläge die Kategorie O haben.' },
    ),
  ];
}

export const vatExtraRules: Rule[] = extraRules();
