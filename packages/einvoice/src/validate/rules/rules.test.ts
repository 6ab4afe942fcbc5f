/**
 * One family at a time: a valid minimal invoice (sample model) is changed in exactly one place,
 * written as UBL and as CII, and the rule must fire; the untouched invoice must not fire it.
 */
import { describe, expect, it } from 'vitest';
import { sampleInvoice } from '../../sample.js';
import { writeXRechnung, type WriteSyntax } from '../../write/index.js';
import { validate } from '../engine.js';
import type { Invoice } from '../../model/types.js';

const SYNTAXES: WriteSyntax[] = ['ubl', 'cii'];

function check(mutate: (i: Invoice) => void, syntax: WriteSyntax, spec?: 'xrechnung-extension') {
  const inv = sampleInvoice(3);
  mutate(inv);
  return validate(writeXRechnung(inv, { syntax, specification: spec ?? 'xrechnung' }));
}

function expectFires(id: string, mutate: (i: Invoice) => void, level: 'errors' | 'warnings' | 'infos' = 'errors') {
  for (const syntax of SYNTAXES) {
    const base = check(() => undefined, syntax);
    expect(base.valid, `${syntax} baseline`).toBe(true);
    expect([...base.errors, ...base.warnings, ...base.infos]).not.toContain(id);
    const r = check(mutate, syntax);
    expect(r[level], `${id} in ${syntax}`).toContain(id);
  }
}

describe('EN 16931 core rules (BR-*)', () => {
  it('BR-02 invoice number', () => expectFires('BR-02', (i) => delete i.id));
  it('BR-06 seller name', () => expectFires('BR-06', (i) => delete i.seller.name));
  it('BR-16 at least one line', () => expectFires('BR-16', (i) => (i.lines = [])));
  it('BR-25 item name', () => expectFires('BR-25', (i) => delete i.lines[0]!.itemName));
  it('BR-27 net price not negative', () => expectFires('BR-27', (i) => (i.lines[0]!.netPrice = '-1.00')));
  it('BR-33 allowance reason', () =>
    expectFires('BR-33', (i) =>
      i.allowanceCharges.push({ isCharge: false, amount: '0.00', vatCategory: 'S', vatRate: '19' }),
    ));
});

describe('calculation rules (BR-CO-*)', () => {
  it('BR-CO-10 sum of line net amounts', () => expectFires('BR-CO-10', (i) => (i.totals.lineNetTotal = '1.00')));
  it('BR-CO-15 total with VAT', () => expectFires('BR-CO-15', (i) => (i.totals.taxInclusive = '1.00')));
  it('BR-CO-16 amount due', () => expectFires('BR-CO-16', (i) => (i.totals.payable = '1.00')));
  it('BR-CO-25 due date or payment terms', () =>
    expectFires('BR-CO-25', (i) => {
      delete i.dueDate;
      delete i.paymentTerms;
    }));
});

describe('decimals (BR-DEC-*)', () => {
  it('BR-DEC-23 line net amount with three decimals', () =>
    expectFires('BR-DEC-23', (i) => (i.lines[0]!.netAmount = '11.500')));
});

describe('VAT category rules', () => {
  it('BR-S-08 taxable amount per rate', () =>
    expectFires('BR-S-08', (i) => (i.vatBreakdown[0]!.taxableAmount = '1.00')));
  it('BR-S-05 standard rate above zero', () => expectFires('BR-S-05', (i) => (i.lines[0]!.vatRate = '0')));
  it('BR-E-10 exemption reason for E', () =>
    expectFires('BR-E-10', (i) => {
      i.lines.forEach((l) => {
        l.vatCategory = 'E';
        l.vatRate = '0';
      });
      i.vatBreakdown = [{ categoryCode: 'E', rate: '0', taxableAmount: i.totals.lineNetTotal, taxAmount: '0.00' }];
      i.totals.vatTotal = '0.00';
      i.totals.taxInclusive = i.totals.lineNetTotal;
      i.totals.payable = i.totals.lineNetTotal;
    }));
});

describe('code lists (BR-CL-*) with the official lists', () => {
  it('BR-CL-04 currency', () => expectFires('BR-CL-04', (i) => (i.currency = 'EUX')));
  it('BR-CL-16 payment means', () => expectFires('BR-CL-16', (i) => (i.paymentInstructions[0]!.typeCode = '999')));
  it('BR-CL-23 unit code is a warning in XRechnung', () =>
    expectFires('BR-CL-23', (i) => (i.lines[0]!.unitCode = 'XYZ1'), 'warnings'));
});

