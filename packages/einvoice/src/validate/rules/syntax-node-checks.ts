/**
 * Rule groups whose members each test one context node at a time — "attribute X must not be
 * present", "element X must not be present", or a predicate (the CII-DT datatype rules: about a
 * hundred rules over a dozen context lists). Run one by one, every member fetched its context list
 * again and scanned every node's children for its one name. The group here visits each context
 * node once: attribute tests only when the node has attributes, child tests by one pass over the
 * node's children with a name → members table, predicates as before. Findings come out as if the
 * members ran one after another: member order, and context order within a member.
 */
import { intern } from '../../xml/intern.js';
import { NO_ATTRS, type XElement } from '../../xml/parse.js';
import type { Rule, RuleContext } from '../types.js';
import { groupRule } from './syntax-engine.js';
import type { Syntax } from '../../model/types.js';

export interface NodeCheck {
  /** the member fires when the node carries this attribute */
  attr?: string;
  /** the member fires when the node has a child element of this local name */
  child?: string;
  /** the member's test (what `attr`/`child` say, when given; the member rule itself uses this) */
  bad: (e: XElement, c: RuleContext) => boolean;
}

export interface CheckList {
  contexts: (c: RuleContext) => readonly XElement[];
  checks: readonly NodeCheck[];
  /** index in the group's members of `checks[0]` (the others follow in order) */
  first: number;
}

interface Compiled {
  contexts: (c: RuleContext) => readonly XElement[];
  attrs: [string, number[]][];
  children: Map<string, number[]>;
  predicates: [number, NodeCheck['bad']][];
}

function compile(list: CheckList): Compiled {
  const attrs = new Map<string, number[]>();
  const children = new Map<string, number[]>();
  const predicates: [number, NodeCheck['bad']][] = [];
  list.checks.forEach((check, i) => {
    const member = list.first + i;
    const table = check.attr !== undefined ? attrs : check.child !== undefined ? children : undefined;
    const key = check.attr ?? check.child;
    if (table && key !== undefined) {
      const k = intern(key);
      table.set(k, [...(table.get(k) ?? []), member]);
    } else {
      predicates.push([member, check.bad]);
    }
  });
  return { contexts: list.contexts, attrs: [...attrs], children, predicates };
}

export function nodeChecksGroup(
  id: string,
  syntaxes: readonly Syntax[],
  members: readonly Rule[],
  lists: readonly CheckList[],
): Rule {
  const compiled = lists.map(compile);
  // per member: the context visit it last fired in (a member fires once per context node)
  const firedAt = new Int32Array(members.length);
  let visit = 0;
  return groupRule(id, syntaxes, members, (c, fail) => {
    let hits: XElement[][] | undefined;
    const fire = (member: number, e: XElement) => {
      if (firedAt[member] === visit) {
        return;
      }
      firedAt[member] = visit;
      hits ??= [];
      (hits[member] ??= []).push(e);
    };
    for (const list of compiled) {
      for (const e of list.contexts(c)) {
        visit++;
        if (e.attrs !== NO_ATTRS) {
          for (const [a, ms] of list.attrs) {
            if (e.attrs[a] !== undefined) {
              ms.forEach((m) => fire(m, e));
            }
          }
        }
        if (list.children.size > 0) {
          for (const k of e.children) {
            list.children.get(k.name)?.forEach((m) => fire(m, e));
          }
        }
        for (const [m, bad] of list.predicates) {
          if (bad(e, c)) {
            fire(m, e);
          }
        }
      }
    }
    if (hits) {
      hits.forEach((els, m) => els.forEach((e) => fail(e, members[m])));
    }
  });
}
