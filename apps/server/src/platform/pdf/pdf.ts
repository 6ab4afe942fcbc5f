import PDFDocument from 'pdfkit';

/**
 * One way to produce PDF documents (invoices, labels, reports, proof of use): pdfkit with the
 * standard Helvetica fonts. Their WinAnsi encoding covers German umlauts, ß and the euro sign, so
 * no font files ship with the product. Metadata and the creation date are fixed by the caller so
 * that the same input gives the same bytes (tests and hashes of issued documents rely on that).
 */
export type Pdf = PDFKit.PDFDocument;

export interface PdfOptions {
  title: string;
  author?: string;
  /** The document's date (defaults to now); also used as creation date in the metadata. */
  date?: Date;
  size?: 'A4' | [number, number];
  margin?: number;
  landscape?: boolean;
}

/** Render a document: `draw` lays out the pages; the promise resolves with the finished bytes. */
export function renderPdf(options: PdfOptions, draw: (doc: Pdf) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margin: options.margin ?? 56,
    bufferPages: true,
    info: {
      Title: options.title,
      Author: options.author ?? 'Verbund',
      Creator: 'Verbund',
      Producer: 'Verbund',
      CreationDate: options.date ?? new Date(),
    },
    lang: 'de-DE',
  });
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      doc.font('Helvetica');
      draw(doc);
      addPageNumbers(doc);
      doc.end();
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

/** "Seite 1 von 3" in the footer of every page (pages are buffered until the end). */
function addPageNumbers(doc: Pdf): void {
  const range = doc.bufferedPageRange();
  if (range.count < 2) {
    return;
  }
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(`Seite ${i - range.start + 1} von ${range.count}`, doc.page.margins.left, doc.page.height - 30, {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/** Euro amount from integer cents in German notation, e.g. 123456 → "1.234,56 €". */
export function formatEuroCents(cents: bigint | number): string {
  const v = BigInt(cents);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const euros = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '−' : ''}${euros},${rest} €`;
}
