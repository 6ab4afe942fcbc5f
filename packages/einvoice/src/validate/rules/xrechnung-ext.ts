/**
 * XRechnung Extension (BR-DEX-*) and CVD (BR-DE-CVD-*, BR-TMP-CVD-01) rules. They only apply when
 * BT-24 is exactly the extension or CVD identifier.
 */
import type { XElement } from '../../xml/parse.js';
import { all, at, child, children, normalizeSpace, textAt } from '../../xml/tree.js';
import { dec, eq, sum, ZERO } from '../../model/decimal.js';
import { named, rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { lineElements, subLineElements } from './xr-paths.js';
import { SPEC } from '../../read/detect.js';
import { xrList } from '../../codelists/index.js';

const xr = { source: 'xr' as const };
const cii = (c: RuleContext) => c.syntax === 'cii';
const isExt = (c: RuleContext) => c.customizationId === SPEC.xrechnungExtension;

const ICD_EXT = new Set([...xrList('DIGA-CODES'), ...xrList('ISO-6523-ICD-CODES')]);
const EAS_EXT = new Set([...xrList('DIGA-CODES'), ...xrList('CEF-EAS-CODES')]);
const MIME_EXT = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/xml',
]);

function schemeOk(scheme: string, list: Set<string>): boolean {
  const s = normalizeSpace(scheme);
  return !s.includes(' ') && list.has(s);
}

function subLines(c: RuleContext): XElement[] {
  return cii(c)
    ? lineElements(c).filter((l) => !!at(l, 'AssociatedDocumentLineDocument', 'ParentLineID'))
    : subLineElements(c.root);
}

