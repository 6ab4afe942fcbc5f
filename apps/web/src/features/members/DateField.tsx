import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** A native date input on KERN classes (the shared TextField has no date type). */
export function DateField({
  label,
  name,
  value,
  onChange,
  error,
  required,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
        {required ? null : <span className="kern-label__optional"> – {t('common.optional')}</span>}
      </label>
      <input
        id={id}
        name={name}
        type="date"
        className={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <p className="kern-error" id={errorId}>
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
    </div>
  );
}

/** Today as YYYY-MM-DD in Europe/Berlin. */
export function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
}

/** A calendar date (YYYY-MM-DD) in the UI language, without time-zone shifts. */
export function formatDate(date: string | null | undefined, language: string): string {
  if (!date) {
    return '–';
  }
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) {
    return date;
  }
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function formatNumber(n: number | null | undefined, language: string): string {
  return n === null || n === undefined ? '–' : new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'de-DE').format(n);
}

/** Blank text fields go to the server as null. */
export const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());
