import i18n from '../../app/i18n';
import de from '../../i18n/tickets.de.json';
import en from '../../i18n/tickets.en.json';

/** Texts of the service desk (own namespace). */
export const NS = 'tickets';
if (!i18n.hasResourceBundle('de', NS)) {
  i18n.addResourceBundle('de', NS, de);
  i18n.addResourceBundle('en', NS, en);
}
