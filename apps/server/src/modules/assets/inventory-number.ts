/**
 * Inventory numbers from a provider's pattern: `{YYYY}` (year), `{YY}`, `{seq}` or `{seq:N}`
 * (sequence, zero-padded to N digits), everything else literal — `INV-{YYYY}-{seq:6}` gives
 * `INV-2026-000042`. The sequence runs per provider and year.
 */
export const DEFAULT_PATTERN = 'INV-{YYYY}-{seq:6}';

export function formatInventoryNumber(pattern: string, year: number, seq: number): string {
  return pattern
    .replace(/\{YYYY\}/g, String(year))
    .replace(/\{YY\}/g, String(year % 100).padStart(2, '0'))
    .replace(/\{seq(?::(\d))?\}/g, (_m, n: string | undefined) => String(seq).padStart(n ? Number(n) : 1, '0'));
}
