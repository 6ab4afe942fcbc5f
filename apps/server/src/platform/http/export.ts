import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * A text that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+49…`, `@SUM…`) gets a
 * leading apostrophe, so names typed by users cannot execute on the reader's machine (OWASP
 * "CSV injection"). Numbers stay numbers.
 */
function csvCell(v: string | number | boolean | null | undefined) {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : (v ?? '');
}

/**
 * Sends rows as CSV for spreadsheet users: UTF-8 with BOM and semicolons, which is what German
 * Excel opens without an import dialog.
 */
export function sendCsv<T>(reply: FastifyReply, filename: string, columns: ExportColumn<T>[], rows: T[]) {
  const body =
    '\uFEFF' +
    stringify([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => csvCell(c.value(r))))], {
      delimiter: ';',
      record_delimiter: '\r\n',
    });
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}

/** `?format=csv` or `Accept: text/csv`. */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  return format === 'csv' || (format === undefined && (accept ?? '').startsWith('text/csv'));
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends rows as an Excel workbook (one sheet, bold frozen header row, filter on, widths fitted). */
export async function sendXlsx<T>(reply: FastifyReply, filename: string, columns: ExportColumn<T>[], rows: T[], sheetName = 'Export') {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Verbund';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.header }));
  for (const r of rows) {
    ws.addRow(columns.map((c) => c.value(r) ?? null));
  }
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.columns.forEach((col, i) => {
    const longest = Math.max(columns[i]!.header.length, ...rows.slice(0, 500).map((r) => String(columns[i]!.value(r) ?? '').length));
    col.width = Math.min(60, Math.max(8, longest + 2));
  });
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${filename}"`).send(body);
}

/** `?format=csv|xlsx`, or the `Accept` header; else JSON. */
export function exportFormat(format: string | undefined, accept: string | undefined): 'csv' | 'xlsx' | 'json' {
  if (format === 'csv' || format === 'xlsx' || format === 'json') {
    return format;
  }
  const a = accept ?? '';
  return a.startsWith('text/csv') ? 'csv' : a.startsWith(XLSX_TYPE) ? 'xlsx' : 'json';
}
