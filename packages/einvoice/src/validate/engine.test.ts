import { describe, expect, it } from 'vitest';
import { validate } from './engine.js';
import { sampleInvoice } from '../sample.js';
import { writeXRechnung } from '../write/index.js';

describe('validate() on hostile and broken input', () => {
  const cases: [string, string | Buffer, string][] = [
    [
      'XXE',
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&x;</Invoice>',
      'XML-DOCTYPE',
    ],
    [
      'billion laughs',
      '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><l>&c;</l>',
      'XML-DOCTYPE',
    ],
    ['100 MB', Buffer.alloc(100 * 1024 * 1024, 0x20), 'XML-TOO-LARGE'],
    [
      'not an invoice',
      '<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>',
      'XML-NOT-INVOICE',
    ],
    ['malformed', '<Invoice><ID>1</Invoice>', 'XML-MALFORMED'],
    [
      'undefined entity',
      '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol;</Invoice>',
      'XML-MALFORMED',
    ],
    ['empty', '', 'XML-EMPTY'],
    ['binary', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]), 'XML-MALFORMED'],
  ];
  for (const [name, input, id] of cases) {
    it(`${name} → finding ${id}, no exception`, () => {
      const r = validate(input);
      expect(r.valid).toBe(false);
      expect(r.errors).toEqual([id]);
      expect(r.findings[0]!.message_de.length).toBeGreaterThan(0);
      expect(r.findings[0]!.message_en.length).toBeGreaterThan(0);
    });
  }

  it('honours a configured size limit', () => {
    const xml = writeXRechnung(sampleInvoice(2), { syntax: 'ubl' });
    expect(validate(xml, { maxBytes: 100 }).errors).toEqual(['XML-TOO-LARGE']);
    expect(validate(xml).valid).toBe(true);
  });

  it('findings carry id, level, location, official text and both messages', () => {
    const inv = sampleInvoice(2);
    delete inv.buyerReference;
    const r = validate(writeXRechnung(inv, { syntax: 'ubl' }));
    const f = r.findings.find((x) => x.id === 'BR-DE-15')!;
    expect(f.level).toBe('fatal');
    expect(f.location).toBe('/Invoice[1]');
    expect(f.text).toContain('Buyer reference');
    expect(f.message_de).toContain('BT-10');
    expect(f.message_en).toContain('BT-10');
  });
});

describe('validateModel()', () => {
  it('validates the document the model becomes', async () => {
    const { validateModel } = await import('./model.js');
    const ok = validateModel(sampleInvoice(3), { syntax: 'cii' });
    expect(ok.valid).toBe(true);
    expect(ok.xml).toContain('CrossIndustryInvoice');
    const inv = sampleInvoice(3);
    inv.totals.payable = '0.01';
    expect(validateModel(inv).errors).toContain('BR-CO-16');
  });
});
