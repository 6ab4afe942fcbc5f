/**
 * EN 16931 calculation and conditional rules BR-CO-*. All arithmetic is exact decimal with the
 * official rounding (round(x * 100) div 100, XPath half-up towards +∞).
 */
import {
  abs,
  add,
  cmp,
  eq,
  mul,
  round,
  roundHalfAway,
  sub,
  sum,
  ZERO,
  div,
  type Decimal,
} from '../../model/decimal.js';
import { emptyInvoicePeriod, given, num, rule, vatTotalCount } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { COUNTRY_CODES } from '../../codelists/index.js';
import { all, children, stringValue, textAt } from '../../xml/tree.js';
import type { XElement } from '../../xml/parse.js';

/** CII BT-110 elements: tax totals in the invoice currency. */
function bt110Elements(c: RuleContext): XElement[] {
  return all(
    c.root,
    'SupplyChainTradeTransaction',
    'ApplicableHeaderTradeSettlement',
    'SpecifiedTradeSettlementHeaderMonetarySummation',
    'TaxTotalAmount',
  ).filter((e) => e.attrs.currencyID === c.inv.currency);
}

const T = (id: string, s: string) => `[${id}]-${s}`;
const r2 = (d: Decimal) => round(d, 2);

function amounts(values: (string | undefined)[]): Decimal | undefined {
  const ds: Decimal[] = [];
  for (const v of values) {
    const d = num(v);
    if (!d) {
      // a non-numeric amount makes the XPath sum fail; the XSD reports the datatype error
      return undefined;
    }
    ds.push(d);
  }
  return sum(ds);
}

function vatPrefixOk(id: string | undefined): boolean {
  if (id === undefined) {
    return true;
  }
  const p = id.slice(0, 2);
  return p.length === 2 && (COUNTRY_CODES.has(p) || p === 'EL' || p === 'XI' || p === '1A');
}

function hasDueDateOrTerms(c: RuleContext): boolean {
  return c.inv.dueDate !== undefined || c.inv.paymentTerms !== undefined;
}

