import { describe, expect, it } from 'vitest';
import { parseXml } from './parse.js';

describe('safe XML parser', () => {
  it('parses namespaces, attributes and text', () => {
    const r = parseXml('<a xmlns="urn:x" xmlns:p="urn:p"><p:b k="v">t&amp;u</p:b></a>');
    expect(r.ok).toBe(true);
    if (r.ok) {
      const b = r.root.children[0]!;
      expect([r.root.ns, b.ns, b.name, b.attrs.k, b.text]).toEqual(['urn:x', 'urn:p', 'b', 'v', 't&u']);
    }
  });

  it('never resolves external entities (XXE)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    const r = parseXml(xxe);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('doctype');
  });

  it('rejects entity expansion bombs (billion laughs) without expanding', () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>';
    const t = Date.now();
    const r = parseXml(lol);
    expect(r.ok).toBe(false);
    expect(Date.now() - t).toBeLessThan(200);
  });

  it('reports undefined entities without a DOCTYPE as malformed', () => {
    const r = parseXml('<r>&lol;</r>');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('malformed');
  });

  it('bounds the document size before parsing', () => {
    const big = Buffer.alloc(100 * 1024 * 1024, 0x20);
    const r = parseXml(big);
    expect(!r.ok && r.code).toBe('too-large');
    const small = parseXml('<r>abc</r>', { maxBytes: 5 });
    expect(!small.ok && small.code).toBe('too-large');
  });

  it('turns malformed XML into a value, not an exception', () => {
    for (const bad of ['<a><b></a>', '<a', 'not xml', '<a></a><b/>', '']) {
      const r = parseXml(bad);
      expect(r.ok).toBe(false);
    }
  });

  it('matches every end tag to its start tag, prefix and name included', () => {
    const bad = [
      '<a><b></c></a>',
      '<a><bc></b></a>',
      '<a><b></bc></a>',
      '<a></a></a>',
      '<p:a xmlns:p="u"><p:b></b></p:a>',
    ];
    for (const x of bad) {
      const r = parseXml(x);
      expect(r.ok, x).toBe(false);
      expect(r.ok ? '' : r.code).toBe('malformed');
    }
    for (const x of ['<a><b></b ></a >', '<p:a xmlns:p="u"><p:b/><p:c></p:c></p:a>']) {
      expect(parseXml(x).ok, x).toBe(true);
    }
  });

  it('lists every leaf whose text may be blank, in document order', () => {
    const x = '<a><b/><c> </c><d>x</d><e><f></f><g>\u00a0</g></e><h><![CDATA[ ]]></h><i>\n<j/></i><k>-</k></a>';
    const r = parseXml(x);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const names = r.index.maybeEmpty.map((e) => e.name);
      expect(names).toEqual(['b', 'c', 'f', 'g', 'h', 'j']);
      // a superset of the blank leaves: every leaf with white-space-only text is in it
      const blank = r.index.all.filter((e) => e.children.length === 0 && e.text.trim() === '').map((e) => e.name);
      expect(blank.every((n) => names.includes(n))).toBe(true);
    }
  });

  it('bounds nesting depth', () => {
    const deep = '<a>'.repeat(500) + '</a>'.repeat(500);
    const r = parseXml(deep);
    expect(!r.ok && r.code).toBe('too-deep');
  });
});
