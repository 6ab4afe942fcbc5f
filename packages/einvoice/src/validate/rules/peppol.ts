/**
 * Peppol BIS 3 rules that XRechnung 3.0 adopts (PEPPOL-EN16931-R*), evaluated on the tree.
 * Arithmetic rules allow the published slack of ±0.02 (HUF: ±0.5).
 */
import type { XElement } from '../../xml/parse.js';
import { all, at, child, children, normalizeSpace, stringValue, textAt } from '../../xml/tree.js';
import { abs, cmp, dec, div, mul, sub, ZERO, type Decimal } from '../../model/decimal.js';
import { elementIndex, rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { buyerParty, lineElements, paymentMeans, sellerParty, settlement } from './xr-paths.js';

const xr = { source: 'xr' as const };
const cii = (c: RuleContext) => c.syntax === 'cii';
const HUNDRED: Decimal = { v: 100n, s: 0 };

function slack(c: RuleContext): Decimal {
  return normalizeSpace(c.inv.currency) === 'HUF' ? { v: 5n, s: 1 } : { v: 2n, s: 2 };
}

function near(a: Decimal, b: Decimal, s: Decimal): boolean {
  return cmp(abs(sub(a, b)), s) <= 0;
}

/** Allowance/charge elements of both levels (not price level). */
function allowanceCharges(c: RuleContext): XElement[] {
  if (cii(c)) {
    return [
      ...children(settlement(c), 'SpecifiedTradeAllowanceCharge'),
      ...lineElements(c).flatMap((l) => all(l, 'SpecifiedLineTradeSettlement', 'SpecifiedTradeAllowanceCharge')),
    ];
  }
  return [...children(c.root, 'AllowanceCharge'), ...lineElements(c).flatMap((l) => children(l, 'AllowanceCharge'))];
}

function acParts(ac: XElement, c: RuleContext) {
  return cii(c)
    ? {
        amount: textAt(ac, 'ActualAmount'),
        base: textAt(ac, 'BasisAmount'),
        pct: textAt(ac, 'CalculationPercent'),
        ind: textAt(ac, 'ChargeIndicator', 'Indicator'),
      }
    : {
        amount: textAt(ac, 'Amount'),
        base: textAt(ac, 'BaseAmount'),
        pct: textAt(ac, 'MultiplierFactorNumeric'),
        ind: textAt(ac, 'ChargeIndicator'),
      };
}

/** `s.trim() === ''`, without trimming when the text starts with a visible ASCII character. */
function blank(s: string): boolean {
  if (s === '') {
    return true;
  }
  const c0 = s.charCodeAt(0);
  return c0 > 32 && c0 < 127 ? false : s.trim() === '';
}

export const peppolRules: Rule[] = [
  rule(
    'PEPPOL-EN16931-R001',
    'fatal',
    'Business process MUST be provided.',
    (c, f) => {
      const p = cii(c)
        ? at(c.root, 'ExchangedDocumentContext', 'BusinessProcessSpecifiedDocumentContextParameter', 'ID')
        : child(c.root, 'ProfileID');
      if (!p) {
        f();
      }
    },
    { ...xr, de: 'Die Prozesskennung (BT-23) muss angegeben sein.' },
  ),
  rule(
    'PEPPOL-EN16931-R005',
    'fatal',
    'VAT accounting currency code MUST be different from invoice currency code when provided.',
    (c, f) => {
      if (c.inv.taxCurrency !== undefined && c.inv.taxCurrency === c.inv.currency) {
        f();
      }
    },
    { ...xr, de: 'Die Steuerwährung (BT-6) muss sich von der Rechnungswährung (BT-5) unterscheiden.' },
  ),
  rule(
    'PEPPOL-EN16931-R008',
    'fatal',
    'Document MUST not contain empty elements.',
    (c, f) => {
      const isCii = cii(c);
      // only the leaves whose text may be blank (collected by the parser), not every element
      for (const e of elementIndex(c).maybeEmpty) {
        // CII requires ApplicableHeaderTradeDelivery even when there is nothing to say
        if (blank(e.text) && !(isCii && e.name === 'ApplicableHeaderTradeDelivery')) {
          f(e);
        }
      }
    },
    { ...xr, de: 'Das Dokument darf keine leeren Elemente enthalten.' },
  ),
  rule(
    'PEPPOL-EN16931-R010',
    'fatal',
    'Buyer electronic address MUST be provided',
    (c, f) => {
      const p = buyerParty(c);
      if (!(cii(c) ? at(p, 'URIUniversalCommunication', 'URIID') : child(p, 'EndpointID'))) {
        f();
      }
    },
    { ...xr, de: 'Die elektronische Adresse des Käufers (BT-49) muss angegeben sein.' },
  ),
  rule(
    'PEPPOL-EN16931-R020',
    'fatal',
    'Seller electronic address MUST be provided',
    (c, f) => {
      const p = sellerParty(c);
      if (!(cii(c) ? at(p, 'URIUniversalCommunication', 'URIID') : child(p, 'EndpointID'))) {
        f();
      }
    },
    { ...xr, de: 'Die elektronische Adresse des Verkäufers (BT-34) muss angegeben sein.' },
  ),
  rule(
    'PEPPOL-EN16931-R040',
    'fatal',
    'Allowance/charge amount must equal base amount * percentage/100 if base amount and percentage exists',
    (c, f) => {
      for (const ac of allowanceCharges(c)) {
        const p = acParts(ac, c);
        const base = dec(p.base);
        const pct = dec(p.pct);
        // a missing amount counts as 0 (KoSIT's tests: no amount with base × percentage = 0 is fine)
        const amount = p.amount === undefined ? ZERO : dec(p.amount);
        if (
          p.base !== undefined &&
          p.pct !== undefined &&
          (!base || !pct || !amount || !near(amount, div(mul(base, pct), HUNDRED, 12)!, slack(c)))
        ) {
          f(ac);
        }
      }
    },
    { ...xr, de: 'Der Betrag eines Nachlasses/Zuschlags muss Grundbetrag × Prozentsatz / 100 sein.' },
  ),
  rule(
    'PEPPOL-EN16931-R041',
    'fatal',
    'Allowance/charge base amount MUST be provided when allowance/charge percentage is provided.',
    (c, f) => {
      for (const ac of allowanceCharges(c)) {
        const p = acParts(ac, c);
        if (p.pct !== undefined && p.base === undefined) {
          f(ac);
        }
      }
    },
    { ...xr, de: 'Ist ein Prozentsatz angegeben, muss auch der Grundbetrag angegeben sein.' },
  ),
  rule(
    'PEPPOL-EN16931-R042',
    'fatal',
    'Allowance/charge percentage MUST be provided when allowance/charge base amount is provided.',
    (c, f) => {
      for (const ac of allowanceCharges(c)) {
        const p = acParts(ac, c);
        if (p.base !== undefined && p.pct === undefined) {
          f(ac);
        }
      }
    },
    { ...xr, de: 'Ist ein Grundbetrag angegeben, muss auch der Prozentsatz angegeben sein.' },
  ),
  rule(
    'PEPPOL-EN16931-R043',
    'fatal',
    "Allowance/charge ChargeIndicator value MUST equal 'true' or 'false'",
    (c, f) => {
      const acs = cii(c)
        ? []
        : [...allowanceCharges(c), ...lineElements(c).flatMap((l) => all(l, 'Price', 'AllowanceCharge'))];
      for (const ac of acs) {
        const v = normalizeSpace(acParts(ac, c).ind);
        if (v !== 'true' && v !== 'false') {
          f(ac);
        }
      }
    },
    { ...xr, de: "Der Indikator eines Nachlasses/Zuschlags muss 'true' oder 'false' sein." },
  ),
  // the CII binding splits R043: document and line allowances/charges (-1), price discounts (-2)
  rule(
    'PEPPOL-EN16931-R043-1',
    'fatal',
    "Allowance/charge ChargeIndicator value MUST equal 'true' or 'false'",
    (c, f) => {
      for (const ac of allowanceCharges(c)) {
        const v = normalizeSpace(textAt(ac, 'ChargeIndicator', 'Indicator'));
        if (v !== 'true' && v !== 'false') {
          f(ac);
        }
      }
    },
    {
      ...xr,
      syntaxes: ['cii'],
      de: "Der Indikator eines Nachlasses/Zuschlags (ChargeIndicator) muss 'true' oder 'false' sein.",
    },
  ),
  rule(
    'PEPPOL-EN16931-R043-2',
    'fatal',
    "Allowance/charge ChargeIndicator value MUST equal 'true' or 'false'",
    (c, f) => {
      for (const l of lineElements(c)) {
        for (const ac of all(
          l,
          'SpecifiedLineTradeAgreement',
          'GrossPriceProductTradePrice',
          'AppliedTradeAllowanceCharge',
        )) {
          const v = normalizeSpace(textAt(ac, 'ChargeIndicator', 'Indicator'));
          if (v !== 'true' && v !== 'false') {
            f(ac);
          }
        }
      }
    },
    {
      ...xr,
      syntaxes: ['cii'],
      de: "Der Indikator eines Preisnachlasses (ChargeIndicator) muss 'true' oder 'false' sein.",
    },
  ),
  rule(
    'PEPPOL-EN16931-R044',
    'fatal',
    "Charge on price level is NOT allowed. Only value 'false' allowed.",
    (c, f) => {
      const acs = cii(c)
        ? lineElements(c).flatMap((l) =>
            all(l, 'SpecifiedLineTradeAgreement', 'GrossPriceProductTradePrice', 'AppliedTradeAllowanceCharge'),
          )
        : lineElements(c).flatMap((l) => all(l, 'Price', 'AllowanceCharge'));
      for (const ac of acs) {
        const v = normalizeSpace(cii(c) ? textAt(ac, 'ChargeIndicator', 'Indicator') : textAt(ac, 'ChargeIndicator'));
        if (v !== 'false') {
          f(ac);
        }
      }
    },
    { ...xr, de: 'Zuschläge auf Preisebene sind nicht erlaubt.' },
  ),
  // R053/R054 are bound differently per syntax (tests and texts of the XRechnung schematron)
  rule(
    'PEPPOL-EN16931-R053',
    'fatal',
    'Only one tax total with tax subtotals MUST be provided.',
    (c, f) => {
      if (children(c.root, 'TaxTotal').filter((t) => child(t, 'TaxSubtotal')).length !== 1) {
        f();
      }
    },
    {
      ...xr,
      syntaxes: ['ubl-invoice', 'ubl-creditnote'],
      de: 'Genau ein Steuergesamtbetrag mit Aufschlüsselung nach Steuersätzen (TaxTotal mit TaxSubtotal) muss angegeben sein.',
    },
  ),
  rule(
    'PEPPOL-EN16931-R053',
    'fatal',
    'No more than one tax total amount must be provided where currency id equals document currency code.',
    (c, f) => {
      const cur = c.inv.currency;
      const n = all(settlement(c), 'SpecifiedTradeSettlementHeaderMonetarySummation', 'TaxTotalAmount').filter(
        (t) => t.attrs.currencyID === cur,
      ).length;
      if (n > 1) {
        f();
      }
    },
    {
      ...xr,
      syntaxes: ['cii'],
      de: 'Der Umsatzsteuergesamtbetrag in Rechnungswährung (BT-110) darf höchstens einmal angegeben sein.',
    },
  ),
  rule(
    'PEPPOL-EN16931-R054',
    'fatal',
    'Only one tax total without tax subtotals MUST be provided when tax currency code is provided.',
    (c, f) => {
      const n = children(c.root, 'TaxTotal').filter((t) => !child(t, 'TaxSubtotal')).length;
      if (n !== (child(c.root, 'TaxCurrencyCode') ? 1 : 0)) {
        f();
      }
    },
    {
      ...xr,
      syntaxes: ['ubl-invoice', 'ubl-creditnote'],
      de: 'Mit Steuerwährung (BT-6) muss genau ein Steuergesamtbetrag ohne Aufschlüsselung angegeben sein, sonst keiner.',
    },
  ),
  rule(
    'PEPPOL-EN16931-R054',
    'fatal',
    'Only one tax total amount must be provided where currency id equals tax currency code, if tax currency code (BT-6) is provided.',
    (c, f) => {
      // the tax totals in another currency than the invoice currency
      const n = all(settlement(c), 'SpecifiedTradeSettlementHeaderMonetarySummation', 'TaxTotalAmount').filter(
        (t) => t.attrs.currencyID !== c.inv.currency,
      ).length;
      if (n !== (child(settlement(c), 'TaxCurrencyCode') ? 1 : 0)) {
        f();
      }
    },
    {
      ...xr,
      syntaxes: ['cii'],
      de: 'Mit Steuerwährung (BT-6) muss genau ein Steuergesamtbetrag in Steuerwährung angegeben sein, sonst keiner.',
    },
  ),
  rule(
    'PEPPOL-EN16931-R055',
    'fatal',
    'Invoice total VAT amount and Invoice total VAT amount in accounting currency MUST have the same operational sign',
    (c, f) => {
      const a = dec(c.inv.totals.vatTotal);
      const b = dec(c.inv.totals.vatTotalTaxCurrency);
      if (a && b && c.inv.taxCurrency !== undefined && cmp(a, ZERO) * cmp(b, ZERO) < 0) {
        f();
      }
    },
    { ...xr, de: 'BT-110 und BT-111 müssen dasselbe Vorzeichen haben.' },
  ),
  rule(
    'PEPPOL-EN16931-R061',
    'fatal',
    'Mandate reference MUST be provided for direct debit.',
    (c, f) => {
      for (const pm of paymentMeans(c)) {
        const code = normalizeSpace(textAt(pm, cii(c) ? 'TypeCode' : 'PaymentMeansCode'));
        if (code === '49' || code === '59') {
          const ok = cii(c)
            ? all(settlement(c), 'SpecifiedTradePaymentTerms', 'DirectDebitMandateID').length > 0
            : !!at(pm, 'PaymentMandate', 'ID');
          if (!ok) {
            f(pm);
          }
        }
      }
    },
    { ...xr, de: 'Bei Lastschrift muss die Mandatsreferenz (BT-89) angegeben sein.' },
  ),
];

export { stringValue };
