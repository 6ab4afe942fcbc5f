/**
 * Cardinality rules `count(a/b/c) <= max` that share a rule context (UBL-SR: two dozen at the
 * root, more at every line, payment means …). Evaluated one by one, each rule walked the context's
 * children again — at the root that means every invoice line once per rule. Here the paths of one
 * context are compiled into a trie, one walk per context node counts every path at once, and each
 * rule only compares its count. The rules stay complete rules of their own (members of a group).
 *
 * Paths are child steps by local name, as `countPath` follows them: the count of a path is the
 * number of elements it reaches, which is the number of trie visits of its last step.
 */
import { intern } from '../../xml/intern.js';
import type { XElement } from '../../xml/parse.js';
import { rule } from '../helpers.js';
import type { Flag, Rule, RuleContext } from '../types.js';
import type { Syntax } from '../../model/types.js';

interface CountNode {
  /** indexes of the paths that end here */
  ends: number[];
  next: Map<string, CountNode>;
}

/** The context nodes of a group of count rules and the paths counted at each of them. */
export interface CountContext {
  /** memo key (unique per context) */
  key: string;
  contexts: (c: RuleContext) => readonly XElement[];
  paths: string[][];
  /** compiled on first use, after every rule of the context is registered */
  trie: CountNode | undefined;
}

interface Counts {
  nodes: readonly XElement[];
  /** `counts[j * paths + p]`: count of path p at context node j */
  counts: Int32Array;
}

export function countContext(key: string, contexts: (c: RuleContext) => readonly XElement[]): CountContext {
  return { key: `count-${key}`, contexts, paths: [], trie: undefined };
}

function compile(paths: readonly string[][]): CountNode {
  const root: CountNode = { ends: [], next: new Map() };
  paths.forEach((names, p) => {
    let n = root;
    for (const name of names) {
      let k = n.next.get(name);
      if (!k) {
        k = { ends: [], next: new Map() };
        n.next.set(name, k);
      }
      n = k;
    }
    n.ends.push(p);
  });
  return root;
}

function walk(el: XElement, node: CountNode, counts: Int32Array, base: number): void {
  const kids = el.children;
  for (let j = 0; j < kids.length; j++) {
    const k = kids[j]!;
    const t = node.next.get(k.name);
    if (t !== undefined) {
      for (let e = 0; e < t.ends.length; e++) {
        counts[base + t.ends[e]!]!++;
      }
      if (t.next.size > 0) {
        walk(k, t, counts, base);
      }
    }
  }
}

/** Every path's count at every context node, once per document. */
function countsOf(cc: CountContext, c: RuleContext): Counts {
  let v = c.memo.get(cc.key) as Counts | undefined;
  if (!v) {
    cc.trie ??= compile(cc.paths);
    const nodes = cc.contexts(c);
    const width = cc.paths.length;
    const counts = new Int32Array(nodes.length * width);
    for (let j = 0; j < nodes.length; j++) {
      walk(nodes[j]!, cc.trie, counts, j * width);
    }
    v = { nodes, counts };
    c.memo.set(cc.key, v);
  }
  return v;
}

/**
 * `count(path) <= max` at every node of the context, one finding per node that has more.
 * `path` is `A/B/C` (child steps by local name).
 */
export function atMostRule(
  id: string,
  flag: Flag,
  text: string,
  cc: CountContext,
  path: string,
  max: number,
  opts: { syntaxes: readonly Syntax[]; de: string },
): Rule {
  const p = cc.paths.length;
  cc.paths.push(path.split('/').map(intern));
  cc.trie = undefined;
  return rule(
    id,
    flag,
    text,
    (c, f) => {
      const { nodes, counts } = countsOf(cc, c);
      const width = cc.paths.length;
      for (let j = 0; j < nodes.length; j++) {
        if (counts[j * width + p]! > max) {
          f(nodes[j]);
        }
      }
    },
    opts,
  );
}
