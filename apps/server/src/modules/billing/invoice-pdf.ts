/**
 * The human-readable copy of an issued invoice, rendered from the stored EN 16931 model (the XML
 * is the legal document; the PDF says the same). The document date is the issue date, so the same
 * invoice always renders to the same bytes.
 */
import type { Invoice } from '@verbund/einvoice';
import { formatEuroCents, renderPdf, type Pdf } from '../../platform/pdf/index.js';
import { parseScaled } from './allocation.js';
import type { StoredExplanation } from './billing.schema.js';

const de = (d: string | undefined) => (d ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : '—');
const cents = (amount: string | undefined) => formatEuroCents(parseScaled(amount ?? '0', 2) ?? 0n);
const decimalDe = (v: string | undefined) => (v ?? '').replace('.', ',');

const TYPE_TITLE: Record<string, string> = { '380': 'Rechnung', '381': 'Gutschrift (Rechnungskorrektur)' };

function row(doc: Pdf, y: number, cells: { text: string; x: number; w: number; align?: 'left' | 'right' }[], bold = false) {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
  let h = 0;
  for (const c of cells) {
    h = Math.max(h, doc.heightOfString(c.text, { width: c.w }));
  }
  if (y + h > doc.page.height - doc.page.margins.bottom - 20) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  for (const c of cells) {
    doc.text(c.text, c.x, y, { width: c.w, align: c.align ?? 'left' });
  }
  return y + h + 4;
}

