/**
 * Safe XML parsing into a lightweight element tree.
 *
 * A small, purpose-built parser instead of a general one: invoices need elements, attributes,
 * namespaces, text, CDATA, comments and processing instructions, nothing else. Safety is by
 * construction: a DOCTYPE is rejected outright, so there are no DTDs, no entity declarations, no
 * external entities (XXE) and no entity expansion (billion laughs); only the five predefined
 * entities and character references are known. Size and nesting depth are bounded, and every
 * well-formedness error becomes a value, never an exception. Doing only this keeps validation of
 * a whole invoice well below a millisecond.
 */

import { XmlError, decode, isBlank, isNameChar, isNameStart, isSpace, tooLarge } from './chars.js';
import { intern } from './intern.js';

export interface XElement {
  /** local name */
  name: string;
  /** namespace URI ('' when none) */
  ns: string;
  /** prefix as written, used for readable locations */
  prefix: string;
  /** attributes by local name (namespace declarations excluded) */
  attrs: Record<string, string>;
  children: XElement[];
  /** concatenated direct character data */
  text: string;
  parent: XElement | undefined;
  /** character offset of the start tag in the input */
  offset: number;
}

export interface ParseLimits {
  /** maximum input size in bytes (default 20 MB) */
  maxBytes?: number;
  /** maximum element nesting (default 200) */
  maxDepth?: number;
}

/** Every element in document order, and grouped by local name (also document order). */
export interface ElementIndex {
  all: XElement[];
  byName: Map<string, XElement[]>;
  /**
   * Elements without child elements whose text may be blank (empty, or not starting with a
   * visible ASCII character), in document order: the only candidates for "empty element" rules,
   * found while the element is closed instead of by a walk over the whole document.
   */
  maybeEmpty: XElement[];
}

/** Whether a leaf's text can be white space only (a cheap superset of `text.trim() === ''`). */
export function mayBeBlank(text: string): boolean {
  if (text === '') {
    return true;
  }
  const c0 = text.charCodeAt(0);
  return !(c0 > 32 && c0 < 127);
}

export type ParseResult =
  | {
      ok: true;
      root: XElement;
      processingInstructions: { target: string; body: string }[];
      /** the elements as parsed (stale once the tree is changed) */
      index: ElementIndex;
    }
  | { ok: false; error: string; code: 'too-large' | 'doctype' | 'malformed' | 'too-deep' | 'empty' };

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Namespace prefix → URI in scope ('' = default namespace); never changed once made. */
type Scope = ReadonlyMap<string, string>;

const ROOT_SCOPE: Scope = new Map([
  ['xml', XML_NS],
  ['', ''],
]);

/**
 * Qualified names seen before, split into prefix and local name, found by a hash computed while
 * the name is scanned: a known name costs no substring and no string hashing, and every element
 * of that name shares one string object, so later Map lookups by element name hash it once.
 * Bounded so a hostile document cannot grow it without limit.
 */
interface QName {
  qname: string;
  hash: number;
  prefix: string;
  name: string;
  next: QName | undefined;
  /** the local name's element list of the current parse */
  local: LocalName;
  /** the namespace scope this name was last resolved in, and the namespace it resolved to */
  scope: Scope | undefined;
  ns: string;
}
/** Hash table of known qualified names: 4096 buckets, chained (an array load, not a Map lookup). */
const QBUCKETS = 4096;
const QNAMES: (QName | undefined)[] = new Array<QName | undefined>(QBUCKETS).fill(undefined);
let qnameCount = 0;

/**
 * A local name and the elements of that name in the document being parsed (valid while `parse`
 * equals the current parse number): the element index is built while parsing, one push per element.
 */
interface LocalName {
  name: string;
  parse: number;
  list: XElement[];
}
const LOCALS = new Map<string, LocalName>();
const NO_ELEMENTS: XElement[] = [];
let parseCount = 0;
/** the local names the current parse has met */
const TOUCHED: LocalName[] = [];

function localName(name: string): LocalName {
  let l = LOCALS.get(name);
  if (!l) {
    l = { name, parse: 0, list: NO_ELEMENTS };
    if (LOCALS.size < QNAMES_MAX) {
      LOCALS.set(name, l);
    }
  }
  return l;
}
const QNAMES_MAX = 20_000;

