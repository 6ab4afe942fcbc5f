/**
 * Character classes, entity decoding and the parse error type of the XML parser. Only the five
 * predefined entities and character references exist: no DTD is ever read.
 */

export class XmlError extends Error {
  constructor(
    message: string,
    readonly code: 'doctype' | 'malformed' | 'too-deep' = 'malformed',
  ) {
    super(message);
  }
}

export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
}

export function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

export function isBlank(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (!isSpace(s.charCodeAt(k))) {
      return false;
    }
  }
  return true;
}

export function validChar(cp: number): boolean {
  return (
    cp === 9 ||
    cp === 10 ||
    cp === 13 ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** UTF-8 size; a string below a third of the limit cannot exceed it, so the exact count is skipped. */
export function tooLarge(input: string | Uint8Array, maxBytes: number): number | undefined {
  if (typeof input !== 'string') {
    return input.byteLength > maxBytes ? input.byteLength : undefined;
  }
  if (input.length * 3 <= maxBytes) {
    return undefined;
  }
  const size = Buffer.byteLength(input, 'utf8');
  return size > maxBytes ? size : undefined;
}

/** Replace the predefined entities and character references; anything else is an error. */
export function decode(s: string, at: number): string {
  if (s.indexOf('&') < 0) {
    return s;
  }
  let out = '';
  let i = 0;
  for (;;) {
    const amp = s.indexOf('&', i);
    if (amp < 0) {
      return out + s.slice(i);
    }
    out += s.slice(i, amp);
    const semi = s.indexOf(';', amp);
    if (semi < 0 || semi - amp > 12) {
      throw new XmlError(`unterminated entity reference at ${at + amp}`);
    }
    const ent = s.slice(amp + 1, semi);
    switch (ent) {
      case 'lt':
        out += '<';
        break;
      case 'gt':
        out += '>';
        break;
      case 'amp':
        out += '&';
        break;
      case 'apos':
        out += "'";
        break;
      case 'quot':
        out += '"';
        break;
      default: {
        let cp = NaN;
        if (/^#[0-9]+$/.test(ent)) {
          cp = Number.parseInt(ent.slice(1), 10);
        } else if (/^#x[0-9a-fA-F]+$/.test(ent)) {
          cp = Number.parseInt(ent.slice(2), 16);
        } else {
          // no DTD is ever read, so no other entity can be defined
          throw new XmlError(`undefined entity &${ent}; at ${at + amp}`);
        }
        if (!validChar(cp)) {
          throw new XmlError(`invalid character reference &${ent}; at ${at + amp}`);
        }
        out += String.fromCodePoint(cp);
      }
    }
    i = semi + 1;
  }
}
