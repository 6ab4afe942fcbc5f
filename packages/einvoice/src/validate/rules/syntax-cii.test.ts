/**
 * CII syntax binding rules: every CII-SR presence rule is triggered by adding its element at its
 * context in the valid sample invoice; every CII-DT rule by adding the attribute or element it
 * forbids; rules with counts or conditions have a triggering change and a close one that must not
 * trigger them.
 */
import { describe, expect, it } from 'vitest';
import type { XElement } from '../../xml/parse.js';
import { contextOf, element, firedAfter, firedIds, first, put, remove, sampleTree } from '../../../test/tree.js';
import { CII_SR_FAMILIES } from './syntax-cii-sr.js';
import { CII_DT_CONTEXTS, ciiDtRules } from './syntax-cii-dt.js';
import { RAM } from './syntax-cii-contexts.js';

const base = firedIds(sampleTree('cii'));
const SR = CII_SR_FAMILIES.flatMap((f) => f.specs.map((s) => [s.id, s.path, f] as const));

describe('CII-SR presence rules (one per official rule)', () => {
  it('the sample fires none of them', () => {
    expect(SR.filter(([id]) => base.has(id)).map(([id]) => id)).toEqual([]);
  });
  it.each(SR)('%s fires when %s is present at its context', (id, path, family) => {
    const root = sampleTree('cii');
    const ctx = family.contexts(contextOf(root, 'cii'))[0];
    expect(ctx, `context of ${id} in the sample`).toBeDefined();
    put(ctx!, path);
    expect(firedIds(root)).toContain(id);
  });
});

/** A referenced document context for the CII-DT-015…030 rules (the sample has none). */
function withContract(root: XElement): void {
  put(first(root, 'ApplicableHeaderTradeAgreement'), 'ContractReferencedDocument/IssuerAssignedID', { text: 'V-1' });
}

/** CII-DT rules whose trigger is not "this attribute or child at the context" (tested below). */
const SPECIAL = new Set([
  'CII-DT-010',
  'CII-DT-011',
  'CII-DT-012',
  'CII-DT-033',
  'CII-DT-037',
  'CII-DT-052',
  'CII-DT-098',
  'CII-DT-059',
  'CII-DT-068',
  'CII-DT-072',
  'CII-DT-097',
]);

const DT = [...CII_DT_CONTEXTS.keys()].filter((id) => !SPECIAL.has(id));

describe('CII-DT rules', () => {
  it('the sample fires none of them', () => {
    expect([...CII_DT_CONTEXTS.keys()].filter((id) => base.has(id))).toEqual([]);
  });
  it.each(DT)('%s fires on the attribute or element it forbids', (id) => {
    // the official text names what is forbidden: lowerCamel = attribute, UpperCamel = element
    const probe = sampleTree('cii');
    withContract(probe);
    const ctxs = CII_DT_CONTEXTS.get(id)!(contextOf(probe, 'cii'));
    expect(ctxs.length, `contexts of ${id}`).toBeGreaterThan(0);
    const rule = firedIds(probe);
    expect(rule.has(id)).toBe(false);
    const root = sampleTree('cii');
    withContract(root);
    const ctx = CII_DT_CONTEXTS.get(id)!(contextOf(root, 'cii'))[0]!;
    const text = TEXTS.get(id)!;
    const what = text.replace(/^\[[^\]]+\] - @?/, '').split(' ')[0]!;
    if (/^[a-z]/.test(what)) {
      ctx.attrs[what] = 'x';
    } else {
      put(ctx, what, { fresh: true });
    }
    expect(firedIds(root)).toContain(id);
  });
});

const TEXTS = new Map(ciiDtRules.map((r) => [r.id, r.text]));

interface Case {
  id: string;
  fire: (r: XElement) => void;
  keep?: (r: XElement) => void;
}

const CII_LINES = (r: XElement) =>
  first(r, 'SupplyChainTradeTransaction').children.filter((k) => k.name === 'IncludedSupplyChainTradeLineItem');
const times = (n: number, f: () => void) => Array.from({ length: n }, f);
const at = (name: string, f: (e: XElement) => void) => (r: XElement) => f(first(r, name));
const twice = (path: string) => (e: XElement) => times(2, () => put(e, path, { fresh: true }));
const once = (path: string) => (e: XElement) => put(e, path, { fresh: true });
const characteristic = (...parts: string[]) =>
  at('SpecifiedTradeProduct', (p) => {
    const c = put(p, 'ApplicableProductCharacteristic', { fresh: true });
    parts.forEach((x) => put(c, x));
  });
const grossAllowance = (indicator: string, amounts: number) =>
  at('SpecifiedLineTradeAgreement', (a) => {
    const g = put(a, 'GrossPriceProductTradePrice', { fresh: true });
    put(g, 'ChargeAmount', { text: '11.50' });
    const t = put(g, 'AppliedTradeAllowanceCharge');
    put(t, 'ChargeIndicator/Indicator', { text: indicator });
    times(amounts, () => put(t, 'ActualAmount', { fresh: true, text: '1.00' }));
  });
