import i18n from '../../app/i18n';
import de from '../../i18n/members.de.json';
import en from '../../i18n/members.en.json';

/**
 * Texts of members, agreements and the directory live in their own namespace and files, so this
 * area grows without touching the shared de.json/en.json. Imported once by each entry component.
 */
export const NS = 'members';
if (!i18n.hasResourceBundle('de', NS)) {
  i18n.addResourceBundle('de', NS, de);
  i18n.addResourceBundle('en', NS, en);
}
