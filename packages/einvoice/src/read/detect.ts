/**
 * Syntax (root element) and specification (BT-24) detection.
 */
import type { XElement } from '../xml/parse.js';
import type { Syntax } from '../model/types.js';
import { at, child, textAt } from '../xml/tree.js';

export const NS = {
  ublInvoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  ublCreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  cii: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
} as const;

export const SPEC = {
  xrechnung: 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
  xrechnungExtension:
    'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0',
  xrechnungCvd:
    'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0#compliant#urn:xeinkauf.de:kosit:xrechnung:cvd_0.9',
  en16931: 'urn:cen.eu:en16931:2017',
  peppol: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
} as const;

export type Specification =
  'xrechnung-3.0' | 'xrechnung-3.0-extension' | 'xrechnung-3.0-cvd' | 'en16931' | 'peppol-bis-3' | 'unknown';

export function detectSyntax(root: XElement): Syntax | undefined {
  if (root.name === 'Invoice' && root.ns === NS.ublInvoice) {
    return 'ubl-invoice';
  }
  if (root.name === 'CreditNote' && root.ns === NS.ublCreditNote) {
    return 'ubl-creditnote';
  }
  if (root.name === 'CrossIndustryInvoice' && root.ns === NS.cii) {
    return 'cii';
  }
  return undefined;
}

export function customizationId(root: XElement, syntax: Syntax): string | undefined {
  return syntax === 'cii'
    ? textAt(at(root, 'ExchangedDocumentContext', 'GuidelineSpecifiedDocumentContextParameter'), 'ID')
    : textAt(root, 'CustomizationID');
}

export function detectSpecification(id: string | undefined): Specification {
  switch (id) {
    case SPEC.xrechnung:
      return 'xrechnung-3.0';
    case SPEC.xrechnungExtension:
      return 'xrechnung-3.0-extension';
    case SPEC.xrechnungCvd:
      return 'xrechnung-3.0-cvd';
    case SPEC.en16931:
      return 'en16931';
    case SPEC.peppol:
      return 'peppol-bis-3';
    default:
      return 'unknown';
  }
}

export { child };