const identifiers = (container: string, party: string, both: boolean) =>
  at(container, (c) => {
    const p = put(c, party);
    put(p, 'ID', { text: 'P-1' });
    if (both) {
      put(p, 'GlobalID', { text: '4000001000005', attrs: { schemeID: '0088' } });
    }
  });
/** a new `group` (with one `leaf`) for the party: DefinedTradeContact, URIUniversalCommunication … */
const party = (name: string, group: string, leaf: string) =>
  at('ApplicableHeaderTradeAgreement', (a) => put(put(put(a, name), group, { fresh: true }), leaf));
const references = (code: string, n: number) =>
  at('ApplicableHeaderTradeAgreement', (a) =>
    times(n, () => {
      const d = put(a, 'AdditionalReferencedDocument', { fresh: true });
      put(d, 'IssuerAssignedID', { text: 'R' });
      put(d, 'TypeCode', { text: code });
    }),
  );

const CASES: Case[] = [
  {
    id: 'CII-SR-003',
    fire: at('ExchangedDocumentContext', (c) =>
      put(put(c, 'BusinessProcessSpecifiedDocumentContextParameter', { fresh: true }), 'ID'),
    ),
  },
  {
    id: 'CII-SR-009',
    fire: at('ExchangedDocumentContext', (c) =>
      put(put(c, 'GuidelineSpecifiedDocumentContextParameter', { fresh: true }), 'ID'),
    ),
  },
  { id: 'CII-SR-010', fire: at('GuidelineSpecifiedDocumentContextParameter', once('ID')) },
  { id: 'CII-SR-014', fire: at('ExchangedDocument', once('TypeCode')) },
  { id: 'CII-SR-030', fire: at('IncludedNote', once('Content')) },
  {
    id: 'CII-SR-039',
    fire: at('AssociatedDocumentLineDocument', (d) =>
      times(2, () => put(put(d, 'IncludedNote', { fresh: true }), 'Content')),
    ),
    keep: at('AssociatedDocumentLineDocument', once('IncludedNote/Content')),
  },
  {
    id: 'CII-SR-040',
    fire: at('AssociatedDocumentLineDocument', (d) => twice('Content')(put(d, 'IncludedNote'))),
    keep: at('AssociatedDocumentLineDocument', once('IncludedNote/Content')),
  },
  {
    id: 'CII-SR-046',
    fire: at('SpecifiedTradeProduct', once('GlobalID')),
    keep: at('SpecifiedTradeProduct', (p) => put(p, 'GlobalID', { attrs: { schemeID: '0160' } })),
  },
  { id: 'CII-SR-069', fire: characteristic('Value'), keep: characteristic('Description', 'Value') },
  { id: 'CII-SR-072', fire: characteristic('Description'), keep: characteristic('Description', 'Value') },
  {
    id: 'CII-SR-090',
    fire: at('SpecifiedTradeProduct', once('OriginTradeCountry')),
    keep: at('SpecifiedTradeProduct', once('OriginTradeCountry/ID')),
  },
  { id: 'CII-SR-439', fire: at('NetPriceProductTradePrice', (n) => remove(first(n, 'ChargeAmount'))) },
  { id: 'CII-SR-441', fire: at('NetPriceProductTradePrice', once('ChargeAmount')) },
  { id: 'CII-SR-119', fire: grossAllowance('true', 1), keep: grossAllowance('false', 1) },
  { id: 'CII-SR-440', fire: grossAllowance('false', 2), keep: grossAllowance('false', 1) },
  {
    id: 'CII-SR-463',
    fire: at('ApplicableHeaderTradeSettlement', once('SpecifiedTradeAllowanceCharge/ActualAmount')),
    keep: at('ApplicableHeaderTradeSettlement', (s) =>
      put(put(s, 'SpecifiedTradeAllowanceCharge', { fresh: true }), 'ChargeIndicator/Indicator', { text: 'false' }),
    ),
  },
  {
    id: 'CII-SR-449',
    fire: identifiers('ApplicableHeaderTradeDelivery', 'ShipToTradeParty', true),
    keep: identifiers('ApplicableHeaderTradeDelivery', 'ShipToTradeParty', false),
  },
  {
    id: 'CII-SR-450',
    fire: identifiers('ApplicableHeaderTradeAgreement', 'BuyerTradeParty', true),
    keep: identifiers('ApplicableHeaderTradeAgreement', 'BuyerTradeParty', false),
  },
  {
    id: 'CII-SR-451',
    fire: identifiers('ApplicableHeaderTradeSettlement', 'PayeeTradeParty', true),
    keep: identifiers('ApplicableHeaderTradeSettlement', 'PayeeTradeParty', false),
  },
  { id: 'CII-SR-455', fire: party('SellerTradeParty', 'DefinedTradeContact', 'PersonName') },
  {
    id: 'CII-SR-456',
    fire: (r) => times(2, () => party('BuyerTradeParty', 'DefinedTradeContact', 'DepartmentName')(r)),
    keep: party('BuyerTradeParty', 'DefinedTradeContact', 'DepartmentName'),
  },
  { id: 'CII-SR-457', fire: references('50', 2), keep: references('50', 1) },
  { id: 'CII-SR-458', fire: references('130', 2), keep: references('130', 1) },
  { id: 'CII-SR-459', fire: party('SellerTradeParty', 'URIUniversalCommunication', 'URIID') },
  { id: 'CII-SR-460', fire: party('BuyerTradeParty', 'URIUniversalCommunication', 'URIID') },
  {
    id: 'CII-SR-438',
    fire: (r) => element(r, 'ValuationBreakdownStatement', '', RAM),
    keep: (r) => element(r, 'ValuationBreakdownStatement'),
  },
  {
    id: 'CII-DT-033',
    fire: (r) => {
      // a unit code on another quantity only counts when no billed quantity has one
      for (const q of CII_LINES(r)) {
        first(q, 'BilledQuantity').attrs = {};
      }
      put(first(r, 'NetPriceProductTradePrice'), 'BasisQuantity', { text: '1', attrs: { unitCode: 'C62' } });
    },
    keep: at('NetPriceProductTradePrice', (n) => put(n, 'BasisQuantity', { text: '1', attrs: { unitCode: 'HUR' } })),
  },
  { id: 'CII-DT-037', fire: at('ApplicableTradeTax', (t) => (first(t, 'TypeCode').text = 'GST')) },
  {
    id: 'CII-DT-052',
    fire: at('ApplicableHeaderTradeSettlement', (s) =>
      put(s, 'SpecifiedTradeAllowanceCharge/CategoryTradeTax/ExemptionReasonCode', { text: 'VATEX-EU-O' }),
    ),
    keep: at('ApplicableTradeTax', once('ExemptionReasonCode')),
  },
  {
    id: 'CII-DT-098',
    fire: at('ApplicableHeaderTradeSettlement', (s) =>
      put(s, 'SpecifiedTradeAllowanceCharge/CategoryTradeTax/ExemptionReason'),
    ),
    keep: at('ApplicableTradeTax', once('ExemptionReason')),
  },
  {
    id: 'CII-DT-041',
    fire: at('SpecifiedLineTradeSettlement', (s) => put(first(s, 'ApplicableTradeTax'), 'BasisAmount')),
  },
  {
    id: 'CII-DT-054',
    fire: at('SpecifiedLineTradeSettlement', (s) => put(first(s, 'ApplicableTradeTax'), 'TaxPointDate')),
    keep: at('ApplicableHeaderTradeSettlement', (s) => put(first(s, 'ApplicableTradeTax'), 'TaxPointDate')),
  },
  { id: 'CII-DT-059', fire: at('RateApplicablePercent', (p) => (p.attrs.format = 'x')) },
  { id: 'CII-DT-068', fire: at('BillingSpecifiedPeriod', (p) => put(p, 'StartDateTime/DateTime')) },
  { id: 'CII-DT-072', fire: at('BillingSpecifiedPeriod', (p) => put(p, 'EndDateTime/DateTime')) },
  { id: 'CII-DT-097', fire: at('DateTimeString', (d) => (d.text = '2026-03-02')) },
  {
    id: 'CII-DT-097',
    fire: at('DateTimeString', (d) => (d.text = '20261302')),
    keep: at('DateTimeString', (d) => (d.text = ' 20260331 ')),
  },
  {
    id: 'CII-DT-015',
    fire: (r) => (withContract(r), put(first(r, 'ContractReferencedDocument'), 'URIID')),
    keep: (r) => {
      const d = put(first(r, 'ApplicableHeaderTradeAgreement'), 'AdditionalReferencedDocument', { fresh: true });
      put(d, 'IssuerAssignedID');
      put(d, 'URIID', { text: 'https://example.org/a.pdf' });
      put(d, 'TypeCode', { text: '916' });
    },
  },
];

