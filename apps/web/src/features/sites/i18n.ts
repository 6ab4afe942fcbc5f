import i18n from '../../app/i18n';
import de from '../../i18n/sites.de.json';
import en from '../../i18n/sites.en.json';

/** Texts of sites, data centres and the failover view (own namespace). */
export const NS = 'sites';
if (!i18n.hasResourceBundle('de', NS)) {
  i18n.addResourceBundle('de', NS, de);
  i18n.addResourceBundle('en', NS, en);
}
