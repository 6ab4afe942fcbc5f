/**
 * Small, allocation-light helpers over the element tree. Matching is by local name: UBL and CII
 * never reuse a local name across namespaces within the places we look, and it keeps lookups fast.
 */
import type { XElement } from './parse.js';

export function child(el: XElement | undefined, name: string): XElement | undefined {
  if (!el) {
    return undefined;
  }
  for (const c of el.children) {
    if (c.name === name) {
      return c;
    }
  }
  return undefined;
}

export function children(el: XElement | undefined, name: string): XElement[] {
  if (!el) {
    return [];
  }
  const out: XElement[] = [];
  for (const c of el.children) {
    if (c.name === name) {
      out.push(c);
    }
  }
  return out;
}

/** Follow a chain of child names, first match at each step. */
export function at(el: XElement | undefined, ...names: string[]): XElement | undefined {
  let cur = el;
  for (const n of names) {
    cur = child(cur, n);
    if (!cur) {
      return undefined;
    }
  }
  return cur;
}

/** All elements reached by a chain of child names (every match at every step). */
export function all(el: XElement | undefined, ...names: string[]): XElement[] {
  let cur: XElement[] = el ? [el] : [];
  for (const n of names) {
    const next: XElement[] = [];
    for (const c of cur) {
      for (const k of c.children) {
        if (k.name === n) {
          next.push(k);
        }
      }
    }
    cur = next;
  }
  return cur;
}

/** XPath string value: the text of the element and all descendants. */
export function stringValue(el: XElement): string {
  if (el.children.length === 0) {
    return el.text;
  }
  let s = el.text;
  for (const c of el.children) {
    s += stringValue(c);
  }
  return s;
}

/** Text of a chained child, undefined when the element is absent. */
export function textAt(el: XElement | undefined, ...names: string[]): string | undefined {
  const e = at(el, ...names);
  return e ? stringValue(e) : undefined;
}

export function descendants(el: XElement, name: string, out: XElement[] = []): XElement[] {
  for (const c of el.children) {
    if (c.name === name) {
      out.push(c);
    }
    descendants(c, name, out);
  }
  return out;
}

export function forEachElement(el: XElement, fn: (e: XElement) => void): void {
  fn(el);
  for (const c of el.children) {
    forEachElement(c, fn);
  }
}

/** A readable XPath to the element, with 1-based positions among same-named siblings. */
export function xpathOf(el: XElement | undefined): string {
  if (!el) {
    return '/';
  }
  const parts: string[] = [];
  let cur: XElement | undefined = el;
  while (cur) {
    const p: XElement | undefined = cur.parent;
    let pos = 1;
    if (p) {
      for (const s of p.children) {
        if (s === cur) {
          break;
        }
        if (s.name === cur.name) {
          pos++;
        }
      }
    }
    const qn = cur.prefix ? `${cur.prefix}:${cur.name}` : cur.name;
    parts.push(`${qn}[${pos}]`);
    cur = p;
  }
  return '/' + parts.reverse().join('/');
}

export function normalizeSpace(s: string | undefined): string {
  return s === undefined ? '' : s.replace(/[ \t\r\n]+/g, ' ').trim();
}