describe('XRechnung CIUS (BR-DE-*)', () => {
  it('BR-DE-1 payment instructions', () => expectFires('BR-DE-1', (i) => (i.paymentInstructions = [])));
  it('BR-DE-15 buyer reference', () => expectFires('BR-DE-15', (i) => delete i.buyerReference));
  it('BR-DE-2 seller contact', () => expectFires('BR-DE-2', (i) => delete i.seller.contact));
  it('BR-DE-18 Skonto line', () => expectFires('BR-DE-18', (i) => (i.paymentTerms = '#SKONTO#TAGE=7#PROZENT=2#\n')));
  it('BR-DE-18 accepts a proper Skonto line', () => {
    for (const syntax of SYNTAXES) {
      const r = check((i) => (i.paymentTerms = '#SKONTO#TAGE=7#PROZENT=2.00#\n'), syntax);
      expect(r.errors).not.toContain('BR-DE-18');
    }
  });
  it('BR-DE-19 IBAN check digits (warning)', () =>
    expectFires(
      'BR-DE-19',
      (i) => (i.paymentInstructions[0]!.creditTransfers[0]!.accountId = 'DE75512108001245126198'),
      'warnings',
    ));
  it('BR-DE-21 specification identifier (warning)', () => {
    for (const syntax of SYNTAXES) {
      const inv = sampleInvoice(2);
      inv.specificationId = 'urn:cen.eu:en16931:2017';
      const r = validate(writeXRechnung(inv, { syntax, specification: 'keep' }));
      expect(r.warnings).toContain('BR-DE-21');
      expect(r.scenario).toMatch(/^EN16931 \(/);
    }
  });
});

describe('Peppol rules adopted by XRechnung', () => {
  it('PEPPOL-EN16931-R010 buyer electronic address', () =>
    expectFires('PEPPOL-EN16931-R010', (i) => delete i.buyer.electronicAddress));
  it('PEPPOL-EN16931-R120 line net amount (warning)', () =>
    expectFires('PEPPOL-EN16931-R120', (i) => (i.lines[0]!.netPrice = '99.00'), 'warnings'));
});

describe('scenario levels', () => {
  it('the extension scenario downgrades BR-CL-25 to information', () => {
    for (const syntax of SYNTAXES) {
      const r = check(
        (i) => (i.seller.electronicAddress = { value: 'x', schemeId: 'XR01' }),
        syntax,
        'xrechnung-extension',
      );
      expect(r.scenario).toContain('Extension');
      expect(r.infos).toContain('BR-CL-25');
      expect(r.errors).not.toContain('BR-CL-25');
      expect(r.errors).not.toContain('BR-DEX-07');
    }
  });
});

describe('syntax rules', () => {
  it('UBL-SR-53 PartyTaxScheme without CompanyID', () => {
    const xml = writeXRechnung(sampleInvoice(1), { syntax: 'ubl' }).replace(
      '<cac:PartyTaxScheme><cbc:CompanyID>DE123456789</cbc:CompanyID>',
      '<cac:PartyTaxScheme>',
    );
    expect(validate(xml).errors).toContain('UBL-SR-53');
  });
  it('CII-SR-461 only one tax point date', () => {
    const inv = sampleInvoice(1);
    inv.vatBreakdown = [
      { ...inv.vatBreakdown[0]!, taxPointDate: '2026-02-28' },
      { categoryCode: 'Z', rate: '0', taxableAmount: '0.00', taxAmount: '0.00', taxPointDate: '2026-02-28' },
    ];
    expect(validate(writeXRechnung(inv, { syntax: 'cii' })).errors).toContain('CII-SR-461');
  });
});

describe('own rules (VB-*) never change the verdict', () => {
  it('VB-LEITWEG-02 wrong check digits is a warning only', () => {
    for (const syntax of SYNTAXES) {
      const r = check((i) => {
        i.buyerReference = '04011000-1234512345-07';
        i.buyer.electronicAddress = { value: '04011000-1234512345-07', schemeId: '0204' };
      }, syntax);
      expect(r.valid).toBe(true);
      expect(r.warnings).toContain('VB-LEITWEG-02');
    }
  });
  it('VB-LEITWEG-01 structure', () =>
    expectFires(
      'VB-LEITWEG-01',
      (i) => (i.buyer.electronicAddress = { value: '0401-ABC', schemeId: '0204' }),
      'warnings',
    ));
});

describe('schema-lite (XSD-*)', () => {
  const xml = writeXRechnung(sampleInvoice(1), { syntax: 'ubl' });
  it('element order', () => {
    const swapped = xml.replace(/(<cbc:IssueDate>[^<]*<\/cbc:IssueDate>)(<cbc:DueDate>[^<]*<\/cbc:DueDate>)/, '$2$1');
    expect(validate(swapped).errors).toContain('XSD-ORDER');
    expect(validate(xml).errors).not.toContain('XSD-ORDER');
  });
  it('datatypes', () => {
    expect(validate(xml.replace('<cbc:IssueDate>2026-03-02', '<cbc:IssueDate>02.03.2026')).errors).toContain(
      'XSD-DATATYPE',
    );
    const cii = writeXRechnung(sampleInvoice(1), { syntax: 'cii' });
    expect(validate(cii.replace('<ram:DuePayableAmount>', '<ram:DuePayableAmount>x')).errors).toContain('XSD-DATATYPE');
  });
  it('required elements', () => {
    expect(validate(xml.replace(/<cac:LegalMonetaryTotal>.*<\/cac:LegalMonetaryTotal>/, '')).errors).toContain(
      'XSD-REQUIRED',
    );
  });
});

describe('XRechnung raises CII-SR-452/453 to errors', () => {
  it('two payment terms descriptions are an error in the XRechnung CII scenario', () => {
    const cii = writeXRechnung(sampleInvoice(1), { syntax: 'cii' }).replace(
      '<ram:Description>Zahlbar innerhalb von 30 Tagen ohne Abzug.</ram:Description>',
      '<ram:Description>a</ram:Description><ram:Description>b</ram:Description>',
    );
    const r = validate(cii);
    expect(r.errors).toContain('CII-SR-453');
    expect(r.valid).toBe(false);
  });
});

describe('split payment (BR-B-*)', () => {
  it('BR-B-02 split payment and standard rate do not mix', () => {
    for (const syntax of SYNTAXES) {
      const r = check((i) => (i.lines[0]!.vatCategory = 'B'), syntax);
      expect(r.errors).toContain('BR-B-02');
      expect(r.errors).toContain('BR-B-01');
    }
  });
});
