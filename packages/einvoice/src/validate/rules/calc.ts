/**
 * EN 16931 calculation rules BR-CO-10…17 (the conditional BR-CO-* rules are in conditions.ts).
 * All arithmetic is exact decimal with the official rounding (round(x * 100) div 100, XPath
 * half-up towards +∞).
 */
import { abs, add, cmp, eq, mul, round, roundHalfAway, sub, sum, div, type Decimal } from '../../model/decimal.js';
import { num, rule, vatTotalCount } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
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

export const calcRules: Rule[] = [
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
];
