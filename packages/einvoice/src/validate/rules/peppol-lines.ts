/**
 * Peppol BIS 3 line-level rules that XRechnung 3.0 adopts: prices, line periods, line net amount
 * (PEPPOL-EN16931-R046, R101, R110, R111, R120, R121, R130).
 */
import { all, at, child, children, normalizeSpace, stringValue, textAt } from '../../xml/tree.js';
import { abs, add, cmp, dec, div, eq, mul, sub, sum, ZERO, type Decimal } from '../../model/decimal.js';
import { rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { lineElements } from './xr-paths.js';

const xr = { source: 'xr' as const };
const cii = (c: RuleContext) => c.syntax === 'cii';

function slack(c: RuleContext): Decimal {
  return normalizeSpace(c.inv.currency) === 'HUF' ? { v: 5n, s: 1 } : { v: 2n, s: 2 };
}

function near(a: Decimal, b: Decimal, s: Decimal): boolean {
  return cmp(abs(sub(a, b)), s) <= 0;
}

export const peppolLineRules: Rule[] = [
  rule(
    'PEPPOL-EN16931-R046',
    'fatal',
    'Item net price MUST equal (Gross price - Allowance amount) when gross price is provided.',
    (c, f) => {
      for (const l of lineElements(c)) {
        let net: string | undefined;
        let gross: string | undefined;
        let allowance: string | undefined;
        if (cii(c)) {
          const agr = child(l, 'SpecifiedLineTradeAgreement');
          net = textAt(agr, 'NetPriceProductTradePrice', 'ChargeAmount');
          gross = textAt(agr, 'GrossPriceProductTradePrice', 'ChargeAmount');
          allowance = textAt(agr, 'GrossPriceProductTradePrice', 'AppliedTradeAllowanceCharge', 'ActualAmount') ?? '0';
        } else {
          const ac = at(l, 'Price', 'AllowanceCharge');
          net = textAt(l, 'Price', 'PriceAmount');
          gross = textAt(ac, 'BaseAmount');
          allowance = textAt(ac, 'Amount') ?? '0';
        }
        if (gross === undefined) {
          continue;
        }
        const n = dec(net);
        const g = dec(gross);
        const a = dec(allowance);
        if (!n || !g || !a || !eq(n, sub(g, a))) {
          f(l);
        }
      }
    },
    { ...xr, de: 'Der Nettopreis (BT-146) muss Bruttopreis (BT-148) minus Rabatt (BT-147) sein.' },
  ),
  rule(
    'PEPPOL-EN16931-R101',
    'fatal',
    'Element Document reference can only be used for Invoice line object',
    (c, f) => {
      for (const l of lineElements(c)) {
        const refs = cii(c)
          ? all(l, 'SpecifiedLineTradeSettlement', 'AdditionalReferencedDocument')
          : children(l, 'DocumentReference');
        for (const r of refs) {
          if (normalizeSpace(textAt(r, cii(c) ? 'TypeCode' : 'DocumentTypeCode')) !== '130') {
            f(r);
          }
        }
      }
    },
    { ...xr, de: 'Ein Dokumentverweis auf Positionsebene darf nur die Objektkennung (BT-128, Code 130) sein.' },
  ),
  rule(
    'PEPPOL-EN16931-R110',
    'fatal',
    'Start date of line period MUST be within invoice period.',
    (c, f) => {
      const p = c.inv.invoicePeriod;
      for (const l of c.inv.lines) {
        const s = l.period?.start;
        if (p?.start && s && s < p.start) {
          f(l);
        }
      }
    },
    { ...xr, de: 'Der Beginn des Positionszeitraums muss im Abrechnungszeitraum liegen.' },
  ),
  rule(
    'PEPPOL-EN16931-R111',
    'fatal',
    'End date of line period MUST be within invoice period.',
    (c, f) => {
      const p = c.inv.invoicePeriod;
      for (const l of c.inv.lines) {
        const e = l.period?.end;
        if (p?.end && e && e > p.end) {
          f(l);
        }
      }
    },
    { ...xr, de: 'Das Ende des Positionszeitraums muss im Abrechnungszeitraum liegen.' },
  ),
  rule(
    'PEPPOL-EN16931-R120',
    'warning',
    'Invoice line net amount MUST equal (Invoiced quantity * (Item net price/item price base quantity) + Sum of invoice line charge amount - sum of invoice line allowance amount',
    (c, f) => {
      for (const l of c.inv.lines) {
        const qty = dec(l.quantity);
        const price = dec(l.netPrice);
        const base = l.baseQuantity !== undefined ? dec(l.baseQuantity) : { v: 1n, s: 0 };
        // a missing line net amount counts as 0 (it is then wrong unless the line is worth nothing)
        const net = l.netAmount === undefined ? ZERO : dec(l.netAmount);
        if (!qty || !price || !base || !net || base.v === 0n) {
          continue;
        }
        const ch = sum(l.allowanceCharges.filter((a) => a.isCharge).map((a) => dec(a.amount) ?? ZERO));
        const al = sum(l.allowanceCharges.filter((a) => !a.isCharge).map((a) => dec(a.amount) ?? ZERO));
        // dividing is only needed for a real base quantity; 24 fraction digits keep the ±slack
        // comparison exact where a quotient does not terminate (KoSIT's HUF slack tests)
        const gross = base.v === 1n && base.s === 0 ? mul(qty, price) : div(mul(qty, price), base, 24)!;
        const expected = add(sub(gross, al), ch);
        if (!near(net, expected, slack(c))) {
          f(l);
        }
      }
    },
    {
      ...xr,
      de: 'Der Positionsnettobetrag (BT-131) soll Menge × Nettopreis / Basismenge + Zuschläge − Nachlässe sein.',
    },
  ),
  rule(
    'PEPPOL-EN16931-R121',
    'fatal',
    'Base quantity MUST be a positive number above zero.',
    (c, f) => {
      for (const l of c.inv.lines) {
        if (l.baseQuantity !== undefined) {
          const b = dec(l.baseQuantity);
          if (!b || cmp(b, ZERO) <= 0) {
            f(l);
          }
        }
      }
    },
    { ...xr, de: 'Die Basismenge (BT-149) muss größer als null sein.' },
  ),
  rule(
    'PEPPOL-EN16931-R130',
    'fatal',
    'Unit code of price base quantity MUST be same as invoiced quantity.',
    (c, f) => {
      for (const l of c.inv.lines) {
        if (l.baseQuantityUnit !== undefined && l.baseQuantityUnit !== l.unitCode) {
          f(l);
        }
      }
    },
    { ...xr, de: 'Die Einheit der Basismenge (BT-150) muss der Einheit der Menge (BT-130) entsprechen.' },
  ),
];

export { stringValue };
