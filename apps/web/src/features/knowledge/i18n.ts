import i18n from '../../app/i18n';
import de from '../../i18n/knowledge.de.json';
import en from '../../i18n/knowledge.en.json';

/** Texts of the knowledge base, the mail pages and the service desk dashboard (own namespace). */
export const NS = 'knowledge';
if (!i18n.hasResourceBundle('de', NS)) {
  i18n.addResourceBundle('de', NS, de);
  i18n.addResourceBundle('en', NS, en);
}
