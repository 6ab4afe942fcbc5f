/**
 * KoSIT's rule test instances declare mutations with XML-Mutate processing instructions:
 * `<?xmute mutator="remove" schematron-invalid="xrubl:BR-DE-1" id="…"?>` in front of an element.
 * The reference run only evaluated the unchanged documents (mutator "identity"); this expands the
 * other declarations (remove, empty, code) into mutated documents and checks each against the
 * declaration's own expectation: rules named in schematron-invalid must fire, rules named in
 * schematron-valid must not. The mutation applies to the first element after the instruction.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseXml, type XElement } from '../xml/parse.js';
import { validateTree } from '../validate/engine.js';

export interface XmuteOutcome {
  file: string;
  id: string;
  mutator: string;
  /** the value of a code mutation */
  value?: string;
  met: boolean;
  detail: string[];
}

export interface XmuteSummary {
  declarations: number;
  mutants: number;
  met: number;
  /** declarations whose mutator is not expanded (whitespace) */
  skipped: number;
  outcomes: XmuteOutcome[];
}

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      files(p, out);
    } else if (name.endsWith('.xml')) {
      out.push(p);
    }
  }
  return out;
}

function attributes(body: string): Record<string, string> {
  const a: Record<string, string> = {};
  for (const m of body.matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)) {
    a[m[1]!] = m[2]!;
  }
  return a;
}

const ids = (v: string | undefined) =>
  (v ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((x) => x.replace(/^[\w-]+:/, ''));

/** The first element starting after `pos` (document order). */
function target(root: XElement, pos: number): XElement | undefined {
  let best: XElement | undefined;
  const walk = (e: XElement) => {
    if (e.offset > pos && (!best || e.offset < best.offset)) {
      best = e;
    }
    for (const k of e.children) {
      walk(k);
    }
  };
  walk(root);
  return best;
}

export function runXmute(dir: string): XmuteSummary {
  const s: XmuteSummary = { declarations: 0, mutants: 0, met: 0, skipped: 0, outcomes: [] };
  const base = join(dir, 'xrechnung-schematron', 'test', 'instances');
  let list: string[];
  try {
    list = files(base);
  } catch {
    return s;
  }
  for (const path of list) {
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/<\?xmute\b([\s\S]*?)\?>/g)) {
      const a = attributes(m[1]!);
      const mutator = a.mutator ?? '';
      if (mutator === 'identity') {
        continue;
      }
      s.declarations++;
      if (mutator !== 'remove' && mutator !== 'empty' && mutator !== 'code') {
        s.skipped++;
        continue;
      }
      const end = m.index + m[0].length;
      const values =
        mutator === 'code'
          ? (a.values ?? '')
              .split(a.separator ?? ',')
              .map((v) => v.trim())
              .filter((v) => v !== '')
          : [undefined];
      for (const value of values) {
        const parsed = parseXml(text);
        if (!parsed.ok) {
          continue;
        }
        const t = target(parsed.root, end);
        if (!t) {
          continue;
        }
        if (mutator === 'remove') {
          t.parent?.children.splice(t.parent.children.indexOf(t), 1);
        } else if (mutator === 'empty' && a.attribute) {
          t.attrs = { ...t.attrs, [a.attribute]: '' };
        } else if (mutator === 'empty') {
          t.children = [];
          t.text = '';
        } else if (a.attribute) {
          t.attrs = { ...t.attrs, [a.attribute]: value! };
        } else {
          t.children = [];
          t.text = value!;
        }
        const r = validateTree(parsed.root);
        const fired = new Set([...r.errors, ...r.warnings, ...r.infos]);
        const detail = [
          ...ids(a['schematron-invalid'])
            .filter((id) => !fired.has(id))
            .map((id) => `expected ${id} to fire`),
          ...ids(a['schematron-valid'])
            .filter((id) => fired.has(id))
            .map((id) => `expected ${id} not to fire`),
        ];
        s.mutants++;
        s.met += detail.length === 0 ? 1 : 0;
        s.outcomes.push({
          file: relative(dir, path),
          id: a.id ?? '',
          mutator,
          ...(value !== undefined ? { value } : {}),
          met: detail.length === 0,
          detail,
        });
      }
    }
  }
  return s;
}