describe('CII counts and conditions', () => {
  it.each(CASES.map((c, i) => [c.id, i] as const))(
    '%s (case %#) fires on the change and not on the close variant',
    (id, i) => {
      const c = CASES[i]!;
      expect(firedAfter('cii', c.keep ?? (() => undefined))).not.toContain(id);
      expect(firedAfter('cii', c.fire)).toContain(id);
    },
  );

  it('CII-SR-464 cannot fire: its published test is a tautology', () => {
    const ids = firedAfter(
      'cii',
      at('SpecifiedTradeSettlementPaymentMeans', (m) => {
        put(m, 'PayeeSpecifiedCreditorFinancialInstitution/BICID');
        put(m, 'PayerSpecifiedDebtorFinancialInstitution/BICID');
      }),
    );
    expect(ids).not.toContain('CII-SR-464');
  });

  it('CII-DT-010…012 never fire: the document type code is first matched by the TypeCodeType context', () => {
    const ids = firedAfter(
      'cii',
      at('ExchangedDocument', (d) =>
        Object.assign(first(d, 'TypeCode').attrs, { listID: 'x', listAgencyID: 'x', listVersionID: 'x' }),
      ),
    );
    expect(['CII-DT-010', 'CII-DT-011', 'CII-DT-012'].filter((id) => ids.has(id))).toEqual([]);
  });
});
