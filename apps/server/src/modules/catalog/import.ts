/**
 * Bulk edit of subscriptions from a CSV or XLSX file: reading the sheet into rows of text, and the
 * pure per-row validation against the provider's members and services. Applying is the service's
 * job (all or nothing).
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { normalise4, parse4 } from './money.js';
import { overlaps, quantityOn, segmentsOf, type QuantityChange } from './segments.js';

export class ImportFileError extends Error {}

/** Column names understood (lower case, German or English); the first match wins. */
export const COLUMNS = {
  memberId: ['member_id', 'mitglied_id'],
  ags: ['ags', 'gemeindeschluessel', 'gemeindeschlüssel'],
  memberName: ['member', 'mitglied', 'name'],
  serviceCode: ['service_code', 'service', 'leistung', 'leistungscode', 'code'],
  quantity: ['quantity', 'menge', 'anzahl'],
  validFrom: ['valid_from', 'gueltig_ab', 'gültig_ab', 'ab'],
  validTo: ['valid_to', 'gueltig_bis', 'gültig_bis', 'bis'],
} as const;

export type RawRow = Record<string, string>;

const MAX_ROWS = 20_000;

/** Reads a CSV (`;` or `,`, UTF-8 with or without BOM) or the first sheet of an XLSX into rows. */
export async function readSheet(filename: string, content: Buffer): Promise<RawRow[]> {
  const isXlsx = /\.xlsx$/i.test(filename) || content.subarray(0, 2).toString('latin1') === 'PK';
  const rows = isXlsx ? await readXlsx(content) : readCsv(content);
  if (rows.length > MAX_ROWS) {
    throw new ImportFileError(`Zu viele Zeilen (${rows.length}); höchstens ${MAX_ROWS}.`);
  }
  return rows;
}

function normHeader(h: string): string {
  return h.trim().toLowerCase().replace(/\s+/g, '_');
}

function readCsv(content: Buffer): RawRow[] {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return parse(text, {
      columns: (header: string[]) => header.map(normHeader),
      delimiter,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as RawRow[];
  } catch (e) {
    throw new ImportFileError(`Die CSV-Datei ist nicht lesbar: ${(e as Error).message}`);
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) {
    return '';
  }
  if (v instanceof Date) {
    return v.toISOString().slice(0, 10);
  }
  if (typeof v === 'object') {
    if ('result' in v) {
      return cellText(v.result as ExcelJS.CellValue);
    }
    if ('richText' in v) {
      return v.richText.map((r) => r.text).join('');
    }
    if ('text' in v) {
      return String(v.text);
    }
    return '';
  }
  return String(v).trim();
}

async function readXlsx(content: Buffer): Promise<RawRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch (e) {
    throw new ImportFileError(`Die XLSX-Datei ist nicht lesbar: ${(e as Error).message}`);
  }
  const ws = wb.worksheets[0];
  if (!ws) {
    throw new ImportFileError('Die XLSX-Datei hat kein Tabellenblatt.');
  }
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col] = normHeader(cellText(cell.value));
  });
  const rows: RawRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const out: RawRow = {};
    let any = false;
    headers.forEach((h, col) => {
      if (h) {
        const t = cellText(row.getCell(col).value);
        out[h] = t;
        any ||= t !== '';
      }
    });
    if (any) {
      rows.push(out);
    }
  }
  return rows;
}

function pick(row: RawRow, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = row[n];
    if (v !== undefined && v.trim() !== '') {
      return v.trim();
    }
  }
  return undefined;
}

/** `2025-01-01`, `01.01.2025` or `1.1.2025` → ISO; undefined if not a real date. */
export function parseDate(s: string): string | undefined {
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (iso) {
    [y, m, d] = [+iso[1]!, +iso[2]!, +iso[3]!];
  } else if (de) {
    [y, m, d] = [+de[3]!, +de[2]!, +de[1]!];
  } else {
    return undefined;
  }
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    return undefined;
  }
  return dt.toISOString().slice(0, 10);
}

/** German decimal (`1.234,5`) or plain (`1234.5`) → canonical 4-digit string. */
export function parseQuantity(s: string): string | undefined {
  const t = s.replace(/\s/g, '');
  const plain = t.includes(',') ? t.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.') : t;
  const n = normalise4(plain);
  return n !== undefined && parse4(n)! >= 0n ? n : undefined;
}

export interface MemberRef {
  id: string;
  name: string;
  ags: string | null;
}
export interface ServiceRef {
  id: string;
  code: string;
  status: 'active' | 'retired';
}

export interface Lookups {
  membersById: ReadonlyMap<string, MemberRef>;
  membersByAgs: ReadonlyMap<string, MemberRef[]>;
  membersByName: ReadonlyMap<string, MemberRef[]>;
  servicesByCode: ReadonlyMap<string, ServiceRef>;
}

export function lookupsOf(members: readonly MemberRef[], services: readonly ServiceRef[]): Lookups {
  const byAgs = new Map<string, MemberRef[]>();
  const byName = new Map<string, MemberRef[]>();
  for (const m of members) {
    if (m.ags) {
      byAgs.set(m.ags, [...(byAgs.get(m.ags) ?? []), m]);
    }
    const key = m.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), m]);
  }
  return {
    membersById: new Map(members.map((m) => [m.id, m])),
    membersByAgs: byAgs,
    membersByName: byName,
    servicesByCode: new Map(services.map((s) => [s.code.toLowerCase(), s])),
  };
}

export interface ValidRow {
  member: MemberRef;
  service: ServiceRef;
  quantity: string;
  validFrom: string;
  validTo: string | null;
}