export const extensionRules: Rule[] = [
  rule(
    'BR-DEX-01',
    'fatal',
    '[BR-DEX-01] Das Element "Attached Document" (BT-125) benutzt einen nicht zulässigen MIME-Code. Im Falle einer Extension darf zusätzlich zu der Liste der mime codes (definiert in Abschnitt 8.2, "Binary Object") der MIME-Code application/xml genutzt werden.',
    (c, f) => {
      if (!isExt(c)) {
        return;
      }
      for (const b of named(c, cii(c) ? 'AttachmentBinaryObject' : 'EmbeddedDocumentBinaryObject')) {
        if (!MIME_EXT.has(b.attrs.mimeCode ?? '')) {
          f(b);
        }
      }
    },
    {
      ...xr,
      en: 'An attached document (BT-125) uses a MIME code that is not allowed (the extension adds application/xml).',
    },
  ),
  rule(
    'BR-DEX-02',
    'warning',
    '[BR-DEX-02] Der Wert von "Invoice line net amount" (BT-131) einer "INVOICE LINE" (BG-25) oder einer "SUB INVOICE LINE" (BG-DEX-01) soll der Summe der "Invoice line net amount" (BT-131) der direkt darunterliegenden "SUB INVOICE LINE" (BG-DEX-01) entsprechen.',
    (c, f) => {
      if (!isExt(c) || cii(c)) {
        return;
      }
      const check = (el: XElement) => {
        const subs = [...children(el, 'SubInvoiceLine'), ...children(el, 'SubCreditNoteLine')];
        if (subs.length > 0) {
          const own = dec(textAt(el, 'LineExtensionAmount'));
          const s = sum(subs.map((x) => dec(textAt(x, 'LineExtensionAmount')) ?? ZERO));
          if (!own || !eq(own, s)) {
            f(el);
          }
        }
        subs.forEach(check);
      };
      lineElements(c).forEach(check);
    },
    { ...xr, en: 'A line net amount (BT-131) should equal the sum of its sub line net amounts.' },
  ),
  rule(
    'BR-DEX-03',
    'fatal',
    '[BR-DEX-03] Eine Sub Invoice Line (BG-DEX-01) muss genau eine "SUB INVOICE LINE VAT INFORMATION" (BG-DEX-06) enthalten.',
    (c, f) => {
      if (!isExt(c)) {
        return;
      }
      for (const s of subLines(c)) {
        const n = cii(c)
          ? all(s, 'SpecifiedLineTradeSettlement', 'ApplicableTradeTax').length
          : all(s, 'Item', 'ClassifiedTaxCategory').length;
        if (n !== 1) {
          f(s);
        }
      }
    },
    { ...xr, en: 'Every sub invoice line must carry exactly one VAT information group.' },
  ),
  rule(
    'BR-DEX-04',
    'fatal',
    '[BR-DEX-04] Any scheme identifier MUST be coded using one of the ISO 6523 ICD list.',
    (c, f) => {
      if (!isExt(c)) {
        return;
      }
      if (cii(c)) {
        for (const g of named(c, 'GlobalID')) {
          if (
            g.attrs.schemeID !== undefined &&
            !hasAncestor(g, 'SpecifiedTradeProduct') &&
            !hasAncestor(g, 'ShipToTradeParty') &&
            !schemeOk(g.attrs.schemeID, ICD_EXT)
          ) {
            f(g);
          }
        }
        return;
      }
      for (const id of named(c, 'PartyIdentification')
        .map((p) => child(p, 'ID'))
        .filter((x): x is XElement => !!x)) {
        const s = id.attrs.schemeID;
        if (s === undefined) {
          continue;
        }
        const inSellerOrPayee = ancestorNamed(id, 'AccountingSupplierParty') || ancestorNamed(id, 'PayeeParty');
        if (!schemeOk(s, ICD_EXT) && !(normalizeSpace(s) === 'SEPA' && inSellerOrPayee)) {
          f(id);
        }
      }
    },
    { ...xr, en: 'A party identifier scheme must be an ISO 6523 ICD code (the extension adds XR01–XR03).' },
  ),
  rule(
    'BR-DEX-05',
    'fatal',
    '[BR-DEX-05] Any scheme identifier MUST be coded using one of the ISO 6523 ICD list.',
    (c, f) => {
      if (!isExt(c)) {
        return;
      }
      const ids = cii(c)
        ? named(c, 'ID').filter((e) => e.attrs.schemeID !== undefined && !hasAncestor(e, 'SpecifiedTaxRegistration'))
        : named(c, 'PartyLegalEntity').map((o) => child(o, 'CompanyID'));
      for (const id of ids) {
        if (id?.attrs.schemeID !== undefined && !schemeOk(id.attrs.schemeID, ICD_EXT)) {
          f(id);
        }
      }
    },
    {
      ...xr,
      en: 'A legal registration identifier scheme must be an ISO 6523 ICD code (the extension adds XR01–XR03).',
    },
  ),
  rule(
    'BR-DEX-06',
    'fatal',
    '[BR-DEX-06] Any scheme identifier MUST be coded using one of the ISO 6523 ICD list.',
    (c, f) => {
      if (!isExt(c)) {
        return;
      }
      const ids = cii(c)
        ? named(c, 'SpecifiedTradeProduct').map((p) => child(p, 'GlobalID'))
        : named(c, 'StandardItemIdentification').map((p) => child(p, 'ID'));
      for (const id of ids) {
        if (id?.attrs.schemeID !== undefined && !schemeOk(id.attrs.schemeID, ICD_EXT)) {
          f(id);
        }
      }
    },
    { ...xr, en: 'An item standard identifier scheme must be an ISO 6523 ICD code (the extension adds XR01–XR03).' },
  ),
  rule(
    'BR-DEX-07',
    'fatal',
    '[BR-DEX-07] Any scheme identifier for an Endpoint Identifier MUST belong to the CEF EAS code list.',
    (c, f) => {
      if (!isExt(c)) {
        return;
      }
      const ids = cii(c) ? named(c, 'URIUniversalCommunication').map((u) => child(u, 'URIID')) : named(c, 'EndpointID');
      for (const id of ids) {
        if (id?.attrs.schemeID !== undefined && !schemeOk(id.attrs.schemeID, EAS_EXT)) {
          f(id);
        }
      }
    },
    { ...xr, en: 'An electronic address scheme must be a CEF EAS code (the extension adds XR01–XR03).' },
  ),
  rule(
    'BR-DEX-08',
    'fatal',
    '[BR-DEX-08] Any scheme identifier for a Delivery location identifier MUST be coded using one of the ISO 6523 ICD list.',
    (c, f) => {
      if (!isExt(c)) {
        return;
      }
      const ids = cii(c)
        ? all(c.root, 'SupplyChainTradeTransaction', 'ApplicableHeaderTradeDelivery', 'ShipToTradeParty', 'GlobalID')
        : named(c, 'DeliveryLocation')
            .map((d) => child(d, 'ID'))
            .filter((x): x is XElement => !!x);
      for (const id of ids) {
        if (id.attrs.schemeID !== undefined && !schemeOk(id.attrs.schemeID, ICD_EXT)) {
          f(id);
        }
      }
    },
    { ...xr, en: 'A delivery location identifier scheme must be an ISO 6523 ICD code (the extension adds XR01–XR03).' },
  ),
  rule(
    'BR-DEX-15',
    'warning',
    '[BR-DEX-15] This CII file might use the concept of Sub Invoice Lines. However XRechnung does not support this.',
    (c, f) => {
      // published as: in an extension document, every line warns once any ParentLineID exists
      if (!cii(c) || !isExt(c) || subLines(c).length === 0) {
        return;
      }
      for (const l of lineElements(c)) {
        const d = child(l, 'AssociatedDocumentLineDocument');
        if (d) {
          f(d);
        }
      }
    },
    {
      ...xr,
      de: 'Die CII-Datei scheint Unterpositionen (Sub Invoice Lines) zu verwenden; XRechnung (ohne Extension) unterstützt das nicht.',
    },
  ),
];

function hasAncestor(el: XElement, name: string): boolean {
  return ancestorNamed(el, name);
}

function ancestorNamed(el: XElement, name: string): boolean {
  for (let p = el.parent; p; p = p.parent) {
    if (p.name === name) {
      return true;
    }
  }
  return false;
}
