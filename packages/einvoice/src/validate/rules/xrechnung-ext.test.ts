/**
 * Extension and CVD rules on the official CVD test case (valid) changed in one place each.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../../test/corpus.js';
import { validate } from '../engine.js';
import { sampleInvoice } from '../../sample.js';
import { writeXRechnung } from '../../write/index.js';

const ubl = readFileSync(fixturePath('testsuite/technical-cases/cvd/02.01a-cvd_INVOICE_ubl.xml'), 'utf8');
const cii = readFileSync(fixturePath('testsuite/technical-cases/cvd/02.01a-cvd_INVOICE_uncefact.xml'), 'utf8');

describe('CVD rules (BR-DE-CVD-*)', () => {
  it('the official CVD cases are valid in the CVD scenario', () => {
    for (const xml of [ubl, cii]) {
      const r = validate(xml);
      expect(r.valid).toBe(true);
      expect(r.scenario).toContain('CVD');
    }
  });
  it('BR-DE-CVD-01 contract reference', () => {
    expect(
      validate(ubl.replace(/<cac:ContractDocumentReference>[\s\S]*?<\/cac:ContractDocumentReference>/, '')).errors,
    ).toContain('BR-DE-CVD-01');
    expect(
      validate(cii.replace(/<ram:ContractReferencedDocument>[\s\S]*?<\/ram:ContractReferencedDocument>/, '')).errors,
    ).toContain('BR-DE-CVD-01');
  });
  it('BR-DE-CVD-02 tender or lot reference', () => {
    expect(
      validate(ubl.replace(/<cac:OriginatorDocumentReference>[\s\S]*?<\/cac:OriginatorDocumentReference>/, '')).errors,
    ).toContain('BR-DE-CVD-02');
  });
  it('BR-DE-CVD-04 vehicle category and BR-DE-CVD-05 cva value', () => {
    expect(validate(ubl.replace('listID="CVD">M2<', 'listID="CVD">X9<')).errors).toContain('BR-DE-CVD-04');
    expect(validate(cii.replace('listID="CVD">M2<', 'listID="CVD">X9<')).errors).toContain('BR-DE-CVD-04');
    expect(validate(ubl.replace('<cbc:Value>clean</cbc:Value>', '<cbc:Value>dirty</cbc:Value>')).errors).toContain(
      'BR-DE-CVD-05',
    );
  });
  it('BR-DE-CVD-03/06-a when the cva attribute is missing', () => {
    const r = validate(ubl.replace('<cbc:Name>cva</cbc:Name>', '<cbc:Name>other</cbc:Name>'));
    expect(r.errors).toContain('BR-DE-CVD-03');
    expect(r.errors).toContain('BR-DE-CVD-06-a');
  });
});

describe('extension rules (BR-DEX-*)', () => {
  function ext(mutate: (x: string) => string, syntax: 'ubl' | 'cii' = 'ubl') {
    return validate(mutate(writeXRechnung(sampleInvoice(2), { syntax, specification: 'xrechnung-extension' })));
  }
  it('the sample is valid as an extension document', () => {
    expect(ext((x) => x).valid).toBe(true);
    expect(ext((x) => x, 'cii').valid).toBe(true);
  });
  it('BR-DEX-03 sub invoice line without VAT information', () => {
    const sub =
      '<cac:SubInvoiceLine><cbc:ID>1.1</cbc:ID><cbc:InvoicedQuantity unitCode="HUR">1</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">11.50</cbc:LineExtensionAmount><cac:Item><cbc:Name>Teil</cbc:Name></cac:Item><cac:Price><cbc:PriceAmount currencyID="EUR">11.50</cbc:PriceAmount></cac:Price></cac:SubInvoiceLine></cac:InvoiceLine>';
    const r = ext((x) => x.replace('</cac:InvoiceLine>', sub));
    expect(r.errors).toContain('BR-DEX-03');
    expect(r.infos).toContain('UBL-CR-646');
  });
  it('BR-DEX-01 allows application/xml attachments only in the extension', () => {
    const att =
      '<cac:AdditionalDocumentReference><cbc:ID>A1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/json" filename="a.json">e30=</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference><cac:AccountingSupplierParty>';
    expect(ext((x) => x.replace('<cac:AccountingSupplierParty>', att)).errors).toContain('BR-DEX-01');
    const xmlAtt = att.replace('application/json', 'application/xml');
    const r = ext((x) => x.replace('<cac:AccountingSupplierParty>', xmlAtt));
    expect(r.errors).not.toContain('BR-DEX-01');
    expect(r.infos).toContain('BR-CL-24');
  });
  it('BR-DEX-10…12 third party payment needs type, amount and description', () => {
    const r = ext((x) =>
      x.replace('<cac:TaxTotal>', '<cac:PrepaidPayment><cbc:ID>DiGA</cbc:ID></cac:PrepaidPayment><cac:TaxTotal>'),
    );
    expect(r.errors).toEqual(expect.arrayContaining(['BR-DEX-11', 'BR-DEX-12']));
    expect(r.errors).not.toContain('BR-DEX-10');
  });
});