/** isNameChar for ASCII as a table (the name scan of every start tag runs through it). */
const ASCII_NAME_CHAR = Uint8Array.from({ length: 128 }, (_, c) => (isNameChar(c) ? 1 : 0));

/** `text.startsWith(s, at)` for a short `s` inside the text: a plain loop, much faster in V8. */
function sameAt(text: string, at: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    if (text.charCodeAt(at + k) !== s.charCodeAt(k)) {
      return false;
    }
  }
  return true;
}

function internQName(text: string, start: number, end: number, hash: number): QName {
  const len = end - start;
  const bucket = hash & (QBUCKETS - 1);
  for (let q = QNAMES[bucket]; q; q = q.next) {
    if (q.hash === hash && q.qname.length === len && sameAt(text, start, q.qname)) {
      return q;
    }
  }
  const qname = intern(text.slice(start, end));
  const colon = qname.indexOf(':');
  const name = colon >= 0 ? intern(qname.slice(colon + 1)) : qname;
  const q: QName = {
    qname,
    hash,
    prefix: colon >= 0 ? intern(qname.slice(0, colon)) : '',
    name,
    local: localName(name),
    next: QNAMES[bucket],
    scope: undefined,
    ns: '',
  };
  if (qnameCount < QNAMES_MAX) {
    QNAMES[bucket] = q;
    qnameCount++;
  }
  return q;
}

/**
 * The attributes of elements that have none: one shared, frozen object instead of an empty one
 * per element. Code that changes a parsed tree assigns a new object instead of writing into it.
 */
export const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Scratch space for the attributes of the start tag being read (reused, never escapes). */
const ATTR_NAMES: string[] = [];
const ATTR_VALUES: string[] = [];

function hasBreak(v: string): boolean {
  for (let k = 0; k < v.length; k++) {
    const c = v.charCodeAt(k);
    if (c === 9 || c === 10 || c === 13) {
      return true;
    }
  }
  return false;
}

