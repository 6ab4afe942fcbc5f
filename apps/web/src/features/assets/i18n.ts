import i18n from '../../app/i18n';
import de from '../../i18n/assets.de.json';
import en from '../../i18n/assets.en.json';

/** Texts of the asset inventory live in their own namespace and files. */
export const NS = 'assets';
if (!i18n.hasResourceBundle('de', NS)) {
  i18n.addResourceBundle('de', NS, de);
  i18n.addResourceBundle('en', NS, en);
}
