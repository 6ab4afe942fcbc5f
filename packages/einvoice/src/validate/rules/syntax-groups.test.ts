/**
 * The shared-walk rule groups (count tries, per-node check lists) must report exactly what their
 * members report when they run one by one: same findings, member order, context order.
 */
import { describe, expect, it } from 'vitest';
import { parseXml, type XElement } from '../../xml/parse.js';
import { countPath } from './syntax-engine.js';
import { atMostRule, countContext } from './syntax-count.js';
import { nodeChecksGroup } from './syntax-node-checks.js';
import { rule } from '../helpers.js';
import type { Fail, Rule, RuleContext } from '../types.js';
import { contextOf } from '../../../test/tree.js';

const XML = `<R xmlns:a="urn:a">
  <P><Q><Z/><Z/></Q><Q><Z/></Q><N/></P>
  <P x="1"><Q/><N/><N/></P>
  <P y="2"><Q><Z/></Q></P>
</R>`;

function ctxOf(): RuleContext {
  const r = parseXml(XML);
  if (!r.ok) {
    throw new Error(r.error);
  }
  return contextOf(r.root, 'ubl-invoice');
}

const ps = (c: RuleContext) => c.root.children.filter((e) => e.name === 'P');

/** Findings of rules run one by one, as [rule id, element offset]. */
function oneByOne(rules: readonly Rule[], c: RuleContext): [string, number][] {
  const out: [string, number][] = [];
  for (const r of rules) {
    r.check(c, (at) => out.push([r.id, (at as XElement).offset]));
  }
  return out;
}

function grouped(group: Rule, c: RuleContext): [string, number][] {
  const out: [string, number][] = [];
  const fail: Fail = (at, member) => out.push([member!.id, (at as XElement).offset]);
  group.check(c, fail);
  return out;
}

describe('count tries (atMostRule)', () => {
  it('counts every path at every context node like countPath', () => {
    const cc = countContext('test-p', ps);
    const paths = ['Q/Z', 'Q', 'N', 'Q/Z/W'];
    const rules = paths.flatMap((p, i) => [
      atMostRule(`T-${i}-0`, 'fatal', p, cc, p, 0, { syntaxes: ['ubl-invoice'], de: '' }),
      atMostRule(`T-${i}-1`, 'fatal', p, cc, p, 1, { syntaxes: ['ubl-invoice'], de: '' }),
    ]);
    const c = ctxOf();
    const expected: [string, number][] = [];
    paths.forEach((p, i) => {
      for (const max of [0, 1]) {
        for (const e of ps(c)) {
          if (countPath(e, ...p.split('/')) > max) {
            expected.push([`T-${i}-${max}`, e.offset]);
          }
        }
      }
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(oneByOne(rules, c)).toEqual(expected);
  });
});

describe('per-node check lists (nodeChecksGroup)', () => {
  it('reports what the members report, in member and context order, once per node', () => {
    const checks = [
      { attr: 'x', bad: (e: XElement) => e.attrs.x !== undefined },
      { child: 'N', bad: (e: XElement) => e.children.some((k) => k.name === 'N') },
      { bad: (e: XElement) => e.children.length > 2 },
      { attr: 'y', bad: (e: XElement) => e.attrs.y !== undefined },
      { child: 'Q', bad: (e: XElement) => e.children.some((k) => k.name === 'Q') },
    ];
    const members = checks.map((chk, i) =>
      rule(`M-${i}`, 'fatal', `M-${i}`, (c, f) => {
        for (const e of ps(c)) {
          if (chk.bad(e)) {
            f(e);
          }
        }
      }),
    );
    // two lists over the same contexts: members 0–2 and 3–4
    const group = nodeChecksGroup('M', ['ubl-invoice'], members, [
      { contexts: ps, checks: checks.slice(0, 3), first: 0 },
      { contexts: ps, checks: checks.slice(3), first: 3 },
    ]);
    const c = ctxOf();
    const expected = oneByOne(members, c);
    expect(expected.length).toBeGreaterThan(4);
    expect(grouped(group, c)).toEqual(expected);
    // and again on the same tree (no state left from the first document)
    expect(grouped(group, ctxOf())).toEqual(expected);
  });
});
