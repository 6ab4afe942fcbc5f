/**
 * UBL syntax binding rules with their own logic: UBL-SR-42/44/47/48/53 and UBL-CR-646 (the
 * XRechnung scenarios change its level). The table-driven UBL-CR/SR/DT rules are in
 * syntax-ubl-cr.ts and syntax-ubl-sr.ts.
 */
import type { XElement } from '../../xml/parse.js';
import { all, child, children, normalizeSpace, stringValue, textAt } from '../../xml/tree.js';
import { named, rule } from '../helpers.js';
import type { Rule } from '../types.js';
import { lineElements } from './xr-paths.js';

const UBL = ['ubl-invoice', 'ubl-creditnote'] as const;

function partyTaxSchemes(party: XElement | undefined, scheme?: string): XElement[] {
  return children(party, 'PartyTaxScheme').filter(
    (p) => scheme === undefined || normalizeSpace(textAt(p, 'TaxScheme', 'ID')) === scheme,
  );
}

export const syntaxRules: Rule[] = [
  rule(
    'UBL-SR-42',
    'fatal',
    '[UBL-SR-42]-Party tax scheme shall occur maximum twice in accounting supplier party',
    (c, f) => {
      if (partyTaxSchemes(child(child(c.root, 'AccountingSupplierParty'), 'Party')).length > 2) {
        f();
      }
    },
    { syntaxes: UBL, de: 'Der Verkäufer darf höchstens zwei Steuerregistrierungen (PartyTaxScheme) haben.' },
  ),
  rule(
    'UBL-SR-44',
    'fatal',
    '[UBL-SR-44]-An Invoice may only have one unique PaymentID, but the PaymentID may be used for multiple PaymentMeans',
    (c, f) => {
      const ids = new Set(all(c.root, 'PaymentMeans', 'PaymentID').map((e) => normalizeSpace(stringValue(e))));
      if (ids.size > 1) {
        f();
      }
    },
    { syntaxes: UBL, de: 'Der Verwendungszweck (PaymentID) muss in allen Zahlungsanweisungen gleich sein.' },
  ),
  rule(
    'UBL-SR-47',
    'fatal',
    '[UBL-SR-47]-When there are more than one payment means code, they shall be equal',
    (c, f) => {
      const codes = new Set(all(c.root, 'PaymentMeans', 'PaymentMeansCode').map((e) => normalizeSpace(stringValue(e))));
      if (codes.size > 1) {
        f();
      }
    },
    { syntaxes: UBL, de: 'Mehrere Zahlungsart-Codes (BT-81) müssen gleich sein.' },
  ),
  rule(
    'UBL-SR-48',
    'fatal',
    '[UBL-SR-48]-Invoice lines shall have one and only one classified tax category.',
    (c, f) => {
      for (const l of lineElements(c)) {
        if (all(l, 'Item', 'ClassifiedTaxCategory').length !== 1) {
          f(l);
        }
      }
    },
    { syntaxes: UBL, de: 'Jede Rechnungsposition muss genau eine Steuerkategorie (ClassifiedTaxCategory) haben.' },
  ),
  rule(
    'UBL-SR-53',
    'fatal',
    '[UBL-SR-53]- CompanyID (VAT Identifier) must be stated when providing the PartyTaxScheme/TaxScheme/ID.',
    (c, f) => {
      // a tax registration needs both its identifier and the scheme it belongs to
      for (const p of named(c, 'PartyTaxScheme')) {
        if (!child(p, 'CompanyID') || !child(child(p, 'TaxScheme'), 'ID')) {
          f(p);
        }
      }
    },
    {
      syntaxes: UBL,
      de: 'Eine Steuerregistrierung (PartyTaxScheme) braucht die Steuernummer (CompanyID) und das Steuerschema (TaxScheme/ID).',
    },
  ),
  rule(
    'UBL-CR-646',
    'warning',
    '[UBL-CR-646]-A UBL invoice should not include the InvoiceLine SubInvoiceLine',
    (c, f) => {
      if (
        lineElements(c).some(
          (l) => children(l, 'SubInvoiceLine').length > 0 || children(l, 'SubCreditNoteLine').length > 0,
        )
      ) {
        f();
      }
    },
    {
      syntaxes: UBL,
      de: 'Eine UBL-Rechnung sollte keine Unterpositionen (SubInvoiceLine) enthalten; nur die XRechnung-Extension erlaubt sie.',
    },
  ),
];

export { normalizeSpace, textAt };
