/**
 * Table-driven syntax binding rules (UBL-CR/SR/DT, CII-SR/DT). Most of these rules test that an
 * element or attribute is absent (`not(a/b/c)`) relative to a context node. Hundreds of such
 * rules exist; evaluating each as its own path walk would cost more than all business rules
 * together. Instead the paths of one context are compiled into a trie once, and one walk over the
 * context's subtree, descending only into names the trie knows, records every rule that fires.
 * Each rule's check then only looks up its memoised hits.
 *
 * Path syntax (local names, as the rule bindings use them): `A/B/C`, alternatives in any step as
 * `A|B`, an attribute as last step `@name`.
 */
import { intern } from '../../xml/intern.js';
import { NO_ATTRS, type XElement } from '../../xml/parse.js';

const NONE: readonly XElement[] = [];
import { named, rule } from '../helpers.js';
import type { Fail, Flag, Rule, RuleContext } from '../types.js';
import type { Syntax } from '../../model/types.js';

interface TrieNode {
  /** rules that fire when an element matching this node exists */
  hits: number[];
  /** attribute name → rules that fire when the element carries it */
  attrs: Map<string, number[]> | undefined;
  /** undefined for a leaf (most nodes): no Map per leaf at the first document's compile */
  next: Map<string, TrieNode> | undefined;
}

/** shared by the nodes no rule ends at (never pushed to) */
const NO_HITS: number[] = [];

function node(): TrieNode {
  return { hits: NO_HITS, attrs: undefined, next: undefined };
}

export interface PresenceSpec {
  id: string;
  flag: Flag;
  text: string;
  path: string;
  de?: string;
}

export interface PresenceFamily {
  /** memo key */
  key: string;
  syntaxes: readonly Syntax[];
  /** the context nodes of the family (schematron rule context) */
  contexts: (c: RuleContext) => readonly XElement[];
  specs: readonly PresenceSpec[];
}

/**
 * The rule the engine runs in place of its members: one check that reports each finding under the
 * member it belongs to. Its own id, flag and text are never reported.
 */
export function groupRule(id: string, syntaxes: readonly Syntax[], members: readonly Rule[], check: Rule['check']): Rule {
  return { id, flag: 'warning', source: 'cen', text: `[${id}] group of ${members.length} rules`, syntaxes, members, check };
}

/** A group over member rules: the engine runs it once and it reports under each member's id. */
export function groupOf(id: string, syntaxes: readonly Syntax[], members: readonly Rule[]): Rule {
  // read once: members come in many object shapes, `.check` in the loop was a megamorphic load
  const checks = members.map((m) => m.check);
  return groupRule(id, syntaxes, members, (c, fail) => {
    // one callback for all members: it reports under the member that is running
    let current = members[0]!;
    const memberFail: Fail = (at) => fail(at, current);
    for (let i = 0; i < members.length; i++) {
      current = members[i]!;
      checks[i]!(c, memberFail);
    }
  });
}

/**
 * Compile a family: its member rules (each complete on its own) and the group the engine runs,
 * which evaluates the family once per document and reports under the members' ids.
 */
/** The trie of a family's paths (see presenceFamily). */
interface Compiled {
  root: TrieNode;
  /** paths starting with `//`: the first step matches anywhere in the document */
  anywhereNames: [string, TrieNode][];
  rootAttrs: [string, number[]][];
}

function compileFamily(family: PresenceFamily): Compiled {
  const root = node();
  const anywhere = node();
  family.specs.forEach((spec, i) => {
    const deep = spec.path.startsWith('//');
    const steps = (deep ? spec.path.slice(2) : spec.path).split('/');
    let level: TrieNode[] = [deep ? anywhere : root];
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s]!;
      if (step.startsWith('@')) {
        // canonical attribute name: `k.attrs[a]` with a split piece would canonicalise it per lookup
        const a = intern(step.slice(1));
        for (const n of level) {
          n.attrs ??= new Map();
          const l = n.attrs.get(a);
          if (l) {
            l.push(i);
          } else {
            n.attrs.set(a, [i]);
          }
        }
        level = [];
        break;
      }
      const nextLevel: TrieNode[] = [];
      for (const n of level) {
        // canonical names: the walk looks up element names, and a hit then compares pointers
        for (const name of step.split('|').map(intern)) {
          n.next ??= new Map();
          let k = n.next.get(name);
          if (!k) {
            k = node();
            n.next.set(name, k);
          }
          nextLevel.push(k);
        }
      }
      level = nextLevel;
    }
    for (const n of level) {
      if (n.hits === NO_HITS) {
        n.hits = [i];
      } else {
        n.hits.push(i);
      }
    }
  });

  // `//x` is absolute in XPath: anywhere in the document, whatever the context node
  return { root, anywhereNames: anywhere.next ? [...anywhere.next] : [], rootAttrs: root.attrs ? [...root.attrs] : [] };
}

