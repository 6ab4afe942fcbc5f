/**
 * CII syntax binding rules with their own logic (CII-SR-452…454, 461, 462, 465, 466) and BR-TMP-3 (XRechnung: CII price base quantity consistency).
 */
import { all, child, children, normalizeSpace, stringValue, textAt } from '../../xml/tree.js';
import { dec, eq } from '../../model/decimal.js';
import { rule } from '../helpers.js';
import type { Rule } from '../types.js';
import { agreement, lineElements, settlement } from './xr-paths.js';

const CII = ['cii'] as const;

export const ciiSyntaxRules: Rule[] = [
  rule(
    'CII-SR-461',
    'fatal',
    '[CII-SR-461] - Only one TaxPointDate shall be present',
    (c, f) => {
      const s = settlement(c);
      if (all(s, 'ApplicableTradeTax', 'TaxPointDate').length > 1) {
        f(s);
      }
    },
    { syntaxes: CII, de: 'Das Steuerpunktdatum (BT-7) darf nur einmal angegeben sein.' },
  ),
  rule(
    'CII-SR-462',
    'fatal',
    '[CII-SR-462] - Only one DueDateTypeCode shall be present',
    (c, f) => {
      const s = settlement(c);
      if (all(s, 'ApplicableTradeTax', 'DueDateTypeCode').length > 1) {
        f(s);
      }
    },
    { syntaxes: CII, de: 'Der Code für das Steuerpunktdatum (BT-8) darf nur einmal angegeben sein.' },
  ),
  // CII-SR-452…454 are warnings in EN 16931; the XRechnung CII scenario raises them to errors (levels.ts)
  rule(
    'CII-SR-452',
    'warning',
    '[CII-SR-452] - Only one SpecifiedTradePaymentTerms should be present',
    (c, f) => {
      const s = settlement(c);
      if (children(s, 'SpecifiedTradePaymentTerms').length > 1) {
        f(s);
      }
    },
    { syntaxes: CII, de: 'Es darf nur eine Zahlungsbedingung (SpecifiedTradePaymentTerms) angegeben sein.' },
  ),
  rule(
    'CII-SR-453',
    'warning',
    '[CII-SR-453] - Only one SpecifiedTradePaymentTerms Description should be present',
    (c, f) => {
      const s = settlement(c);
      if (all(s, 'SpecifiedTradePaymentTerms', 'Description').length > 1) {
        f(s);
      }
    },
    { syntaxes: CII, de: 'Die Zahlungsbedingungen (BT-20) dürfen nur einmal angegeben sein.' },
  ),
  rule(
    'CII-SR-454',
    'warning',
    '[CII-SR-454] - Only one ApplicableTradeTax should be present',
    (c, f) => {
      for (const l of lineElements(c)) {
        const st = child(l, 'SpecifiedLineTradeSettlement');
        if (children(st, 'ApplicableTradeTax').length > 1) {
          f(st);
        }
      }
    },
    { syntaxes: CII, de: 'Eine Rechnungsposition darf nur eine Umsatzsteuerangabe (ApplicableTradeTax) haben.' },
  ),
  rule(
    'CII-SR-465',
    'warning',
    '[CII-SR-465] - Only one BT-41 element is allowed on an invoice.',
    (c, f) => {
      // BT-41 may be PersonName or DepartmentName, but only one of them in total
      const a = agreement(c);
      const contacts = all(a, 'SellerTradeParty', 'DefinedTradeContact');
      if (
        contacts.reduce((n, k) => n + children(k, 'PersonName').length + children(k, 'DepartmentName').length, 0) > 1
      ) {
        f(a);
      }
    },
    { syntaxes: CII, de: 'Der Kontakt des Verkäufers (BT-41) darf nur einmal angegeben sein.' },
  ),
  rule(
    'CII-SR-466',
    'warning',
    '[CII-SR-466] - Only one BT-56 element is allowed on an invoice.',
    (c, f) => {
      const a = agreement(c);
      const contacts = all(a, 'BuyerTradeParty', 'DefinedTradeContact');
      if (
        contacts.reduce((n, k) => n + children(k, 'PersonName').length + children(k, 'DepartmentName').length, 0) > 1
      ) {
        f(a);
      }
    },
    { syntaxes: CII, de: 'Der Kontakt des Käufers (BT-56) darf nur einmal angegeben sein.' },
  ),
  rule(
    'BR-TMP-3',
    'fatal',
    '[BR-TMP-3] Wenn BT-149 (Item price base quantity) sowohl in GrossPriceProductTradePrice als auch in NetPriceProductTradePrice vorhanden ist, müssen die Werte identisch sein. Wenn BT-150 (unit of measure code) auf dem NetPrice-Pfad vorhanden ist, muss es auch auf dem GrossPrice-Pfad vorhanden und identisch sein.',
    (c, f) => {
      for (const l of lineElements(c)) {
        const agr = child(l, 'SpecifiedLineTradeAgreement');
        const g = child(child(agr, 'GrossPriceProductTradePrice'), 'BasisQuantity');
        const n = child(child(agr, 'NetPriceProductTradePrice'), 'BasisQuantity');
        if (!g || !n) {
          continue;
        }
        const gv = dec(stringValue(g));
        const nv = dec(stringValue(n));
        const sameQty = !!gv && !!nv && eq(gv, nv);
        const sameUnit = n.attrs.unitCode === undefined || n.attrs.unitCode === g.attrs.unitCode;
        if (!sameQty || !sameUnit) {
          f(l);
        }
      }
    },
    {
      syntaxes: CII,
      source: 'xr',
      en: 'If the price base quantity (BT-149) is given for both gross and net price, the values and units (BT-150) must be the same.',
    },
  ),
];

export { normalizeSpace, textAt };
