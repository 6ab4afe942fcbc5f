/**
 * Minimal XML writer. Elements with no content are dropped (an empty element is a PEPPOL-R008
 * error), so writers can describe the full structure and let absent terms vanish.
 */
export type Node = string | undefined | null | false;

export function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

export function attrs(a: Record<string, string | undefined> | undefined): string {
  if (!a) {
    return '';
  }
  let out = '';
  for (const k in a) {
    const v = a[k];
    if (v !== undefined) {
      out += ` ${k}="${esc(v)}"`;
    }
  }
  return out;
}

/** A leaf element; undefined value → nothing. */
export function leaf(name: string, value: string | undefined, a?: Record<string, string | undefined>): Node {
  if (value === undefined) {
    return undefined;
  }
  return `<${name}${attrs(a)}>${esc(value)}</${name}>`;
}

/** A container element; omitted when it would have no children. */
export function el(name: string, kids: Node[], a?: Record<string, string | undefined>): Node {
  let inner = '';
  for (const k of kids) {
    if (k) {
      inner += k;
    }
  }
  if (inner === '') {
    return undefined;
  }
  return `<${name}${attrs(a)}>${inner}</${name}>`;
}

export function join(kids: Node[]): string {
  let out = '';
  for (const k of kids) {
    if (k) {
      out += k;
    }
  }
  return out;
}
