/**
 * Money of grants travels as decimal strings ("1234.50"); these helpers format and parse them
 * without ever turning an amount into a float.
 */

/** "1234567.5" → "1.234.567,50 €"; "-3" → "−3,00 €". */
export function euroText(decimal: string | null | undefined): string {
  if (decimal === null || decimal === undefined || decimal === '') {
    return '—';
  }
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!m) {
    return decimal;
  }
  const euros = m[2]!.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const cents = (m[3] ?? '').padEnd(2, '0').slice(0, 2);
  return `${m[1] ? '−' : ''}${euros},${cents} €`;
}

/** German or plain input ("1.234,56", "1234,5", "1234.56", "1234") → "1234.56"; null when not an amount. */
export function toDecimal(text: string): string | null {
  const s = text.trim().replace(/\s|€/g, '');
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s) ?? /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) {
    return null;
  }
  const euros = m[1]!.replace(/\./g, '').replace(/^0+(?=\d)/, '');
  return `${euros}.${(m[2] ?? '').padEnd(2, '0')}`;
}

/** Percent string "72.44" → "72,44 %". */
export function percentText(p: string | null | undefined): string {
  return p ? `${p.replace('.', ',')} %` : '—';
}

export function dateDe(iso: string | null | undefined): string {
  return iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '—';
}