function parseDocument(
  text: string,
  maxDepth: number,
): { root: XElement; pis: { target: string; body: string }[]; all: XElement[]; maybeEmpty: XElement[] } {
  const n = text.length;
  const parse = ++parseCount;
  const allElements: XElement[] = [];
  const maybeEmpty: XElement[] = [];
  const pis: { target: string; body: string }[] = [];
  const stack: XElement[] = [];
  /** the qualified name of each open element, as written in its start tag */
  const qnames: string[] = [];
  const scopes: Scope[] = [ROOT_SCOPE];
  let root: XElement | undefined;
  let i = 0;
  // the first '&' at or after the text being read (-1: none left): text without one needs no decoding
  let amp = text.indexOf('&');

  const readName = (): string => {
    const start = i;
    if (i >= n || !isNameStart(text.charCodeAt(i))) {
      throw new XmlError(`name expected at ${i}`);
    }
    i++;
    while (i < n && isNameChar(text.charCodeAt(i))) {
      i++;
    }
    return text.slice(start, i);
  };
  const skipSpace = (): void => {
    while (i < n && isSpace(text.charCodeAt(i))) {
      i++;
    }
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const top = stack[stack.length - 1];
      // indentation between child elements carries no data: skip it without slicing
      if (top && top.children.length > 0 && isBlank(text, i, textEnd)) {
        i = textEnd;
        if (lt < 0) {
          break;
        }
      }
    }
    if (textEnd > i) {
      const chunk = text.slice(i, textEnd);
      if (amp >= 0 && amp < i) {
        amp = text.indexOf('&', i);
      }
      const value = amp >= 0 && amp < textEnd ? decode(chunk, i) : chunk;
      const top = stack[stack.length - 1];
      if (top) {
        top.text = top.text === '' ? value : top.text + value;
      } else if (chunk.trim() !== '') {
        throw new XmlError(`text outside the root element at ${i}`);
      }
    }
    if (lt < 0) {
      break;
    }
    i = lt;
    const c1 = text.charCodeAt(i + 1);
    if (c1 === 33 /* ! */) {
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) {
          throw new XmlError(`unterminated comment at ${i}`);
        }
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i + 9);
        const top = stack[stack.length - 1];
        if (end < 0 || !top) {
          throw new XmlError(`misplaced or unterminated CDATA section at ${i}`);
        }
        top.text += text.slice(i + 9, end);
        i = end + 3;
      } else if (text.startsWith('<!DOCTYPE', i)) {
        throw new XmlError('DOCTYPE declarations are not allowed (DTDs and entities are never processed)', 'doctype');
      } else {
        throw new XmlError(`unexpected markup at ${i}`);
      }
      continue;
    }
    if (c1 === 63 /* ? */) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) {
        throw new XmlError(`unterminated processing instruction at ${i}`);
      }
      const body = text.slice(i + 2, end);
      const m = /^([^\s?]+)\s*([\s\S]*)$/.exec(body);
      const target = m?.[1] ?? '';
      if (target.toLowerCase() === 'xml' && (i !== 0 || root)) {
        throw new XmlError(`XML declaration not at the start at ${i}`);
      }
      if (target.toLowerCase() !== 'xml') {
        pis.push({ target, body: m?.[2] ?? '' });
      }
      i = end + 2;
      continue;
    }
    if (c1 === 47 /* / */) {
      i += 2;
      const top = stack.pop();
      const written = qnames.pop();
      scopes.pop();
      // the end tag must repeat the start tag's name: compare in place, no substring
      if (
        top === undefined ||
        written === undefined ||
        // found right here, or the document is malformed (indexOf compares with memcmp; a
        // mismatch costs one scan and ends the parse)
        text.indexOf(written, i) !== i ||
        (i + written.length < n && isNameChar(text.charCodeAt(i + written.length)))
      ) {
        const qname = readName();
        throw new XmlError(top ? `end tag </${qname}> does not match <${written}>` : `unexpected end tag </${qname}>`);
      }
      i += written.length;
      skipSpace();
      if (text.charCodeAt(i) !== 62) {
        throw new XmlError(`'>' expected at ${i}`);
      }
      i++;
      // a leaf is closed before any later element starts: this keeps document order
      if (top.children.length === 0 && mayBeBlank(top.text)) {
        maybeEmpty.push(top);
      }
      continue;
    }
    // start tag: scan the name and hash it in one pass
    const start = i;
    i++;
    const nameStart = i;
    if (i >= n || !isNameStart(text.charCodeAt(i))) {
      throw new XmlError(`name expected at ${i}`);
    }
    let hash = 0;
    for (
      let ch = text.charCodeAt(i);
      i < n && (ch < 128 ? ASCII_NAME_CHAR[ch] === 1 : isNameChar(ch));
      ch = text.charCodeAt(++i)
    ) {
      hash = (Math.imul(hash, 31) + ch) | 0;
    }
    const qn = internQName(text, nameStart, i, hash);
    const qname = qn.qname;
    // attributes go into reused scratch arrays: most elements have none, so nothing is allocated
    let na = 0;
    let selfClosing = false;
    for (;;) {
      const hadSpace = i < n && isSpace(text.charCodeAt(i));
      skipSpace();
      if (i >= n) {
        throw new XmlError(`unterminated start tag at ${start}`);
      }
      const c = text.charCodeAt(i);
      if (c === 62) {
        i++;
        break;
      }
      if (c === 47 && text.charCodeAt(i + 1) === 62) {
        i += 2;
        selfClosing = true;
        break;
      }
      if (!hadSpace) {
        throw new XmlError(`whitespace expected before attribute at ${i}`);
      }
      const an = readName();
      skipSpace();
      if (text.charCodeAt(i) !== 61) {
        throw new XmlError(`'=' expected at ${i}`);
      }
      i++;
      skipSpace();
      const q = text.charCodeAt(i);
      if (q !== 34 && q !== 39) {
        throw new XmlError(`quoted attribute value expected at ${i}`);
      }
      const end = text.indexOf(q === 34 ? '"' : "'", i + 1);
      if (end < 0) {
        throw new XmlError(`unterminated attribute value at ${i}`);
      }
      const raw = text.slice(i + 1, end);
      if (raw.indexOf('<') >= 0) {
        throw new XmlError(`'<' in attribute value at ${i}`);
      }
      for (let b = 0; b < na; b++) {
        if (ATTR_NAMES[b] === an) {
          throw new XmlError(`duplicate attribute ${an} at ${start}`);
        }
      }
      // attribute value normalisation: line breaks and tabs become spaces
      const v = decode(raw, i + 1);
      ATTR_NAMES[na] = an;
      ATTR_VALUES[na] = hasBreak(v) ? v.replace(/[\t\n\r]/g, ' ') : v;
      na++;
      i = end + 1;
    }
    if (root && stack.length === 0) {
      throw new XmlError(`more than one root element at ${start}`);
    }
    // namespaces
    const parentScope = scopes[scopes.length - 1]!;
    let scope = parentScope;
    let attrs: Record<string, string> = NO_ATTRS;
    if (na > 0) {
      let plain = 0;
      for (let a = 0; a < na; a++) {
        const an = ATTR_NAMES[a]!;
        if (an === 'xmlns' || an.startsWith('xmlns:')) {
          if (scope === parentScope) {
            scope = new Map(parentScope);
          }
          // canonical, so the rules' `e.ns === RAM` compares pointers, not 70-character URIs
          (scope as Map<string, string>).set(an === 'xmlns' ? '' : intern(an.slice(6)), intern(ATTR_VALUES[a]!));
        } else {
          plain++;
        }
      }
      if (plain > 0) {
        attrs = {};
        for (let a = 0; a < na; a++) {
          const an = ATTR_NAMES[a]!;
          if (an === 'xmlns' || an.startsWith('xmlns:')) {
            continue;
          }
          const colon = an.indexOf(':');
          if (colon >= 0 && !scope.has(an.slice(0, colon))) {
            throw new XmlError(`unbound namespace prefix in attribute ${an}`);
          }
          attrs[colon >= 0 ? an.slice(colon + 1) : an] = ATTR_VALUES[a]!;
        }
      }
    }
    const { prefix, name } = qn;
    // nearly every element of a document resolves its prefix in the root's scope: remember the answer
    let ns: string | undefined;
    if (qn.scope === scope) {
      ns = qn.ns;
    } else {
      ns = scope.get(prefix);
      if (ns === undefined) {
        throw new XmlError(`unbound namespace prefix ${prefix} at ${start}`);
      }
      qn.scope = scope;
      qn.ns = ns;
    }
    const parent = stack[stack.length - 1];
    const el: XElement = {
      name,
      ns,
      prefix,
      attrs,
      children: [],
      text: '',
      parent,
      offset: start,
    };
    if (parent) {
      parent.children.push(el);
    } else {
      root = el;
    }
    allElements.push(el);
    const local = qn.local;
    if (local.parse === parse) {
      local.list.push(el);
    } else {
      local.parse = parse;
      local.list = [el];
      TOUCHED.push(local);
    }
    if (selfClosing) {
      maybeEmpty.push(el);
    } else {
      stack.push(el);
      qnames.push(qname);
      scopes.push(scope);
      if (stack.length > maxDepth) {
        throw new XmlError(`nesting deeper than ${maxDepth}`, 'too-deep');
      }
    }
  }
  if (stack.length > 0) {
    throw new XmlError(`unclosed element <${stack[stack.length - 1]!.name}>`);
  }
  if (!root) {
    throw new XmlError('no root element');
  }
  return { root, pis, all: allElements, maybeEmpty };
}