export const calcRules: Rule[] = [
  rule(
    'BR-CO-03',
    'fatal',
    T(
      'BR-CO-03',
      'Value added tax point date (BT-7) and Value added tax point date code (BT-8) are mutually exclusive.',
    ),
    (c, f) => {
      if (c.inv.taxPointDate !== undefined && c.inv.taxPointDateCode !== undefined) {
        f();
      }
    },
    { de: 'Steuerpunktdatum (BT-7) und Steuerpunktdatum-Code (BT-8) dürfen nicht zusammen angegeben werden.' },
  ),
  rule(
    'BR-CO-04',
    'fatal',
    T('BR-CO-04', 'Each Invoice line (BG-25) shall be categorized with an Invoiced item VAT category code (BT-151).'),
    (c, f) => {
      for (const l of c.inv.lines) {
        if (l.vatCategory === undefined) {
          f(l);
        }
      }
    },
    { de: 'Jede Rechnungsposition braucht einen Umsatzsteuer-Kategoriecode (BT-151).' },
  ),
  rule(
    'BR-CO-09',
    'fatal',
    T(
      'BR-CO-09',
      'The Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) shall have a prefix in accordance with ISO code ISO 3166-1 alpha-2 by which the country of issue may be identified. Nevertheless, Greece may use the prefix ‘EL’.',
    ),
    (c, f) => {
      const i = c.inv;
      if (!vatPrefixOk(i.seller.vatId) || !vatPrefixOk(i.buyer.vatId) || !vatPrefixOk(i.taxRepresentative?.vatId)) {
        f();
      }
    },
    {
      de: 'Umsatzsteuer-Identifikationsnummern (BT-31, BT-48, BT-63) müssen mit einem Ländercode nach ISO 3166-1 beginnen (Griechenland: EL).',
    },
  ),
  rule(
    'BR-CO-10',
    'fatal',
    T('BR-CO-10', 'Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131).'),
    (c, f) => {
      const total = num(c.inv.totals.lineNetTotal);
      if (c.inv.totals.lineNetTotal === undefined) {
        return;
      }
      const s = amounts(c.inv.lines.map((l) => l.netAmount ?? '0'));
      if (!total || !s || !eq(total, r2(s))) {
        f();
      }
    },
    { de: 'Die Summe der Positionsnettobeträge (BT-106) stimmt nicht mit der Summe der Positionen (BT-131) überein.' },
  ),
  rule(
    'BR-CO-11',
    'fatal',
    T('BR-CO-11', 'Sum of allowances on document level (BT-107) = Σ Document level allowance amount (BT-92).'),
    (c, f) => {
      const acs = c.inv.allowanceCharges.filter((a) => !a.isCharge);
      const t = c.inv.totals.allowanceTotal;
      if (t === undefined) {
        if (acs.length > 0) {
          f();
        }
        return;
      }
      const s = amounts(acs.map((a) => a.amount ?? '0'));
      const td = num(t);
      if (!td || !s || !eq(td, r2(s))) {
        f();
      }
    },
    { de: 'Die Summe der Nachlässe (BT-107) stimmt nicht mit den einzelnen Nachlässen (BT-92) überein.' },
  ),
  rule(
    'BR-CO-12',
    'fatal',
    T('BR-CO-12', 'Sum of charges on document level (BT-108) = Σ Document level charge amount (BT-99).'),
    (c, f) => {
      const acs = c.inv.allowanceCharges.filter((a) => a.isCharge);
      const t = c.inv.totals.chargeTotal;
      if (t === undefined) {
        if (acs.length > 0) {
          f();
        }
        return;
      }
      const s = amounts(acs.map((a) => a.amount ?? '0'));
      const td = num(t);
      if (!td || !s || !eq(td, r2(s))) {
        f();
      }
    },
    { de: 'Die Summe der Zuschläge (BT-108) stimmt nicht mit den einzelnen Zuschlägen (BT-99) überein.' },
  ),
  rule(
    'BR-CO-13',
    'fatal',
    T(
      'BR-CO-13',
      'Invoice total amount without VAT (BT-109) = Σ Invoice line net amount (BT-131) - Sum of allowances on document level (BT-107) + Sum of charges on document level (BT-108).',
    ),
    (c, f) => {
      const t = c.inv.totals;
      if (t.taxExclusive === undefined) {
        return;
      }
      const excl = num(t.taxExclusive);
      const lines = num(t.lineNetTotal ?? '0');
      const ch = num(t.chargeTotal ?? '0');
      const al = num(t.allowanceTotal ?? '0');
      if (!excl || !lines || !ch || !al || !eq(excl, r2(sub(add(lines, ch), al)))) {
        f();
      }
    },
    { de: 'Der Gesamtbetrag ohne Umsatzsteuer (BT-109) muss Positionssumme − Nachlässe + Zuschläge sein.' },
  ),
  rule(
    'BR-CO-14',
    'fatal',
    T('BR-CO-14', 'Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117).'),
    (c, f) => {
      // UBL checks every TaxTotal against its own subtotals; CII every BT-110 against all breakdowns
      const groups: { total: string; parts: string[]; at?: object }[] = [];
      if (c.syntax === 'cii') {
        const parts = c.inv.vatBreakdown.map((v) => v.taxAmount ?? '0');
        for (const t of bt110Elements(c)) {
          groups.push({ total: stringValue(t), parts, at: t });
        }
      } else {
        for (const tt of children(c.root, 'TaxTotal')) {
          const subs = children(tt, 'TaxSubtotal');
          if (subs.length > 0) {
            groups.push({
              total: textAt(tt, 'TaxAmount') ?? '',
              parts: subs.map((st) => textAt(st, 'TaxAmount') ?? '0'),
              at: tt,
            });
          }
        }
      }
      for (const g of groups) {
        const t = num(g.total);
        const s = amounts(g.parts);
        if (!t || !s || !eq(t, r2(s))) {
          f(g.at);
        }
      }
    },
    { de: 'Der Umsatzsteuergesamtbetrag (BT-110) muss der Summe der Steuerbeträge je Kategorie (BT-117) entsprechen.' },
  ),
  rule(
    'BR-CO-15',
    'fatal',
    T(
      'BR-CO-15',
      'Invoice total amount with VAT (BT-112) = Invoice total amount without VAT (BT-109) + Invoice total VAT amount (BT-110).',
    ),
    (c, f) => {
      const t = c.inv.totals;
      const incl = num(t.taxInclusive);
      const excl = num(t.taxExclusive);
      if (c.syntax === 'cii') {
        // CII: exactly one BT-110 and the sum holds, or the totals are equal (no VAT at all)
        if (c.inv.currency === undefined) {
          return;
        }
        const totals = bt110Elements(c);
        const vat = totals.length === 1 ? num(stringValue(totals[0]!)) : undefined;
        const sumOk = !!incl && !!excl && !!vat && eq(incl, r2(add(excl, vat)));
        const equal = !!incl && !!excl && eq(incl, excl);
        if (!sumOk && !equal) {
          f();
        }
        return;
      }
      // UBL demands exactly one BT-110
      const vat = num(t.vatTotal);
      if (vatTotalCount(c) !== 1 || !incl || !excl || !vat || !eq(incl, r2(add(excl, vat)))) {
        f();
      }
    },
    {
      de: 'Der Gesamtbetrag mit Umsatzsteuer (BT-112) muss Gesamtbetrag ohne Umsatzsteuer (BT-109) plus Umsatzsteuer (BT-110) sein.',
    },
  ),
  rule(
    'BR-CO-16',
    'fatal',
    T(
      'BR-CO-16',
      'Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) -Paid amount (BT-113) +Rounding amount (BT-114).',
    ),
    (c, f) => {
      const t = c.inv.totals;
      const pay = num(t.payable);
      const incl = num(t.taxInclusive);
      const pre = num(t.prepaid ?? '0');
      const rnd = num(t.rounding ?? '0');
      if (!pay || !incl || !pre || !rnd) {
        f();
        return;
      }
      if (!eq(r2(sub(pay, rnd)), r2(sub(incl, pre)))) {
        f();
      }
    },
    {
      de: 'Der fällige Betrag (BT-115) muss Gesamtbetrag mit Umsatzsteuer (BT-112) − gezahlter Betrag (BT-113) + Rundungsbetrag (BT-114) sein.',
    },
  ),
  rule(
    'BR-CO-17',
    'fatal',
    T(
      'BR-CO-17',
      'VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x (VAT category rate (BT-119) / 100), rounded to two decimals.',
    ),
    (c, f) => {
      for (const v of c.inv.vatBreakdown) {
        const rate = num(v.rate);
        const base = num(v.taxableAmount);
        const tax = num(v.taxAmount);
        if (!rate || !base || !tax) {
          continue;
        }
        const expected = roundHalfAway(div(mul(base, rate), { v: 100n, s: 0 }, 12)!, 2);
        // the artefacts allow a deviation below one currency unit (CII: up to one)
        const d = cmp(abs(sub(tax, expected)), { v: 1n, s: 0 });
        const off = c.syntax === 'cii' ? d > 0 : d >= 0;
        if (off) {
          f(v);
        }
      }
    },
    {
      de: 'Der Steuerbetrag je Kategorie (BT-117) muss Bemessungsgrundlage × Steuersatz / 100 (auf zwei Stellen gerundet) sein.',
    },
  ),
  rule(
    'BR-CO-18',
    'fatal',
    T('BR-CO-18', 'An Invoice shall at least have one VAT breakdown group (BG-23).'),
    (c, f) => {
      if (c.inv.vatBreakdown.length === 0) {
        f();
      }
    },
    { de: 'Die Rechnung braucht mindestens eine Umsatzsteueraufschlüsselung (BG-23).' },
  ),
  rule(
    'BR-CO-19',
    'fatal',
    T(
      'BR-CO-19',
      'If Invoicing period (BG-14) is used, the Invoicing period start date (BT-73) or the Invoicing period end date (BT-74) shall be filled, or both.',
    ),
    (c, f) => {
      if (emptyInvoicePeriod(c)) {
        f();
      }
    },
    { de: 'Ein Abrechnungszeitraum (BG-14) braucht ein Anfangs- oder Enddatum.' },
  ),
  rule(
    'BR-CO-20',
    'fatal',
    T(
      'BR-CO-20',
      'If Invoice line period (BG-26) is used, the Invoice line period start date (BT-134) or the Invoice line period end date (BT-135) shall be filled, or both.',
    ),
    (c, f) => {
      for (const l of c.inv.lines) {
        if (l.period && l.period.start === undefined && l.period.end === undefined) {
          f(l);
        }
      }
    },
    { de: 'Ein Positionszeitraum (BG-26) braucht ein Anfangs- oder Enddatum.' },
  ),
  rule(
    'BR-CO-21',
    'fatal',
    T(
      'BR-CO-21',
      'Each Document level allowance (BG-20) shall contain a Document level allowance reason (BT-97) or a Document level allowance reason code (BT-98), or both.',
    ),
    (c, f) => {
      for (const a of c.inv.allowanceCharges) {
        if (!a.isCharge && !given(a.reason) && !given(a.reasonCode)) {
          f(a);
        }
      }
    },
    { de: 'Jeder Nachlass auf Dokumentebene braucht einen Grund oder Grund-Code.' },
  ),
  rule(
    'BR-CO-22',
    'fatal',
    T(
      'BR-CO-22',
      'Each Document level charge (BG-21) shall contain a Document level charge reason (BT-104) or a Document level charge reason code (BT-105), or both.',
    ),
    (c, f) => {
      for (const a of c.inv.allowanceCharges) {
        if (a.isCharge && !given(a.reason) && !given(a.reasonCode)) {
          f(a);
        }
      }
    },
    { de: 'Jeder Zuschlag auf Dokumentebene braucht einen Grund oder Grund-Code.' },
  ),
  rule(
    'BR-CO-23',
    'fatal',
    T(
      'BR-CO-23',
      'Each Invoice line allowance (BG-27) shall contain an Invoice line allowance reason (BT-139) or an Invoice line allowance reason code (BT-140), or both.',
    ),
    (c, f) => {
      for (const l of c.inv.lines) {
        for (const a of l.allowanceCharges) {
          if (!a.isCharge && !given(a.reason) && !given(a.reasonCode)) {
            f(a);
          }
        }
      }
    },
    { de: 'Jeder Positionsnachlass braucht einen Grund oder Grund-Code.' },
  ),
  rule(
    'BR-CO-24',
    'fatal',
    T(
      'BR-CO-24',
      'Each Invoice line charge (BG-28) shall contain an Invoice line charge reason (BT-144) or an Invoice line charge reason code (BT-145), or both.',
    ),
    (c, f) => {
      for (const l of c.inv.lines) {
        for (const a of l.allowanceCharges) {
          if (a.isCharge && !given(a.reason) && !given(a.reasonCode)) {
            f(a);
          }
        }
      }
    },
    { de: 'Jeder Positionszuschlag braucht einen Grund oder Grund-Code.' },
  ),
  rule(
    'BR-CO-25',
    'fatal',
    T(
      'BR-CO-25',
      'In case the Amount due for payment (BT-115) is positive, either the Payment due date (BT-9) or the Payment terms (BT-20) shall be present.',
    ),
    (c, f) => {
      const pay = num(c.inv.totals.payable);
      if (pay && cmp(pay, ZERO) > 0 && !hasDueDateOrTerms(c)) {
        f();
      }
    },
    {
      // the UBL artefacts apply BR-CO-25 to invoices only
      syntaxes: ['ubl-invoice', 'cii'],
      de: 'Ist ein Betrag fällig (BT-115 > 0), muss ein Fälligkeitsdatum (BT-9) oder Zahlungsbedingungen (BT-20) angegeben sein.',
    },
  ),
  rule(
    'BR-CO-26',
    'fatal',
    T(
      'BR-CO-26',
      'In order for the buyer to automatically identify a supplier, the Seller identifier (BT-29), the Seller legal registration identifier (BT-30) and/or the Seller VAT identifier (BT-31) shall be present.',
    ),
    (c, f) => {
      const s = c.inv.seller;
      if (s.identifiers.length === 0 && !s.legalRegistrationId && s.vatId === undefined) {
        f();
      }
    },
    {
      de: 'Verkäuferkennung (BT-29), Registernummer (BT-30) oder Umsatzsteuer-Identifikationsnummer (BT-31) muss angegeben sein.',
    },
  ),
];
