/**
 * Fixed shares of a cost pool as the editor shows them: percent with up to 4 decimals (German
 * comma) in the form, whole millionths of the pool in the API (10,000 = 1 %). Pure and exact:
 * strings and integers, never a float.
 */
export const WHOLE = 1_000_000;

/** "12,5" / "12.5" / "0,0001" → millionths; null when not a percentage with ≤ 4 decimals in 0…100. */
export function parsePercent(input: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,4}))?$/.exec(input.trim().replace(/\s*%$/, ''));
  if (!m) {
    return null;
  }
  const value = Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
  return value <= WHOLE ? value : null;
}

/** Millionths → "12,5" (no trailing zeros). */
export function formatPercent(millionths: number): string {
  const whole = Math.floor(millionths / 10_000);
  const frac = String(millionths % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac ? `${whole},${frac}` : String(whole);
}

/** Equal shares that add up to exactly 100 %: the remainder goes one millionth each to the first. */
export function equalShares(orgIds: readonly string[]): Record<string, number> {
  if (orgIds.length === 0) {
    return {};
  }
  const base = Math.floor(WHOLE / orgIds.length);
  const rest = WHOLE - base * orgIds.length;
  return Object.fromEntries(orgIds.map((id, i) => [id, base + (i < rest ? 1 : 0)]));
}

/**
 * The shares to send, from the form's percent texts (empty = no share). Errors name the members
 * whose text is not a percentage; `total` is what the valid ones add up to, in millionths.
 */
export function sharesFromForm(texts: Record<string, string>): { shares: Record<string, number>; invalid: string[]; total: number } {
  const shares: Record<string, number> = {};
  const invalid: string[] = [];
  let total = 0;
  for (const [orgId, text] of Object.entries(texts)) {
    if (text.trim() === '') {
      continue;
    }
    const v = parsePercent(text);
    if (v === null) {
      invalid.push(orgId);
    } else if (v > 0) {
      shares[orgId] = v;
      total += v;
    }
  }
  return { shares, invalid, total };
}

/** A real calendar date as YYYY-MM-DD (the reference date of a population or workstation key). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) {
    return false;
  }
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
