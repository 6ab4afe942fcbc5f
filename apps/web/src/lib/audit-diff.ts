export interface Change {
  field: string;
  before: string;
  after: string;
}

/** Fields never worth showing in a change list: bookkeeping the server sets itself. */
const HIDDEN = new Set(['id', 'createdAt', 'updatedAt', 'providerId', 'passwordHash']);

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') {
    return '–';
  }
  if (typeof v === 'object') {
    return JSON.stringify(v);
  }
  return String(v);
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * What an audit event changed, field by field: for a creation every set field, for a deletion
 * every field that was there, for an update only those that differ.
 */
export function auditChanges(before: unknown, after: unknown): Change[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !HIDDEN.has(k));
  const out: Change[] = [];
  for (const k of keys) {
    const from = show(b[k]);
    const to = show(a[k]);
    if (from !== to) {
      out.push({ field: k, before: from, after: to });
    }
  }
  return out;
}
