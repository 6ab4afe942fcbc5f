import { describe, expect, it } from 'vitest';
import { formatEuroCents, renderPdf } from './pdf.js';

describe('renderPdf', () => {
  it('produces a PDF with umlauts, the euro sign and page numbers on multi-page documents', async () => {
    const bytes = await renderPdf({ title: 'Rechnung Gemeinde Wölfis', date: new Date('2026-01-01T00:00:00Z') }, (doc) => {
      doc.fontSize(14).text('Gemeinde Wölfis – Straße 1, 12,50 €');
      doc.addPage().text('Zweite Seite');
    });
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(bytes.length).toBeGreaterThan(1000);
  });

  it('rejects when the layout code throws, instead of hanging', async () => {
    await expect(renderPdf({ title: 'x' }, () => { throw new Error('layout failed'); })).rejects.toThrow('layout failed');
  });
});

describe('formatEuroCents', () => {
  it('formats German style with thousands separators and a real minus', () => {
    expect(formatEuroCents(123456)).toBe('1.234,56 €');
    expect(formatEuroCents(5n)).toBe('0,05 €');
    expect(formatEuroCents(-100_000_00)).toBe('−100.000,00 €');
  });
});