export type RowCheck = { ok: true; value: ValidRow } | { ok: false; errors: { column: string; message: string }[]; partial: Partial<ValidRow> };

/** Validates one row; every problem of the row is reported, not only the first. */
export function validateRow(row: RawRow, l: Lookups): RowCheck {
  const errors: { column: string; message: string }[] = [];
  const partial: Partial<ValidRow> = {};

  const id = pick(row, COLUMNS.memberId);
  const ags = pick(row, COLUMNS.ags);
  const name = pick(row, COLUMNS.memberName);
  let member: MemberRef | undefined;
  if (id) {
    member = l.membersById.get(id.toLowerCase());
    if (!member) {
      errors.push({ column: 'member_id', message: 'kein Mitglied dieses Anbieters mit dieser ID' });
    }
  } else if (ags) {
    const hits = l.membersByAgs.get(ags.padStart(8, '0')) ?? [];
    if (hits.length === 1) {
      member = hits[0];
    } else {
      errors.push({ column: 'ags', message: hits.length === 0 ? 'kein Mitglied mit diesem AGS' : 'mehrere Mitglieder mit diesem AGS; bitte member_id angeben' });
    }
  } else if (name) {
    const hits = l.membersByName.get(name.toLowerCase()) ?? [];
    if (hits.length === 1) {
      member = hits[0];
    } else {
      errors.push({ column: 'mitglied', message: hits.length === 0 ? 'kein Mitglied mit diesem Namen' : 'Name mehrdeutig; bitte AGS oder member_id angeben' });
    }
  } else {
    errors.push({ column: 'mitglied', message: 'Mitglied fehlt (Spalte member_id, ags oder mitglied)' });
  }
  if (member) {
    partial.member = member;
  }

  const code = pick(row, COLUMNS.serviceCode);
  if (!code) {
    errors.push({ column: 'leistung', message: 'Leistungscode fehlt' });
  } else {
    const service = l.servicesByCode.get(code.toLowerCase());
    if (!service) {
      errors.push({ column: 'leistung', message: `keine Leistung mit dem Code ${code}` });
    } else {
      partial.service = service;
    }
  }

  const q = pick(row, COLUMNS.quantity);
  const quantity = q === undefined ? undefined : parseQuantity(q);
  if (q === undefined) {
    errors.push({ column: 'menge', message: 'Menge fehlt' });
  } else if (quantity === undefined) {
    errors.push({ column: 'menge', message: `„${q}“ ist keine Menge ≥ 0 mit höchstens 4 Nachkommastellen` });
  } else {
    partial.quantity = quantity;
  }

  const from = pick(row, COLUMNS.validFrom);
  const validFrom = from === undefined ? undefined : parseDate(from);
  if (from === undefined) {
    errors.push({ column: 'gueltig_ab', message: 'Datum fehlt' });
  } else if (!validFrom) {
    errors.push({ column: 'gueltig_ab', message: `„${from}“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)` });
  } else {
    partial.validFrom = validFrom;
  }

  const to = pick(row, COLUMNS.validTo);
  let validTo: string | null = null;
  if (to !== undefined) {
    const parsed = parseDate(to);
    if (!parsed) {
      errors.push({ column: 'gueltig_bis', message: `„${to}“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)` });
    } else if (validFrom && parsed < validFrom) {
      errors.push({ column: 'gueltig_bis', message: 'liegt vor gültig_ab' });
    } else {
      validTo = parsed;
    }
  }
  partial.validTo = validTo;

  if (errors.length > 0 || !member || !partial.service || !quantity || !validFrom) {
    return { ok: false, errors, partial };
  }
  return { ok: true, value: { member, service: partial.service, quantity, validFrom, validTo } };
}

export interface ExistingSubscription {
  id: string;
  validFrom: string;
  validTo: string | null;
  changes: readonly QuantityChange[];
}

export type Plan =
  | { action: 'create' }
  | { action: 'change' | 'unchanged'; subscriptionId: string; quantityBefore: string | null; setValidTo: boolean }
  | { action: 'error'; column: string; message: string };

/**
 * What a valid row does to the member's subscriptions of that service: a quantity change from
 * `validFrom` on the subscription running that day (and its end when the row gives one), or a new
 * subscription when none runs then. A new or extended range must not overlap another subscription.
 */
export function planRow(row: ValidRow, existing: readonly ExistingSubscription[]): Plan {
  const covering = existing.find((s) => s.validFrom <= row.validFrom && (s.validTo === null || s.validTo >= row.validFrom));
  if (covering) {
    const setValidTo = row.validTo !== null && row.validTo !== covering.validTo;
    if (setValidTo) {
      const clash = existing.find((s) => s.id !== covering.id && overlaps({ validFrom: covering.validFrom, validTo: row.validTo }, s));
      if (clash) {
        return { action: 'error', column: 'gueltig_bis', message: `überschneidet sich mit dem Abonnement ab ${clash.validFrom}` };
      }
    }
    const before = quantityOn(segmentsOf(covering, covering.changes), row.validFrom) ?? null;
    return { action: before === row.quantity && !setValidTo ? 'unchanged' : 'change', subscriptionId: covering.id, quantityBefore: before, setValidTo };
  }
  if (row.service.status === 'retired') {
    return { action: 'error', column: 'leistung', message: `die Leistung ${row.service.code} ist eingestellt; neue Abonnements sind nicht möglich` };
  }
  const clash = existing.find((s) => overlaps({ validFrom: row.validFrom, validTo: row.validTo }, s));
  if (clash) {
    return { action: 'error', column: 'gueltig_ab', message: `überschneidet sich mit dem Abonnement ab ${clash.validFrom}; gültig_bis angeben` };
  }
  return { action: 'create' };
}
