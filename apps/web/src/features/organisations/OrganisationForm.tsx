import { OrganisationType } from '@verbund/shared';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField, SubmitButton, TextField, type Option } from '../../components/fields';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { useFocusFirstError } from '../../components/use-focus-error';
import { ORG_FORM_FIELDS, type OrgFormValues } from './org-form';

type TextKey = Exclude<keyof OrgFormValues, 'type'>;

/** Create and edit share one form; the parent choice is passed in for create only. */
export function OrganisationForm({
  initial,
  parent,
  submitLabel,
  busy,
  error,
  onSubmit,
  cancel,
}: {
  initial: OrgFormValues;
  parent?: ReactNode;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: OrgFormValues) => void;
  cancel: ReactNode;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState<OrgFormValues>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const set = (k: keyof OrgFormValues) => (value: string) => setV((old) => ({ ...old, [k]: value }));

  const problem = error instanceof ApiProblem ? error : null;
  const { byField, other } = splitFieldErrors(problem, ORG_FORM_FIELDS);
  const errors = { ...byField, ...local };
  const formRef = useFocusFirstError<HTMLFormElement>(Object.keys(byField).length > 0 ? error : attempt);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Only what the server cannot tell better: the two required fields.
    const missing: Record<string, string> = {};
    if (!v.type) {
      missing.type = t('form.required');
    }
    if (!v.name.trim()) {
      missing.name = t('form.required');
    }
    setLocal(missing);
    if (Object.keys(missing).length === 0) {
      onSubmit(v);
    } else {
      setAttempt((n) => n + 1);
    }
  };

  const typeOptions: Option[] = [
    { value: '', label: t('form.choose') },
    ...OrganisationType.options.map((o) => ({ value: o, label: t(`orgType.${o}`) })),
  ];
  const text = (k: TextKey, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField name={k} label={t(`org.${k}`)} value={v[k]} onChange={set(k)} error={errors[k]} {...extra} />
  );

  return (
    <form ref={formRef} className="kern-stack-lg form-narrow" onSubmit={submit} noValidate>
      {error ? <ProblemAlert error={error} fieldErrors={other} /> : null}
      <fieldset className="kern-fieldset">
        <legend className="kern-label kern-label--large">{t('org.sectionBasics')}</legend>
        <div className="kern-fieldset__body kern-stack-md">
          {parent}
          <SelectField
            name="type"
            label={t('org.type')}
            required
            value={v.type}
            onChange={set('type')}
            options={typeOptions}
            error={errors.type}
          />
          {text('name', { required: true, autoComplete: 'organization' })}
          {text('shortName')}
          {text('ags', { hint: t('org.agsHint'), inputMode: 'numeric' })}
          {text('ars', { hint: t('org.arsHint'), inputMode: 'numeric' })}
        </div>
      </fieldset>
      <fieldset className="kern-fieldset">
        <legend className="kern-label kern-label--large">{t('org.sectionContact')}</legend>
        <div className="kern-fieldset__body kern-stack-md">
          {text('street', { autoComplete: 'street-address' })}
          {text('postalCode', { autoComplete: 'postal-code', inputMode: 'numeric' })}
          {text('city', { autoComplete: 'address-level2' })}
          {text('email', { type: 'email', autoComplete: 'email' })}
          {text('phone', { type: 'tel', autoComplete: 'tel' })}
          {text('website', { type: 'url', autoComplete: 'url', hint: t('org.websiteHint') })}
        </div>
      </fieldset>
      <div className="kern-flex kern-flex-wrap kern-gap-md">
        <SubmitButton busy={busy}>{submitLabel}</SubmitButton>
        {cancel}
      </div>
    </form>
  );
}
