/**
 * Context nodes of the UBL syntax binding rules (the Schematron rule contexts of the EN 16931
 * UBL syntax pattern). A relative context such as `cac:PaymentMeans` matches that element
 * anywhere in the document.
 */
import type { XElement } from '../../xml/parse.js';
import { children, stringValue } from '../../xml/tree.js';
import { named } from '../helpers.js';
import type { RuleContext } from '../types.js';

export const UBL = ['ubl-invoice', 'ubl-creditnote'] as const;

export function ublRoot(c: RuleContext): readonly XElement[] {
  return [c.root];
}

/** `cac:InvoiceLine | cac:CreditNoteLine` (sub lines are other elements) */
export function ublLines(c: RuleContext): readonly XElement[] {
  const a = named(c, 'InvoiceLine');
  const b = named(c, 'CreditNoteLine');
  return b.length === 0 ? a : a.length === 0 ? b : [...a, ...b];
}

/** A context computed once per document. */
export function memo(key: string, f: (c: RuleContext) => XElement[]): (c: RuleContext) => readonly XElement[] {
  return (c) => {
    let v = c.memo.get(key) as XElement[] | undefined;
    if (!v) {
      v = f(c);
      c.memo.set(key, v);
    }
    return v;
  };
}

/** Elements named so anywhere (Schematron relative context). */
export function anywhere(name: string): (c: RuleContext) => readonly XElement[] {
  return (c) => named(c, name);
}

/** The document type codes of a document reference (130 = invoiced object). */
export function codes130(adr: XElement): string[] {
  return children(adr, 'DocumentTypeCode').map(stringValue);
}
