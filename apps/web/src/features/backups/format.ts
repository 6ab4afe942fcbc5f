/** Times are stored in UTC and shown in Europe/Berlin. */
export function berlinDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) {
    return '—';
  }
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

export function calendarDate(iso: string, lang: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString(lang === 'en' ? 'en-GB' : 'de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
  });
}

/** Bytes as GB/TB with the locale's decimal sign. */
export function bytes(n: number | null | undefined, lang: string): string {
  if (n === null || n === undefined) {
    return '—';
  }
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 1 })} ${units[i]}`;
}
