/** Integer cents as German euro text, e.g. 123456 → "1.234,56 €" (no float arithmetic). */
export function euro(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(Math.trunc(cents));
  const euros = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const rest = String(abs % 100).padStart(2, '0');
  return `${neg ? '−' : ''}${euros},${rest} €`;
}

/** "1.234,56" or "1234.56" or "1234" → cents; null when it is not an amount with at most 2 decimals. */
export function parseEuro(text: string): number | null {
  const s = text.trim().replace(/\s|€/g, '');
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s) ?? /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) {
    return null;
  }
  const euros = Number(m[1]!.replace(/\./g, ''));
  const cents = Number((m[2] ?? '').padEnd(2, '0'));
  const v = euros * 100 + cents;
  return Number.isSafeInteger(v) ? v : null;
}

/** Cents as an editable German amount without the euro sign: 123456 → "1234,56". */
export function euroInput(cents: number): string {
  return `${Math.trunc(cents / 100)},${String(Math.abs(cents % 100)).padStart(2, '0')}`;
}

export function dateDe(iso: string | null | undefined): string {
  return iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '—';
}