export function renderInvoicePdf(model: Invoice, explanation: readonly StoredExplanation[] = []): Promise<Buffer> {
  const title = `${TYPE_TITLE[model.typeCode ?? '380'] ?? 'Rechnung'} ${model.id ?? ''}`;
  return renderPdf({ title, author: model.seller.name, date: new Date(`${model.issueDate}T00:00:00Z`) }, (doc) => {
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const s = model.seller;
    doc.fontSize(8).fillColor('#444444').text(`${s.name} · ${s.address?.line1 ?? ''} · ${s.address?.postCode ?? ''} ${s.address?.city ?? ''}`, left, 56);
    doc.fillColor('#000000').fontSize(10);
    const b = model.buyer;
    doc.text(b.name ?? '', left, 90).text(b.address?.line1 ?? '').text(`${b.address?.postCode ?? ''} ${b.address?.city ?? ''}`);
    const meta: [string, string][] = [
      ['Nummer', model.id ?? ''],
      ['Datum', de(model.issueDate)],
      ['Leitweg-ID', model.buyerReference ?? ''],
      ['Leistungszeitraum', `${de(model.invoicePeriod?.start)} – ${de(model.invoicePeriod?.end)}`],
    ];
    if (model.dueDate) {
      meta.push(['Fällig am', de(model.dueDate)]);
    }
    for (const p of model.precedingInvoices) {
      meta.push(['Bezug auf Rechnung', `${p.id ?? ''} vom ${de(p.issueDate)}`]);
    }
    let y = 90;
    for (const [k, v] of meta) {
      doc.font('Helvetica').fontSize(8.5).text(k, left + width - 220, y, { width: 90 });
      doc.text(v, left + width - 130, y, { width: 130, align: 'right' });
      y += 13;
    }
    y = Math.max(y, 160) + 10;
    doc.font('Helvetica-Bold').fontSize(14).text(title, left, y);
    y = doc.y + 10;
    const cols = [
      { x: left, w: 22 },
      { x: left + 24, w: width - 24 - 230 },
      { x: left + width - 204, w: 50 },
      { x: left + width - 152, w: 70 },
      { x: left + width - 80, w: 80 },
    ];
    y = row(
      doc,
      y,
      [
        { text: 'Pos.', ...cols[0]! },
        { text: 'Leistung', ...cols[1]! },
        { text: 'Menge', ...cols[2]!, align: 'right' },
        { text: 'Einzelpreis', ...cols[3]!, align: 'right' },
        { text: 'Netto', ...cols[4]!, align: 'right' },
      ],
      true,
    );
    for (const l of model.lines) {
      const text = [l.itemName, l.itemDescription].filter(Boolean).join('\n') + (l.vatCategory === 'S' ? '' : ` (USt.-Kategorie ${l.vatCategory})`);
      y = row(doc, y, [
        { text: l.id ?? '', ...cols[0]! },
        { text, ...cols[1]! },
        { text: `${decimalDe(l.quantity)} ${l.unitCode ?? ''}`, ...cols[2]!, align: 'right' },
        { text: `${decimalDe(l.netPrice)} €`, ...cols[3]!, align: 'right' },
        { text: cents(l.netAmount), ...cols[4]!, align: 'right' },
      ]);
    }
    y += 6;
    const sum = (label: string, value: string, bold = false) => {
      y = row(doc, y, [{ text: label, x: left + width - 280, w: 190 }, { text: value, x: left + width - 90, w: 90, align: 'right' }], bold);
    };
    sum('Summe netto', cents(model.totals.taxExclusive));
    for (const v of model.vatBreakdown) {
      const label = v.categoryCode === 'S' ? `Umsatzsteuer ${decimalDe(v.rate)} %` : `Umsatzsteuer (${v.categoryCode}): ${v.exemptionReason ?? ''}`;
      sum(label, cents(v.taxAmount));
    }
    sum(model.typeCode === '381' ? 'Gutschriftsbetrag' : 'Rechnungsbetrag', cents(model.totals.payable), true);
    y += 10;
    doc.font('Helvetica').fontSize(8.5);
    const pay = model.paymentInstructions[0]?.creditTransfers[0];
    const lines = [model.paymentTerms ?? '', pay ? `Bankverbindung: IBAN ${pay.accountId ?? ''}${pay.serviceProviderId ? `, BIC ${pay.serviceProviderId}` : ''}; Verwendungszweck ${model.id ?? ''}` : ''];
    if (s.vatId) {
      lines.push(`USt-IdNr. ${s.vatId}`);
    } else if (s.taxRegistrationId) {
      lines.push(`Steuernummer ${s.taxRegistrationId}`);
    }
    if (s.contact) {
      lines.push(`Ansprechpartner: ${[s.contact.name, s.contact.phone, s.contact.email].filter(Boolean).join(', ')}`);
    }
    doc.text(lines.filter(Boolean).join('\n'), left, y, { width });
    if (explanation.length > 0) {
      y = doc.y + 14;
      doc.font('Helvetica-Bold').fontSize(10).text('Erläuterung der Umlage', left, y);
      y = doc.y + 6;
      y = row(
        doc,
        y,
        [
          { text: 'Kostenpool', x: left, w: 150 },
          { text: 'Schlüsselwert', x: left + 155, w: 90, align: 'right' },
          { text: 'Anteil', x: left + 250, w: 60, align: 'right' },
          { text: 'Tage', x: left + 315, w: 35, align: 'right' },
          { text: 'Pool', x: left + 355, w: 70, align: 'right' },
          { text: 'Betrag', x: left + width - 70, w: 70, align: 'right' },
        ],
        true,
      );
      for (const e of explanation) {
        y = row(doc, y, [
          { text: e.poolName, x: left, w: 150 },
          { text: `${decimalDe(e.keyValue)} / ${decimalDe(e.keyTotal)}`, x: left + 155, w: 90, align: 'right' },
          { text: `${decimalDe(e.share)} %`, x: left + 250, w: 60, align: 'right' },
          { text: String(e.days ?? ''), x: left + 315, w: 35, align: 'right' },
          { text: formatEuroCents(BigInt(e.baseCents)), x: left + 355, w: 70, align: 'right' },
          { text: formatEuroCents(BigInt(e.amountCents)), x: left + width - 70, w: 70, align: 'right' },
        ]);
      }
    }
  });
}
