import QRCode from 'qrcode';
import { renderPdf, type Pdf } from '../../platform/pdf/index.js';
import type { AssetType } from './assets.schema.js';

export const TYPE_LABELS_DE: Record<AssetType, string> = {
  workstation: 'Arbeitsplatz-PC',
  laptop: 'Notebook',
  monitor: 'Monitor',
  printer: 'Drucker/MFP',
  server: 'Server',
  virtual_machine: 'Virtuelle Maschine',
  firewall: 'Firewall',
  switch: 'Switch',
  router: 'Router',
  storage: 'Speichersystem',
  backup_appliance: 'Backup-Appliance',
  phone: 'Telefon',
  tablet: 'Tablet',
  licence: 'Lizenz',
};

export interface LabelItem {
  id: string;
  inventoryNumber: string;
  type: AssetType;
  name: string | null;
  /** Who the label says it belongs to (using member or owner). */
  holder: string | null;
}

const MM = 72 / 25.4;
/** A4 sheet of 3 × 8 labels of 70 × 36 mm (the common "3475" layout), 4.5 mm top margin. */
const LABEL = { cols: 3, rows: 8, w: 70 * MM, h: 36 * MM, top: 4.5 * MM, left: 0 };

function drawQr(doc: Pdf, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  // A quiet zone of 2 modules inside the box.
  const cell = size / (n + 4);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) {
        doc.rect(x + (c + 2) * cell, y + (r + 2) * cell, cell, cell);
      }
    }
  }
  doc.fillColor('#000000').fill();
}

/**
 * Labels with inventory number and a QR code. The code holds the asset's address in the web app
 * when the installation knows its public URL, else the inventory number. On a sheet of several
 * pages the bottom-right position stays empty: the page number is printed there.
 */
export function renderLabels(items: LabelItem[], opts: { baseUrl?: string; title?: string; date?: Date }): Promise<Buffer> {
  const perPage = LABEL.cols * LABEL.rows;
  const usable = items.length > perPage ? perPage - 1 : perPage;
  return renderPdf({ title: opts.title ?? 'Inventaretiketten', margin: 0, date: opts.date }, (doc) => {
    items.forEach((item, i) => {
      const onPage = i % usable;
      if (i > 0 && onPage === 0) {
        doc.addPage({ size: 'A4', margin: 0 });
      }
      const col = onPage % LABEL.cols;
      const row = Math.floor(onPage / LABEL.cols);
      const x = LABEL.left + col * LABEL.w;
      const y = LABEL.top + row * LABEL.h;
      const pad = 3 * MM;
      const qrSize = LABEL.h - 2 * pad;
      drawQr(doc, opts.baseUrl ? `${opts.baseUrl.replace(/\/$/, '')}/assets/${item.id}` : item.inventoryNumber, x + pad, y + pad, qrSize);
      const tx = x + pad + qrSize + 2 * MM;
      const tw = LABEL.w - (tx - x) - pad;
      doc.fillColor('#000000').font('Helvetica-Bold').fontSize(10).text(item.inventoryNumber, tx, y + pad + 2, { width: tw, lineBreak: false, ellipsis: true });
      doc.font('Helvetica').fontSize(7.5).text(TYPE_LABELS_DE[item.type], tx, y + pad + 16, { width: tw, lineBreak: false, ellipsis: true });
      if (item.name) {
        doc.text(item.name, tx, y + pad + 27, { width: tw, lineBreak: false, ellipsis: true });
      }
      if (item.holder) {
        doc.fillColor('#444444').fontSize(6.5).text(item.holder, tx, y + pad + 40, { width: tw, height: 20, ellipsis: true });
      }
    });
    if (items.length === 0) {
      doc.font('Helvetica').fontSize(11).text('Keine Inventargegenstände ausgewählt.', 56, 56);
    }
  });
}
