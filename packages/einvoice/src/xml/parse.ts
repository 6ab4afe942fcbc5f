/**
 * Safe XML parsing into a lightweight element tree.
 *
 * Why saxes: it never fetches anything (no external entities, no DTD loading) and only knows the
 * five predefined entities plus character references, so XXE and entity-expansion bombs cannot
 * happen by construction. We additionally reject any DOCTYPE outright (an invoice never needs
 * one), bound the input size and the nesting depth, and turn every parser error into a value
 * instead of an exception so callers can report it as a finding.
 */
import { SaxesParser } from 'saxes';

export interface XElement {
  /** local name */
  name: string;
  /** namespace URI ('' when none) */
  ns: string;
  /** prefix as written, used for readable locations */
  prefix: string;
  /** attributes by local name (namespaced attributes are rare in invoices) */
  attrs: Record<string, string>;
  children: XElement[];
  /** concatenated direct character data */
  text: string;
  parent: XElement | undefined;
  line: number;
}

export interface ParseLimits {
  /** maximum input size in bytes (default 20 MB) */
  maxBytes?: number;
  /** maximum element nesting (default 200) */
  maxDepth?: number;
}

export type ParseResult =
  | { ok: true; root: XElement; processingInstructions: { target: string; body: string }[] }
  | { ok: false; error: string; code: 'too-large' | 'doctype' | 'malformed' | 'too-deep' | 'empty' };

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

function byteLength(input: string | Uint8Array): number {
  return typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
}

export function parseXml(input: string | Uint8Array, limits: ParseLimits = {}): ParseResult {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = limits.maxDepth ?? 200;
  // Check the size before decoding or parsing so a 100 MB upload costs nothing.
  const size = byteLength(input);
  if (size > maxBytes) {
    return { ok: false, code: 'too-large', error: `document has ${size} bytes, limit is ${maxBytes}` };
  }
  let text = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  if (text.trim() === '') {
    return { ok: false, code: 'empty', error: 'document is empty' };
  }

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XElement[] = [];
  const pis: { target: string; body: string }[] = [];
  let root: XElement | undefined;
  let failure: ParseResult | undefined;

  parser.on('doctype', () => {
    failure ??= { ok: false, code: 'doctype', error: 'DOCTYPE declarations are not allowed (DTDs and entities are never processed)' };
  });
  parser.on('error', (err) => {
    failure ??= { ok: false, code: 'malformed', error: err.message };
  });
  parser.on('processinginstruction', (pi) => {
    pis.push({ target: pi.target, body: pi.body });
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const key in tag.attributes) {
      const a = tag.attributes[key]!;
      // xmlns declarations are resolved by saxes already; keep them out of the data
      if (a.prefix === 'xmlns' || a.name === 'xmlns') {
        continue;
      }
      attrs[a.local] = a.value;
    }
    const parent = stack[stack.length - 1];
    const el: XElement = {
      name: tag.local,
      ns: tag.uri,
      prefix: tag.prefix,
      attrs,
      children: [],
      text: '',
      parent,
      line: parser.line,
    };
    if (parent) {
      parent.children.push(el);
    } else {
      root ??= el;
    }
    stack.push(el);
    if (stack.length > maxDepth) {
      failure ??= { ok: false, code: 'too-deep', error: `nesting deeper than ${maxDepth}` };
    }
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) {
      top.text += t;
    }
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) {
      top.text += t;
    }
  });
  parser.on('closetag', () => {
    stack.pop();
  });

  try {
    parser.write(text);
    if (!failure) {
      parser.close();
    }
  } catch (err) {
    // saxes throws after emitting "error" in some states; the first error is what matters
    failure ??= { ok: false, code: 'malformed', error: err instanceof Error ? err.message : String(err) };
  }
  if (failure) {
    return failure;
  }
  if (!root) {
    return { ok: false, code: 'malformed', error: 'no root element' };
  }
  return { ok: true, root, processingInstructions: pis };
}
