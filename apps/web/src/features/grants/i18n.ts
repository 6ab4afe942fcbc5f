import i18n from '../../app/i18n';
import de from '../../i18n/grants.de.json';
import en from '../../i18n/grants.en.json';

/** Texts of grants and the savings report (own namespace). */
export const NS = 'grants';
if (!i18n.hasResourceBundle('de', NS)) {
  i18n.addResourceBundle('de', NS, de);
  i18n.addResourceBundle('en', NS, en);
}
