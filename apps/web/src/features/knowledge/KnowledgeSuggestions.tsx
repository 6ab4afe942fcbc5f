import { Link } from '@tanstack/react-router';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSuggestions } from './knowledge.api';
import { NS } from './i18n';

/** The text settles for this long before it is searched, so typing does not send a request per key. */
const DEBOUNCE_MS = 400;

/**
 * Articles that may answer what a member is typing in the new-ticket form. Shown below the
 * description; announced politely to screen readers when the list changes. Links open in a new tab
 * so the half-written ticket stays.
 */
export function KnowledgeSuggestions({ text }: { text: string }) {
  const { t } = useTranslation(NS);
  const id = useId();
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const query = useSuggestions(settled);
  const items = settled.trim().length >= 3 ? (query.data?.items ?? []) : [];
  return (
    <section aria-labelledby={`${id}-t`} aria-live="polite" className="kern-stack-xs">
      {items.length > 0 ? (
        <>
          <h2 className="kern-heading-small" id={`${id}-t`}>
            {t('suggest.title')}
          </h2>
          <p className="kern-body kern-body--small">{t('suggest.hint')}</p>
          <ul className="kern-list">
            {items.map((s) => (
              <li key={s.id}>
                <Link to="/knowledge/$id" params={{ id: s.id }} className="kern-link" target="_blank" rel="noopener">
                  {s.title}
                </Link>
                <span className="kern-body kern-body--small"> – {s.excerpt}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <span id={`${id}-t`} className="kern-sr-only">
          {t('suggest.title')}
        </span>
      )}
    </section>
  );
}
