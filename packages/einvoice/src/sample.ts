/**
 * A complete, valid XRechnung model used in tests, the benchmark and the README. It is a plain
 * public-sector service invoice with n lines at 19 % VAT.
 */
import type { Invoice, InvoiceLine } from './model/types.js';
import { dec, mul, round, sum, toString, add, div } from './model/decimal.js';

export function sampleInvoice(lineCount = 10): Invoice {
  const lines: InvoiceLine[] = [];
  for (let i = 1; i <= lineCount; i++) {
    const qty = String(i);
    const price = `${10 + i}.50`;
    lines.push({
      id: String(i),
      quantity: qty,
      unitCode: 'HUR',
      netAmount: toString(round(mul(dec(qty)!, dec(price)!), 2)),
      allowanceCharges: [],
      netPrice: price,
      vatCategory: 'S',
      vatRate: '19',
      itemName: `IT-Dienstleistung ${i}`,
      classifications: [],
      attributes: [],
      subLines: [],
    });
  }
  const net = sum(lines.map((l) => dec(l.netAmount)!));
  const vat = round(div(mul(net, dec('19')!), dec('100')!, 10)!, 2);
  const gross = add(net, vat);
  return {
    processId: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
    id: 'RE-2026-00001',
    issueDate: '2026-03-02',
    typeCode: '380',
    currency: 'EUR',
    dueDate: '2026-04-01',
    buyerReference: '04011000-1234512345-06',
    paymentTerms: 'Zahlbar innerhalb von 30 Tagen ohne Abzug.',
    notes: [{ text: 'Leistungen gemäß Rahmenvertrag.' }],
    precedingInvoices: [],
    seller: {
      name: 'Kommunale IT-Dienste AöR',
      identifiers: [],
      vatId: 'DE123456789',
      electronicAddress: { value: 'rechnung@kid.example', schemeId: 'EM' },
      address: { line1: 'Hauptstraße 1', city: 'Musterstadt', postCode: '12345', countryCode: 'DE' },
      contact: { name: 'Servicedesk', phone: '+49 30 1234567', email: 'servicedesk@kid.example' },
    },
    buyer: {
      name: 'Gemeinde Beispielhausen',
      identifiers: [],
      electronicAddress: { value: '04011000-1234512345-06', schemeId: '0204' },
      address: { line1: 'Rathausplatz 2', city: 'Beispielhausen', postCode: '54321', countryCode: 'DE' },
    },
    invoicePeriod: { start: '2026-02-01', end: '2026-02-28' },
    paymentInstructions: [
      {
        typeCode: '58',
        remittanceInfo: 'RE-2026-00001',
        creditTransfers: [{ accountId: 'DE75512108001245126199', accountName: 'Kommunale IT-Dienste AöR' }],
      },
    ],
    allowanceCharges: [],
    totals: {
      lineNetTotal: toString(net),
      taxExclusive: toString(net),
      vatTotal: toString(vat),
      taxInclusive: toString(gross),
      payable: toString(gross),
    },
    vatBreakdown: [{ taxableAmount: toString(net), taxAmount: toString(vat), categoryCode: 'S', rate: '19' }],
    attachments: [],
    lines,
  };
}
