import { createRequire } from 'node:module';
import pg from 'pg';

// node-postgres' own conversion of a parameter to its text form (dates, arrays, objects as JSON),
// so that an inlined value reaches PostgreSQL exactly as the bound parameter would have.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as { prepareValue: (v: unknown) => string | Buffer | null };

/** A string literal; pg's escapeLiteral walks every character in JS, most values need no escaping. */
export function quote(s: string): string {
  return /['\\]/.test(s) ? pg.escapeLiteral(s) : `'${s}'`;
}

/**
 * One value as the literal of its parameter: `null`, or its text form quoted. Undefined for what
 * the simple protocol cannot carry (a NUL character, binary data).
 */
export function literal(v: unknown): string | undefined {
  const p = prepareValue(v);
  if (p === null) {
    return 'null';
  }
  return typeof p !== 'string' || p.includes('\0') ? undefined : quote(p);
}

/**
 * The statement `text` with its parameters `$1…$n` replaced by quoted literals, for the simple query
 * protocol, which takes no parameters but several statements in one message. A quoted literal is
 * of unknown type until the context resolves it, exactly like an untyped parameter, so `$1::uuid[]`,
 * `limit $2` or `x = $3` mean the same either way.
 *
 * Undefined when the statement cannot travel inlined: a NUL character (the simple protocol's
 * message ends at the first one; as a parameter PostgreSQL rejects it with its own error), binary
 * data, or a placeholder without a value. The placeholders are found outside literals, quoted
 * identifiers, dollar-quoted strings and comments.
 */
export function inlineParams(text: string, values: readonly unknown[] | undefined): string | undefined {
  if (!values || values.length === 0) {
    return text.includes('\0') ? undefined : text;
  }
  const literals: string[] = [];
  for (const v of values) {
    const l = literal(v);
    if (l === undefined) {
      return undefined;
    }
    literals.push(l);
  }
  let out = '';
  let from = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x27 /* ' */) {
      // E'…' literals know backslash escapes; plain ones only doubled quotes.
      const escapes = i > 0 && (text[i - 1] === 'E' || text[i - 1] === 'e');
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (escapes && d === 0x5c /* \ */) {
          i += 2;
        } else if (d === 0x27) {
          if (text.charCodeAt(i + 1) === 0x27) {
            i += 2;
          } else {
            break;
          }
        } else {
          i++;
        }
      }
      i++;
    } else if (c === 0x22 /* " */) {
      i = text.indexOf('"', i + 1);
      while (i !== -1 && text.charCodeAt(i + 1) === 0x22) {
        i = text.indexOf('"', i + 2);
      }
      i = i === -1 ? n : i + 1;
    } else if (c === 0x2d /* - */ && text.charCodeAt(i + 1) === 0x2d) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? n : eol + 1;
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2a /* * */) {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text.startsWith('/*', i)) {
          depth++;
          i += 2;
        } else if (text.startsWith('*/', i)) {
          depth--;
          i += 2;
        } else {
          i++;
        }
      }
    } else if (c === 0x24 /* $ */) {
      const m = /^\$(?:(\d+)|([A-Za-z_][A-Za-z_0-9]*)?\$)/.exec(text.slice(i, i + 64));
      if (m?.[1] !== undefined && !isIdentChar(text.charCodeAt(i - 1))) {
        const k = Number(m[1]);
        if (k < 1 || k > literals.length) {
          return undefined;
        }
        out += text.slice(from, i) + literals[k - 1]!;
        i += m[0].length;
        from = i;
      } else if (m && m[1] === undefined && !isIdentChar(text.charCodeAt(i - 1))) {
        // $$…$$ or $tag$…$tag$
        const end = text.indexOf(m[0], i + m[0].length);
        i = end === -1 ? n : end + m[0].length;
      } else {
        i++;
      }
    } else {
      i++;
    }
  }
  return out + text.slice(from);
}

/** Letters, digits, `_` and `$` continue an identifier (`a$1` is one name, not a placeholder). */
function isIdentChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24 || c > 0x7f;
}
