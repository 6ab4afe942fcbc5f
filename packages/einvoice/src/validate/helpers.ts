/**
 * Small helpers that keep rule definitions one-liners.
 */
import { dec, type Decimal } from '../model/decimal.js';
import type { Fail, Flag, Rule, RuleContext } from './types.js';
import type { InvoiceLine } from '../model/types.js';

/** Schematron `x != ''`: present and not the empty string (whitespace counts as content). */
export function given(s: string | undefined): s is string {
  return s !== undefined && s !== '';
}

/** Schematron `boolean(normalize-space(x))`. */
export function filled(s: string | undefined): s is string {
  return s !== undefined && s.trim() !== '';
}

export function num(s: string | undefined): Decimal | undefined {
  return dec(s);
}

export function rule(
  id: string,
  flag: Flag,
  text: string,
  check: (ctx: RuleContext, fail: Fail) => void,
  extra: Partial<Pick<Rule, 'de' | 'en' | 'syntaxes' | 'source'>> = {},
): Rule {
  return { id, flag, text, source: extra.source ?? 'cen', check, ...extra };
}

/** Top-level lines only (sub lines of the XRechnung extension are not BG-25). */
export function lines(ctx: RuleContext): InvoiceLine[] {
  return ctx.inv.lines;
}

export function isUbl(ctx: RuleContext): boolean {
  return ctx.syntax !== 'cii';
}

import { all, child, children } from '../xml/tree.js';

/** Number of BT-110 occurrences (tax totals in document currency), as BR-CO-15 counts them. */
export function vatTotalCount(ctx: RuleContext): number {
  const cur = ctx.inv.currency;
  if (ctx.syntax === 'cii') {
    return all(
      ctx.root,
      'SupplyChainTradeTransaction',
      'ApplicableHeaderTradeSettlement',
      'SpecifiedTradeSettlementHeaderMonetarySummation',
      'TaxTotalAmount',
    ).filter((e) => e.attrs.currencyID === cur).length;
  }
  return children(ctx.root, 'TaxTotal').filter((t) => child(t, 'TaxAmount')?.attrs.currencyID === cur).length;
}

/** An invoicing period element without start and end date (and, in UBL, without a description code). */
export function emptyInvoicePeriod(ctx: RuleContext): boolean {
  if (ctx.syntax === 'cii') {
    const p = all(
      ctx.root,
      'SupplyChainTradeTransaction',
      'ApplicableHeaderTradeSettlement',
      'BillingSpecifiedPeriod',
    )[0];
    return !!p && !child(p, 'StartDateTime') && !child(p, 'EndDateTime');
  }
  const p = child(ctx.root, 'InvoicePeriod');
  return !!p && !child(p, 'StartDate') && !child(p, 'EndDate') && !child(p, 'DescriptionCode');
}

import { mayBeBlank, type ElementIndex, type XElement } from '../xml/parse.js';

/**
 * Every element in document order and grouped by local name: from the parser when the tree is
 * validated as parsed (validate), else one walk per document (a changed tree).
 */
export function elementIndex(ctx: RuleContext): ElementIndex {
  let idx = ctx.memo.get('index') as ElementIndex | undefined;
  if (!idx) {
    const allEls: XElement[] = [];
    const byName = new Map<string, XElement[]>();
    const maybeEmpty: XElement[] = [];
    const walk = (e: XElement) => {
      allEls.push(e);
      if (e.children.length === 0 && mayBeBlank(e.text)) {
        maybeEmpty.push(e);
      }
      const l = byName.get(e.name);
      if (l) {
        l.push(e);
      } else {
        byName.set(e.name, [e]);
      }
      for (const k of e.children) {
        walk(k);
      }
    };
    walk(ctx.root);
    idx = { all: allEls, byName, maybeEmpty };
    ctx.memo.set('index', idx);
  }
  return idx;
}

const NONE: XElement[] = [];

/** All elements with this local name anywhere below the root (replaces //name). */
export function named(ctx: RuleContext, name: string): XElement[] {
  return elementIndex(ctx).byName.get(name) ?? NONE;
}

/**
 * Put elements found name by name (iterating `byName`) back into document order, as a walk over
 * the document would have found them. Findings are rare, so a linear search is fine.
 */
export function inDocumentOrder(ctx: RuleContext, els: XElement[]): XElement[] {
  if (els.length < 2) {
    return els;
  }
  const all = elementIndex(ctx).all;
  const pos = new Map<XElement, number>();
  for (const e of els) {
    pos.set(e, all.indexOf(e));
  }
  return els.sort((a, b) => pos.get(a)! - pos.get(b)!);
}
