export { renderPdf, formatEuroCents, type Pdf, type PdfOptions } from './pdf.js';
