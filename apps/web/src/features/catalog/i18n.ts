import i18n from '../../app/i18n';
import de from '../../i18n/catalog.de.json';
import en from '../../i18n/catalog.en.json';

/** Texts of the service catalogue, price lists and subscriptions (own namespace). */
export const NS = 'catalog';
if (!i18n.hasResourceBundle('de', NS)) {
  i18n.addResourceBundle('de', NS, de);
  i18n.addResourceBundle('en', NS, en);
}
