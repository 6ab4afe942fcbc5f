/**
 * Context nodes of the CII syntax binding rules (the Schematron rule contexts of the EN 16931 CII
 * syntax pattern, validation 1.3.15). Absolute contexts are followed from the root; `//ram:X`
 * contexts use the element index. Element names are matched locally; where the binding names the
 * ram namespace for a wildcard (`//ram:*[ends-with(name(), 'ID')]`) the namespace is checked.
 */
import type { XElement } from '../../xml/parse.js';
import { all, children } from '../../xml/tree.js';
import { elementIndex, named } from '../helpers.js';
import type { RuleContext } from '../types.js';

export const CII = ['cii'] as const;

export const RAM = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';

type Ctx = (c: RuleContext) => readonly XElement[];

export function memo(key: string, f: (c: RuleContext) => XElement[]): Ctx {
  return (c) => {
    let v = c.memo.get(key) as XElement[] | undefined;
    if (!v) {
      v = f(c);
      c.memo.set(key, v);
    }
    return v;
  };
}

export const ciiRoot: Ctx = (c) => [c.root];
export const docContext: Ctx = (c) => children(c.root, 'ExchangedDocumentContext');
export const exchangedDocument: Ctx = (c) => children(c.root, 'ExchangedDocument');
export const exchangedNote: Ctx = (c) => all(c.root, 'ExchangedDocument', 'IncludedNote');
export const ciiLines: Ctx = memo('cii-lines', (c) =>
  all(c.root, 'SupplyChainTradeTransaction', 'IncludedSupplyChainTradeLineItem'),
);

function lineChild(name: string): Ctx {
  return memo(`cii-line-${name}`, (c) => ciiLines(c).flatMap((l) => children(l, name)));
}

export const lineDocument = lineChild('AssociatedDocumentLineDocument');
export const lineProduct = lineChild('SpecifiedTradeProduct');
export const lineAgreement = lineChild('SpecifiedLineTradeAgreement');
export const lineDelivery = lineChild('SpecifiedLineTradeDelivery');
export const lineSettlement = lineChild('SpecifiedLineTradeSettlement');
export const productCharacteristics: Ctx = (c) =>
  lineProduct(c).flatMap((p) => children(p, 'ApplicableProductCharacteristic'));

function header(name: string): Ctx {
  return (c) => all(c.root, 'SupplyChainTradeTransaction', name);
}

export const headerAgreement = header('ApplicableHeaderTradeAgreement');
export const headerDelivery = header('ApplicableHeaderTradeDelivery');
export const headerSettlement = header('ApplicableHeaderTradeSettlement');
export const monetarySummation: Ctx = (c) =>
  headerSettlement(c).flatMap((s) => children(s, 'SpecifiedTradeSettlementHeaderMonetarySummation'));

export const tradeAllowanceCharges: Ctx = (c) => named(c, 'SpecifiedTradeAllowanceCharge');
export const grossPriceAllowances: Ctx = (c) =>
  named(c, 'AppliedTradeAllowanceCharge').filter((a) => a.parent?.name === 'GrossPriceProductTradePrice');
export const paymentMeansCii: Ctx = (c) => named(c, 'SpecifiedTradeSettlementPaymentMeans');

/** `//*[ends-with(name(), 'DocumentContextParameter')]` */
export const contextParameters: Ctx = memo('cii-ctxparams', (c) =>
  elementIndex(c).all.filter((e) => e.name.endsWith('DocumentContextParameter')),
);

const SUFFIXES = ['ID', 'ReferencedDocument', 'Amount', 'Quantity', 'TradeTax'] as const;
type Suffix = (typeof SUFFIXES)[number];

/** The first of SUFFIXES a name ends with, remembered per name (bounded, names are few). */
const SUFFIX_OF = new Map<string, Suffix | null>();
function suffixOf(name: string): Suffix | null {
  let s = SUFFIX_OF.get(name);
  if (s === undefined) {
    s = SUFFIXES.find((x) => name.endsWith(x)) ?? null;
    if (SUFFIX_OF.size < 5000) {
      SUFFIX_OF.set(name, s);
    }
  }
  return s;
}

/** One pass over the document sorting ram elements by the name endings the DT rules use. */
function bySuffix(c: RuleContext): Record<Suffix, XElement[]> {
  let m = c.memo.get('cii-suffix') as Record<Suffix, XElement[]> | undefined;
  if (!m) {
    m = { ID: [], ReferencedDocument: [], Amount: [], Quantity: [], TradeTax: [] };
    for (const e of elementIndex(c).all) {
      if (e.ns !== RAM) {
        continue;
      }
      const s = suffixOf(e.name);
      if (s !== null) {
        m[s].push(e);
      }
    }
    c.memo.set('cii-suffix', m);
  }
  return m;
}

/** `//ram:*[ends-with(name(), suffix)]` (optionally excluding names) */
export function ramEndingWith(suffix: Suffix, except?: (e: XElement) => boolean): Ctx {
  if (!except) {
    return (c) => bySuffix(c)[suffix];
  }
  return memo(`cii-ram-${suffix}`, (c) => bySuffix(c)[suffix].filter((e) => !except(e)));
}
