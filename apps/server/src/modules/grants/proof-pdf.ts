import { formatEuroCents, type Pdf } from '../../platform/pdf/index.js';
import type { ProofResponse } from './reports.dto.js';
import { toCents } from './grants.rules.js';

const dateDe = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const euro = (s: string) => formatEuroCents(toCents(s));

function heading(doc: Pdf, text: string) {
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('#000000').text(text).moveDown(0.3).font('Helvetica').fontSize(9);
}

function row(doc: Pdf, cells: string[], widths: number[], opts: { bold?: boolean; right?: number[] } = {}) {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 30) {
    doc.addPage();
  }
  const x0 = doc.page.margins.left;
  const top = doc.y;
  let x = x0;
  let bottom = top;
  doc.font(opts.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
  cells.forEach((c, i) => {
    doc.text(c, x, top, { width: widths[i]! - 4, align: opts.right?.includes(i) ? 'right' : 'left' });
    bottom = Math.max(bottom, doc.y);
    x += widths[i]!;
  });
  doc.x = x0;
  doc.y = bottom + 3;
}

/** Lays out the proof: the grant, Sachbericht, numerical proof per plan line, financing, list of receipts. */
export function drawProof(doc: Pdf, m: ProofResponse) {
  doc.font('Helvetica-Bold').fontSize(16).text('Verwendungsnachweis');
  doc.font('Helvetica').fontSize(11).text(m.title);
  doc.fontSize(9).moveDown(0.3);
  doc.text(`Förderprogramm: ${m.programmeName}`);
  doc.text(`Bewilligungsbehörde: ${m.authority} · Az. ${m.fileReference} · Bescheid vom ${dateDe(m.noticeDate)}`);
  doc.text(`Bewilligungszeitraum: ${dateDe(m.periodStart)} – ${dateDe(m.periodEnd)}`);

  heading(doc, '1. Sachbericht');
  doc.text(m.reportText?.trim() || '(noch kein Sachbericht erfasst)');

  heading(doc, '2. Zahlenmäßiger Nachweis');
  const w = [55, 190, 80, 80, 80];
  const right = [2, 3, 4];
  row(doc, ['Position', 'Bezeichnung', 'Ansatz', 'Ist', 'Abweichung'], w, { bold: true, right });
  for (const l of m.lines) {
    row(doc, [l.code, `${l.title} (${l.count} Belege)`, euro(l.budget), euro(l.actual), euro(l.difference)], w, { right });
  }
  row(doc, ['', 'Summe', euro(m.totalBudget), euro(m.totalActual), formatEuroCents(toCents(m.totalActual) - toCents(m.totalBudget))], w, { bold: true, right });
  doc.moveDown(0.5);
  row(doc, ['', 'Zuwendung laut Bescheid', euro(m.grantAmount), '', ''], w, { right });
  row(doc, ['', 'Abgerufene Mittel', euro(m.drawn), '', ''], w, { right });
  row(doc, ['', 'Erhaltene Mittel', euro(m.received), '', ''], w, { right });
  if (m.warnings.length > 0) {
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(9).text('Hinweise zum Finanzierungsplan:').font('Helvetica');
    for (const x of m.warnings) {
      doc.text(`• ${x.detail}`);
    }
  }

  heading(doc, '3. Belegliste');
  const bw = [25, 52, 110, 160, 45, 91];
  row(doc, ['Nr.', 'Datum', 'Zahlungsempfänger', 'Grund der Zahlung', 'Pos.', 'Betrag'], bw, { bold: true, right: [5] });
  for (const r of m.receipts) {
    row(doc, [String(r.no), dateDe(r.date), r.payee, `${r.purpose}${r.invoiceNumber ? ` (Re.-Nr. ${r.invoiceNumber})` : ''}`, r.lineCode, euro(r.amount)], bw, { right: [5] });
  }
  row(doc, ['', '', '', 'Summe', '', euro(m.totalActual)], bw, { bold: true, right: [5] });

  doc.moveDown(2).fontSize(9).text('Es wird bestätigt, dass die Ausgaben notwendig waren, wirtschaftlich und sparsam verfahren wurde und die Angaben mit den Büchern und Belegen übereinstimmen.');
  doc.moveDown(1.5).text('Ort, Datum: ______________________      Unterschrift: ______________________');
}
