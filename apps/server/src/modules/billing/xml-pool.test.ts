import { afterAll, describe, expect, it } from 'vitest';
import type { StoredLine } from './billing.schema.js';
import { buildModel, InvoiceValidationError, writeValidated, type SellerData } from './invoice-xml.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { XmlPool } from './xml-pool.js';

const seller: SellerData = {
  sellerName: 'Test IT AöR',
  street: 'Hauptstraße 1',
  postalCode: '99084',
  city: 'Erfurt',
  countryCode: 'DE',
  vatId: 'DE123456789',
  taxNumber: null,
  iban: 'DE02120300000000202051',
  bic: 'BYLADEM1001',
  contactName: 'Finanzen',
  contactPhone: '+49 361 000000',
  contactEmail: 'finanzen@test.verbund',
  electronicAddress: 'rechnung@test.verbund',
  electronicAddressScheme: 'EM',
  paymentTermsDays: 30,
};

const line = (id: number, cents: number): StoredLine => ({
  id: String(id),
  name: `Leistung ${id}`,
  quantity: '2',
  unitCode: 'C62',
  unitPrice: (cents / 200).toFixed(2),
  netCents: String(cents),
  vatCategory: 'S',
  vatRate: '19',
});

const model = (n: number) =>
  buildModel(
    seller,
    { name: `Gemeinde ${n}`, street: 'Markt 1', postalCode: '07545', city: 'Gera', leitwegId: '16077000-RE-41' },
    {
      number: `RE-2026-${String(n).padStart(5, '0')}`,
      issueDate: '2026-04-02',
      dueDate: '2026-05-02',
      typeCode: '380',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      lines: [line(1, 1000 + n * 2), line(2, 5000)],
    },
  );

const pool = new XmlPool(2);
afterAll(() => pool.close());

describe('XRechnung on worker threads', () => {
  it('writes and validates on the workers exactly what the calling thread writes, in order', async () => {
    expect(await pool.start()).toBe(true);
    const models = Array.from({ length: 40 }, (_, i) => model(i + 1));
    let reported = 0;
    const xml = await pool.writeAll(models, 'ubl', (n) => (reported += n));
    expect(pool.usable).toBe(true);
    expect(reported).toBe(40);
    expect(xml).toEqual(models.map((m) => writeValidated(m, 'ubl')));
  }, 60_000);

  it('reports the first document that is not valid as a validation error', async () => {
    const models = Array.from({ length: 40 }, (_, i) => model(i + 1));
    // BR-DE-15: an XRechnung needs the buyer reference (Leitweg-ID).
    models[27] = { ...models[27]!, buyerReference: undefined };
    const err = await pool.writeAll(models, 'ubl').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvoiceValidationError);
    expect((err as InvoiceValidationError).number).toBe('RE-2026-00028');
  }, 60_000);

  it('renders the PDF copies on the workers byte for byte as the calling thread does', async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({ model: model(i + 1), explanation: [] }));
    const pdfs = await pool.renderPdfs(items);
    expect(pdfs).toHaveLength(20);
    expect(pdfs[0]!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Buffer.compare(pdfs[19]!, await renderInvoicePdf(items[19]!.model, []))).toBe(0);
  }, 60_000);

  it('stays on the calling thread without workers', async () => {
    const none = new XmlPool(0);
    const models = Array.from({ length: 20 }, (_, i) => model(i + 1));
    expect(await none.writeAll(models, 'ubl')).toEqual(models.map((m) => writeValidated(m, 'ubl')));
  });
});
