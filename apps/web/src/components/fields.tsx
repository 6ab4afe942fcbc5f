import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Base {
  label: string;
  /** Server or client message for this field; shown beside it and linked for screen readers. */
  error?: string;
  hint?: string;
  required?: boolean;
  /** Filters are never required, and saying "optional" there is noise. */
  plain?: boolean;
}

function ErrorText({ id, text }: { id: string; text: string }) {
  return (
    <p className="kern-error" id={id}>
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span className="kern-body">{text}</span>
    </p>
  );
}

function Label({
  htmlFor,
  label,
  required,
  plain,
}: {
  htmlFor: string;
  label: string;
  required?: boolean;
  plain?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <label className="kern-label" htmlFor={htmlFor}>
      {label}
      {required || plain ? null : <span className="kern-label__optional"> – {t('common.optional')}</span>}
    </label>
  );
}

function describedBy(hintId: string | null, errorId: string | null): string | undefined {
  return [hintId, errorId].filter(Boolean).join(' ') || undefined;
}

export function TextField({
  label,
  error,
  hint,
  required,
  plain,
  name,
  value,
  onChange,
  type = 'text',
  autoComplete,
  inputMode,
}: Base & {
  name: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'url' | 'tel' | 'search';
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel' | 'url';
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label htmlFor={id} label={label} required={required} plain={plain} />
      {hint ? (
        <div className="kern-hint" id={hintId!}>
          {hint}
        </div>
      ) : null}
      <input
        id={id}
        name={name}
        className={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        type={type}
        value={value}
        required={required}
        autoComplete={autoComplete}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? <ErrorText id={errorId!} text={error} /> : null}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  error,
  hint,
  required,
  plain,
  name,
  value,
  onChange,
  options,
}: Base & { name: string; value: string; onChange: (value: string) => void; options: Option[] }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label htmlFor={id} label={label} required={required} plain={plain} />
      {hint ? (
        <div className="kern-hint" id={hintId!}>
          {hint}
        </div>
      ) : null}
      <div className="kern-form-input__select-wrapper">
        <select
          id={id}
          name={name}
          className={`kern-form-input__select${error ? ' kern-form-input__select--error' : ''}`}
          value={value}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hintId, errorId)}
          onChange={(e) => onChange(e.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {error ? <ErrorText id={errorId!} text={error} /> : null}
    </div>
  );
}

export function CheckboxField({
  label,
  name,
  checked,
  onChange,
  hint,
}: {
  label: string;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="kern-form-check">
      <input
        id={id}
        name={name}
        className="kern-form-check__checkbox"
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

export function SubmitButton({ busy, children }: { busy?: boolean; children: ReactNode }) {
  return (
    <button type="submit" className="kern-btn kern-btn--primary" disabled={busy} aria-busy={busy || undefined}>
      <span className="kern-label">{children}</span>
    </button>
  );
}
