import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { CheckboxField, SelectField, SubmitButton, TextField } from '../../components/fields';
import { useFocusFirstError } from '../../components/use-focus-error';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { DateField, orNull } from '../members/DateField';
import { NS } from '../members/i18n';
import type { Agreement } from '../members/types';
import { useUpdateAgreement } from './agreements.api';

const KEYS = ['population', 'workstations', 'usage', 'flat'] as const;
const FIELDS = ['reference', 'termStart', 'termEnd', 'minimumTermYears', 'noticeMonths', 'allocationKey'] as const;

/** Terms of an agreement: reference, term, minimum term, notice period and allocation key. */
export function AgreementTermForm({ agreement, onDone }: { agreement: Agreement; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const update = useUpdateAgreement(agreement.id);
  const [v, setV] = useState({
    reference: agreement.reference ?? '',
    termStart: agreement.termStart ?? '',
    termEnd: agreement.termEnd ?? '',
    minimumTermYears: agreement.minimumTermYears === null ? '' : String(agreement.minimumTermYears),
    noticeMonths: String(agreement.noticeMonths),
    noticeToYearEnd: agreement.noticeToYearEnd,
    allocationKey: agreement.allocationKey ?? '',
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const ref = useFocusFirstError<HTMLFormElement>(attempt);
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const { byField, other } = splitFieldErrors(problem, FIELDS);
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const whole = (s: string) => (s.trim() === '' ? null : Number.isInteger(Number(s)) && Number(s) >= 0 ? Number(s) : NaN);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const minimumTermYears = whole(v.minimumTermYears);
    const noticeMonths = whole(v.noticeMonths);
    const errors: Record<string, string> = {};
    if (Number.isNaN(minimumTermYears)) {
      errors.minimumTermYears = t('terms.wholeNumber');
    }
    if (noticeMonths === null || Number.isNaN(noticeMonths)) {
      errors.noticeMonths = t('terms.wholeNumber');
    }
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      setAttempt((a) => a + 1);
      return;
    }
    update.mutate(
      {
        reference: orNull(v.reference),
        termStart: v.termStart || null,
        termEnd: v.termEnd || null,
        minimumTermYears,
        noticeMonths: noticeMonths ?? 0,
        noticeToYearEnd: v.noticeToYearEnd,
        allocationKey: v.allocationKey === '' ? null : (v.allocationKey as (typeof KEYS)[number]),
      },
      { onSuccess: onDone, onError: () => setAttempt((a) => a + 1) },
    );
  };
  const err = (k: string) => local[k] ?? byField[k];
  return (
    <form ref={ref} className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="terms-form-h">
      <h3 className="kern-heading-small" id="terms-form-h">
        {t('terms.edit')}
      </h3>
      {update.error ? <ProblemAlert error={update.error} fieldErrors={other} /> : null}
      <TextField name="reference" label={t('agreements.reference')} value={v.reference} error={err('reference')} onChange={set('reference')} />
      <DateField name="termStart" label={t('agreements.termStart')} value={v.termStart} error={err('termStart')} onChange={set('termStart')} />
      <DateField name="termEnd" label={t('agreements.termEnd')} value={v.termEnd} error={err('termEnd')} onChange={set('termEnd')} />
      <TextField
        name="minimumTermYears"
        label={t('terms.minimumTermYears')}
        inputMode="numeric"
        value={v.minimumTermYears}
        error={err('minimumTermYears')}
        onChange={set('minimumTermYears')}
      />
      <TextField
        name="noticeMonths"
        label={t('terms.noticeMonths')}
        inputMode="numeric"
        required
        value={v.noticeMonths}
        error={err('noticeMonths')}
        onChange={set('noticeMonths')}
      />
      <CheckboxField
        name="noticeToYearEnd"
        label={t('terms.noticeToYearEnd')}
        checked={v.noticeToYearEnd}
        onChange={(c) => setV((s) => ({ ...s, noticeToYearEnd: c }))}
      />
      <SelectField
        name="allocationKey"
        label={t('agreements.allocationKey')}
        value={v.allocationKey}
        error={err('allocationKey')}
        onChange={set('allocationKey')}
        options={[{ value: '', label: t('terms.noKey') }, ...KEYS.map((k) => ({ value: k, label: t(`allocationKey.${k}`) }))]}
      />
      <div className="kern-flex kern-gap-sm">
        <SubmitButton busy={update.isPending}>{t('save')}</SubmitButton>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onDone}>
          <span className="kern-label">{t('cancel')}</span>
        </button>
      </div>
    </form>
  );
}
