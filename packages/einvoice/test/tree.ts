/**
 * Test helper: start from the valid sample invoice (UBL or CII), change its element tree in one
 * place and validate the changed tree. Used by the rule-family tests to build a document that
 * triggers a rule and one that does not.
 */
import { NO_ATTRS, parseXml, type XElement } from '../src/xml/parse.js';
import { sampleInvoice } from '../src/sample.js';
import { writeXRechnung } from '../src/write/index.js';
import { validateTree } from '../src/validate/engine.js';
import type { RuleContext } from '../src/validate/types.js';
import type { Syntax } from '../src/model/types.js';

export type Base = 'ubl' | 'cii' | 'ubl-creditnote';

const cache = new Map<Base, string>();

function xml(base: Base): string {
  let x = cache.get(base);
  if (!x) {
    const inv = sampleInvoice(2);
    if (base === 'ubl-creditnote') {
      inv.typeCode = '381';
    }
    x = writeXRechnung(inv, { syntax: base === 'cii' ? 'cii' : 'ubl' });
    cache.set(base, x);
  }
  return x;
}

export function sampleTree(base: Base): XElement {
  const r = parseXml(xml(base));
  if (!r.ok) {
    throw new Error(r.error);
  }
  // parsed elements without attributes share one frozen object; the tests edit attributes in place
  const editable = (e: XElement): void => {
    if (e.attrs === NO_ATTRS) {
      e.attrs = {};
    }
    e.children.forEach(editable);
  };
  editable(r.root);
  return r.root;
}

/** Every rule id the validator reports for the tree, at any level. */
export function firedIds(root: XElement): Set<string> {
  const r = validateTree(root);
  return new Set([...r.errors, ...r.warnings, ...r.infos]);
}

/** The sample with one change applied; returns the fired rule ids. */
export function firedAfter(base: Base, change: (root: XElement) => void): Set<string> {
  const root = sampleTree(base);
  change(root);
  return firedIds(root);
}

/** A rule context over a tree, for calling a family's context function directly. */
export function contextOf(root: XElement, syntax: Syntax): RuleContext {
  return { root, memo: new Map(), syntax } as unknown as RuleContext;
}

export function element(parent: XElement, name: string, text = '', ns = parent.ns): XElement {
  const e: XElement = { name, ns, prefix: parent.prefix, attrs: {}, children: [], text, parent, offset: 0 };
  parent.children.push(e);
  return e;
}

function find(el: XElement, name: string): XElement | undefined {
  for (const k of el.children) {
    if (k.name === name) {
      return k;
    }
    const d = find(k, name);
    if (d) {
      return d;
    }
  }
  return undefined;
}

/**
 * Follow a path below `from`, reusing existing elements (the first of alternatives `A|B` that
 * exists) and creating missing ones; a last step `@attr` sets the attribute. `//x/…` starts at an
 * `x` anywhere in the document (created below the root when there is none).
 * With `fresh`, the last element step is always created anew (for cardinality tests).
 */
export function put(
  from: XElement,
  path: string,
  opts: { text?: string; fresh?: boolean; attrs?: Record<string, string> } = {},
): XElement {
  let cur = from;
  let steps = path.split('/');
  if (path.startsWith('//')) {
    steps = path.slice(2).split('/');
    let root = from;
    while (root.parent) {
      root = root.parent;
    }
    const first = steps.shift()!;
    cur = find(root, first) ?? element(root, first);
  }
  steps.forEach((step, i) => {
    if (step.startsWith('@')) {
      cur.attrs[step.slice(1)] = opts.text ?? 'x';
      return;
    }
    const alts = step.split('|');
    const last = i === steps.length - 1 || (i === steps.length - 2 && steps[i + 1]!.startsWith('@'));
    const existing = opts.fresh && last ? undefined : cur.children.find((k) => alts.includes(k.name));
    cur = existing ?? element(cur, alts[0]!, last && !steps[i + 1]?.startsWith('@') ? (opts.text ?? 'x') : '');
  });
  Object.assign(cur.attrs, opts.attrs ?? {});
  return cur;
}

/** The first element with this name anywhere below `from`. */
export function first(from: XElement, name: string): XElement {
  const e = from.name === name ? from : find(from, name);
  if (!e) {
    throw new Error(`no ${name} in the sample`);
  }
  return e;
}

export function remove(el: XElement): void {
  const p = el.parent!;
  p.children.splice(p.children.indexOf(el), 1);
}
