import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES } from './i18n';

/**
 * Offers the other language, named in that language and marked with its lang (WCAG 3.1.2). No
 * hidden prefix: KERN styles a button holding .kern-sr-only as icon-only.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.language === 'en' ? 'en' : 'de';
  const other = LANGUAGES.find((l) => l !== current) ?? 'de';
  return (
    <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => chooseLanguage(other)}>
      <span className="kern-icon kern-icon--language" aria-hidden="true" />
      <span className="kern-label" lang={other}>
        {t(`languages.${other}`, { lng: other })}
      </span>
    </button>
  );
}
