/** Times are stored in UTC and shown in Europe/Berlin (DESIGN.md § 6), whatever the browser's zone. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) {
    return '–';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return '–';
  }
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(d);
}
