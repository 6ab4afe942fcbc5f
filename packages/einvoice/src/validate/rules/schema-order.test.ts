/**
 * Element order inside aggregates (XSD-ORDER): every aggregate of the sample invoices with two or
 * more children is reversed once, which must be reported; the sample itself and a document whose
 * only change is an element the sequence does not list must not be.
 */
import { describe, expect, it } from 'vitest';
import type { XElement } from '../../xml/parse.js';
import { element, firedIds, sampleTree, type Base } from '../../../test/tree.js';
import { CII_ORDER, UBL_ORDER } from './schema-order.js';

function walk(e: XElement, path: number[], out: [XElement, number[]][]): [XElement, number[]][] {
  out.push([e, path]);
  e.children.forEach((k, i) => walk(k, [...path, i], out));
  return out;
}

function at(root: XElement, path: number[]): XElement {
  return path.reduce((e, i) => e.children[i]!, root);
}

/** Aggregates with at least two children at different positions of their sequence. */
function reversible(base: Base): [string, number[]][] {
  const orders = base === 'cii' ? CII_ORDER : UBL_ORDER;
  return walk(sampleTree(base), [], [])
    .filter(([e]) => {
      const o = orders.get(e.name);
      return o && new Set(e.children.map((k) => o.get(k.name)).filter((p) => p !== undefined)).size > 1;
    })
    .map(([e, p]) => [e.name, p]);
}

describe.each(['ubl', 'cii'] as const)('XSD-ORDER inside the aggregates of the %s sample', (base) => {
  it('the sample is in schema order', () => {
    expect(firedIds(sampleTree(base))).not.toContain('XSD-ORDER');
  });

  const cases = reversible(base);
  it('covers the aggregates the sample contains', () => {
    expect(cases.length).toBeGreaterThan(base === 'cii' ? 15 : 12);
  });

  it.each(cases)('reversing the children of %s (%j) is reported', (_name, path) => {
    const root = sampleTree(base);
    at(root, path).children.reverse();
    expect(firedIds(root)).toContain('XSD-ORDER');
  });
});

describe('XSD-ORDER does not judge what it does not know', () => {
  it('an element the profile sequence does not list is not an order error (CII allows more than the profile)', () => {
    const root = sampleTree('cii');
    const party = walk(root, [], []).find(([e]) => e.name === 'SellerTradeParty')![0];
    const extra = element(party, 'LogoAssociatedSpecifiedBinaryFile');
    party.children.unshift(party.children.pop()!);
    expect(extra.parent).toBe(party);
    expect(firedIds(root)).not.toContain('XSD-ORDER');
  });
});
