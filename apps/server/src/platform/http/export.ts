import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';

export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * Sends rows as CSV for spreadsheet users: UTF-8 with BOM and semicolons, which is what German
 * Excel opens without an import dialog.
 */
export function sendCsv<T>(reply: FastifyReply, filename: string, columns: ExportColumn<T>[], rows: T[]) {
  const body =
    '\uFEFF' +
    stringify([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r) ?? ''))], {
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
