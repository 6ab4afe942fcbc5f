import i18n from '../../app/i18n';
import de from '../../i18n/billing.de.json';
import en from '../../i18n/billing.en.json';

/** Texts of cost plans, billing runs and invoices (own namespace). */
export const NS = 'billing';
if (!i18n.hasResourceBundle('de', NS)) {
  i18n.addResourceBundle('de', NS, de);
  i18n.addResourceBundle('en', NS, en);
}
