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

/**
 * All elements reached by a chain of child names (every match at every step), in document order.
 * Depth first into one result array: no array per step (this runs for many rules per document).
 */
export function all(el: XElement | undefined, ...names: string[]): XElement[] {
  const out: XElement[] = [];
  if (el) {
    if (names.length === 0) {
      out.push(el);
    } else {
      collect(el, names, 0, out);
    }
  }
  return out;
}

function collect(el: XElement, names: string[], step: number, out: XElement[]): void {
  const n = names[step];
  const last = step === names.length - 1;
  for (const k of el.children) {
    if (k.name === n) {
      if (last) {
        out.push(k);
      } else {
        collect(k, names, step + 1, out);
      }
    }
  }
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
  if (s === undefined) {
    return '';
  }
  return isNormal(s) ? s : s.replace(/[ \t\r\n]+/g, ' ').trim();
}

/**
 * Whether normalizeSpace would return `s` unchanged: visible ASCII at both ends (`trim` also
 * removes Unicode spaces, so anything else takes the slow path), no tab or line break, no two
 * spaces in a row. Most values are like that, and the check allocates nothing.
 */
function isNormal(s: string): boolean {
  const last = s.length - 1;
  if (last < 0) {
    return true;
  }
  const c0 = s.charCodeAt(0);
  const cl = s.charCodeAt(last);
  if (c0 <= 32 || c0 >= 127 || cl <= 32 || cl >= 127) {
    return false;
  }
  for (let k = 1; k < last; k++) {
    const c = s.charCodeAt(k);
    if (c <= 32 && (c !== 32 || s.charCodeAt(k - 1) === 32)) {
      return false;
    }
  }
  return true;
}