export function presenceFamily(family: PresenceFamily): Rule {
  // compiled on first use: a process that only ever sees UBL never builds the CII tries (and the
  // cold start to the first verdict builds only the tries that document needs)
  let compiled: Compiled | undefined;

  /**
   * The hits of every rule of the family (rule index → offending elements), only for rules that
   * fire: most documents fire none of the hundreds of rules, so nothing is allocated per rule.
   */
  const evaluate = (c: RuleContext): Map<number, XElement[]> => {
    let hits = c.memo.get(family.key) as Map<number, XElement[]> | undefined;
    if (hits) {
      return hits;
    }
    compiled ??= compileFamily(family);
    const { root, anywhereNames, rootAttrs } = compiled;
    const found = new Map<number, XElement[]>();
    hits = found;
    // one finding per rule and context node (as the Schematron assert), at the first offending element
    let seen: Set<number> | undefined;
    const fire = (i: number, at: XElement) => {
      seen ??= new Set();
      if (!seen.has(i)) {
        seen.add(i);
        const l = found.get(i);
        if (l) {
          l.push(at);
        } else {
          found.set(i, [at]);
        }
      }
    };
    const visit = (k: XElement, t: TrieNode) => {
      for (const i of t.hits) {
        fire(i, k);
      }
      if (t.attrs && k.attrs !== NO_ATTRS) {
        for (const [a, ids] of t.attrs) {
          if (k.attrs[a] !== undefined) {
            for (const i of ids) {
              fire(i, k);
            }
          }
        }
      }
      if (t.next !== undefined) {
        walk(k, t.next);
      }
    };
    const walk = (el: XElement, next: Map<string, TrieNode>) => {
      const kids = el.children;
      for (let j = 0; j < kids.length; j++) {
        const k = kids[j]!;
        const t = next.get(k.name);
        if (t) {
          visit(k, t);
        }
      }
    };
    for (const ctx of family.contexts(c)) {
      seen = undefined;
      for (const [name, t] of anywhereNames) {
        for (const k of named(c, name)) {
          visit(k, t);
        }
      }
      if (ctx.attrs !== NO_ATTRS) {
        for (const [a, ids] of rootAttrs) {
          if (ctx.attrs[a] !== undefined) {
            for (const i of ids) {
              fire(i, ctx);
            }
          }
        }
      }
      if (root.next !== undefined) {
        walk(ctx, root.next);
      }
    }
    c.memo.set(family.key, hits);
    return hits;
  };

  const members = family.specs.map((spec, i) =>
    rule(
      spec.id,
      spec.flag,
      spec.text,
      (c, f) => {
        for (const e of evaluate(c).get(i) ?? NONE) {
          f(e);
        }
      },
      { syntaxes: family.syntaxes, ...(spec.de ? { de: spec.de } : {}) },
    ),
  );
  return groupRule(family.key, family.syntaxes, members, (c, fail) => {
    const hits = evaluate(c);
    if (hits.size === 0) {
      return;
    }
    // in member order, as if each member ran on its own
    const fired = [...hits.keys()].sort((a, b) => a - b);
    for (const i of fired) {
      for (const at of hits.get(i)!) {
        fail(at, members[i]);
      }
    }
  });
}

/**
 * Parse a compact table: one rule per line, `<number> <path>`, optionally followed by
 * ` = <words>` (the words naming the element in the official text, default `words(path)`) or
 * ` == <text>` (the whole official text after the `[id]`).
 */
export function table(
  spec: {
    prefix: string;
    flag: Flag;
    words: (path: string) => string;
    text: (words: string, id: string) => string;
    de: (words: string) => string;
  },
  src: string,
): PresenceSpec[] {
  const out: PresenceSpec[] = [];
  for (const raw of src.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      continue;
    }
    const sp = line.indexOf(' ');
    const id = `${spec.prefix}${line.slice(0, sp)}`;
    const rest = line.slice(sp + 1);
    const full = rest.indexOf(' == ');
    const eq = full < 0 ? rest.indexOf(' = ') : -1;
    const cut = full >= 0 ? full : eq;
    const path = cut < 0 ? rest : rest.slice(0, cut);
    const words = eq >= 0 ? rest.slice(eq + 3) : spec.words(path);
    const text = full >= 0 ? `[${id}]${rest.slice(full + 4)}` : spec.text(words, id);
    out.push({ id, flag: spec.flag, text, path, de: spec.de(words) });
  }
  return out;
}

/** Schematron `count(path) <= max` (or `= exact`) rules over context nodes. */
export function countRule(
  id: string,
  flag: Flag,
  text: string,
  contexts: (c: RuleContext) => readonly XElement[],
  count: (ctx: XElement, c: RuleContext) => number,
  ok: (n: number) => boolean,
  opts: { syntaxes: readonly Syntax[]; de: string },
): Rule {
  return rule(
    id,
    flag,
    text,
    (c, f) => {
      for (const ctx of contexts(c)) {
        if (!ok(count(ctx, c))) {
          f(ctx);
        }
      }
    },
    opts,
  );
}

/** Number of elements reached by a child-name chain (every match at every step). */
export function countPath(el: XElement, ...names: string[]): number {
  // (callers pass literals or canonical names: `k.name === n` then compares pointers)
  let cur: XElement[] = [el];
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
  return cur.length;
}
