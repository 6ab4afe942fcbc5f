import { describe, expect, it } from 'vitest';
import { renderHtml } from './html.js';
import { sampleInvoice } from '../sample.js';

describe('HTML view', () => {
  it('renders an accessible German invoice with parties, lines, VAT, totals and payment', () => {
    const html = renderHtml(sampleInvoice(2));
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<th scope="col">Bezeichnung</th>');
    expect(html).toContain('Kommunale IT-Dienste AöR');
    expect(html).toContain('Gemeinde Beispielhausen');
    expect(html).toContain('Zahlbetrag');
    expect(html).toContain('DE75512108001245126199');
    expect(html).toContain('<time datetime="2026-03-02">02.03.2026</time>');
  });
  it('renders English and escapes content', () => {
    const inv = sampleInvoice(1);
    inv.lines[0]!.itemName = '<script>alert(1)</script>';
    const html = renderHtml(inv, { lang: 'en' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Amount due');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
  it('formats amounts from decimal strings with grouping', () => {
    const inv = sampleInvoice(1);
    inv.totals.payable = '1234567.5';
    expect(renderHtml(inv)).toContain('1.234.567,50 EUR');
    expect(renderHtml(inv, { lang: 'en' })).toContain('1,234,567.50 EUR');
  });
});