/** The per-name lists of the parse that just ended, handed over (the name table keeps none). */
function takeIndex(all: XElement[], maybeEmpty: XElement[]): ElementIndex {
  const byName = new Map<string, XElement[]>();
  for (const l of TOUCHED) {
    byName.set(l.name, l.list);
    l.list = NO_ELEMENTS;
  }
  TOUCHED.length = 0;
  return { all, byName, maybeEmpty };
}

function dropIndex(): void {
  for (const l of TOUCHED) {
    l.list = NO_ELEMENTS;
  }
  TOUCHED.length = 0;
}

export function parseXml(input: string | Uint8Array, limits: ParseLimits = {}): ParseResult {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = limits.maxDepth ?? 200;
  // check the size before decoding or parsing so a 100 MB upload costs nothing
  const size = tooLarge(input, maxBytes);
  if (size !== undefined) {
    return { ok: false, code: 'too-large', error: `document has ${size} bytes, limit is ${maxBytes}` };
  }
  let text =
    typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  if (isBlank(text, 0, text.length)) {
    return { ok: false, code: 'empty', error: 'document is empty' };
  }
  try {
    const { root, pis, all, maybeEmpty } = parseDocument(text, maxDepth);
    return { ok: true, root, processingInstructions: pis, index: takeIndex(all, maybeEmpty) };
  } catch (err) {
    dropIndex();
    if (err instanceof XmlError) {
      return { ok: false, code: err.code, error: err.message };
    }
    return { ok: false, code: 'malformed', error: err instanceof Error ? err.message : String(err) };
  }
}
