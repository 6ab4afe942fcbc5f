import i18n from '../../app/i18n';
import de from '../../i18n/backups.de.json';
import en from '../../i18n/backups.en.json';

/** Texts of backup jobs, runs, RPO, restore tests and the evidence report (own namespace). */
export const NS = 'backups';
if (!i18n.hasResourceBundle('de', NS)) {
  i18n.addResourceBundle('de', NS, de);
  i18n.addResourceBundle('en', NS, en);
}
