import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { DescriptionList } from '../../components/DescriptionList';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SubmitButton, TextField } from '../../components/fields';
import { useFocusFirstError } from '../../components/use-focus-error';
import { Alert } from '../../components/Alert';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { DateField, formatDate, formatNumber, orNull, today } from './DateField';
import { NS } from './i18n';
import {
  useDeleteHistoryValue,
  useHistory,
  useMemberProfile,
  useSetHistoryValue,
  useUpdateProfile,
  type Series,
} from './members.api';
import type { MemberProfile as Profile } from './types';

const PROFILE_FIELDS = ['vatId', 'iban', 'bic', 'bankName', 'accountHolder'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

function ProfileForm({ orgId, profile, onDone }: { orgId: string; profile: Profile; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const update = useUpdateProfile(orgId);
  const [values, setValues] = useState<Record<ProfileField, string>>(() => ({
    vatId: profile.vatId ?? '',
    iban: profile.iban ?? '',
    bic: profile.bic ?? '',
    bankName: profile.bankName ?? '',
    accountHolder: profile.accountHolder ?? '',
  }));
  const [attempt, setAttempt] = useState(0);
  const ref = useFocusFirstError<HTMLFormElement>(attempt);
  const problem = update.error instanceof ApiProblem ? update.error : null;
  const { byField, other } = splitFieldErrors(problem, PROFILE_FIELDS);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body: Partial<Record<ProfileField, string | null>> = {};
    for (const f of PROFILE_FIELDS) {
      const before = profile[f] ?? '';
      if (values[f].trim() !== before) {
        body[f] = orNull(values[f]);
      }
    }
    update.mutate(body, { onSuccess: onDone, onError: () => setAttempt((a) => a + 1) });
  };
  return (
    <form ref={ref} className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate>
      {update.error ? <ProblemAlert error={update.error} fieldErrors={other} /> : null}
      {PROFILE_FIELDS.map((f) => (
        <TextField
          key={f}
          name={f}
          label={t(`profile.${f}`)}
          hint={f === 'vatId' || f === 'iban' ? t(`profile.${f}Hint`) : undefined}
          value={values[f]}
          error={byField[f]}
          onChange={(v) => setValues((s) => ({ ...s, [f]: v }))}
        />
      ))}
      <div className="kern-flex kern-gap-sm">
        <SubmitButton busy={update.isPending}>{t('save')}</SubmitButton>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onDone}>
          <span className="kern-label">{t('cancel')}</span>
        </button>
      </div>
    </form>
  );
}

function History({ orgId, series, canEdit }: { orgId: string; series: Series; canEdit: boolean }) {
  const { t, i18n } = useTranslation(NS);
  const query = useHistory(orgId, series);
  const set = useSetHistoryValue(orgId, series);
  const remove = useDeleteHistoryValue(orgId, series);
  const [date, setDate] = useState(today());
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const problem = set.error instanceof ApiProblem ? set.error : null;
  const { byField, other } = splitFieldErrors(problem, ['value', 'note', 'date']);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 0) {
      setLocalError(t('history.valueInvalid'));
      return;
    }
    setLocalError(undefined);
    set.mutate({ date, value: n, note: orNull(note) }, { onSuccess: () => (setValue(''), setNote('')) });
  };
  const headingId = `${series}-heading`;
  return (
    <section className="kern-stack-md" aria-labelledby={headingId}>
      <h3 className="kern-heading-small" id={headingId}>
        {t(`history.${series}`)}
      </h3>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('history.empty')}</p>
          ) : (
            <DataTable
              caption={t(`history.${series}`)}
              rows={data.items}
              rowKey={(r) => r.referenceDate}
              columns={[
                {
                  key: 'date',
                  header: t('history.date'),
                  rowHeader: true,
                  render: (r) => formatDate(r.referenceDate, i18n.language),
                },
                { key: 'value', header: t('history.value'), numeric: true, render: (r) => formatNumber(r.value, i18n.language) },
                { key: 'source', header: t('history.source'), render: (r) => r.source },
                { key: 'note', header: t('history.note'), render: (r) => r.note ?? '–' },
                ...(canEdit
                  ? [
                      {
                        key: 'actions',
                        header: t('actions'),
                        render: (r: { referenceDate: string }) => (
                          <button
                            type="button"
                            className="kern-btn kern-btn--tertiary"
                            disabled={remove.isPending}
                            onClick={() => remove.mutate(r.referenceDate)}
                          >
                            <span className="kern-label">
                              {t('history.remove', { date: formatDate(r.referenceDate, i18n.language) })}
                            </span>
                          </button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )
        }
      </QueryState>
      <ProblemAlert error={remove.error} />
      {canEdit ? (
        <form className="kern-stack-sm" onSubmit={onSubmit} noValidate aria-label={t(`history.add.${series}`)}>
          {set.error ? <ProblemAlert error={set.error} fieldErrors={other} /> : null}
          <div className="kern-flex kern-flex-wrap kern-align-items-end kern-gap-md">
            <DateField name={`${series}-date`} label={t('history.date')} value={date} onChange={setDate} required />
            <TextField
              name={`${series}-value`}
              label={t(`history.valueOf.${series}`)}
              inputMode="numeric"
              required
              value={value}
              error={localError ?? byField.value}
              onChange={setValue}
            />
            <TextField name={`${series}-note`} label={t('history.note')} value={note} onChange={setNote} error={byField.note} />
            <div>
              <SubmitButton busy={set.isPending}>{t(`history.add.${series}`)}</SubmitButton>
            </div>
          </div>
          {set.isSuccess ? <Alert variant="success" title={t('history.saved')} /> : null}
        </form>
      ) : null}
    </section>
  );
}

/** Stammdaten: tax and bank details, population and workstations over time. */
export function MemberProfile({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation(NS);
  const query = useMemberProfile(orgId);
  const [editing, setEditing] = useState(false);
  return (
    <section className="kern-stack-lg" aria-labelledby="profile-heading">
      <h2 className="kern-heading-medium" id="profile-heading">
        {t('tab.profile')}
      </h2>
      <QueryState query={query}>
        {(p) => (
          <div className="kern-stack-lg">
            <section className="kern-stack-md" aria-labelledby="bank-heading">
              <div className="kern-flex kern-flex-wrap kern-justify-content-between kern-align-items-center kern-gap-md">
                <h3 className="kern-heading-small" id="bank-heading">
                  {t('profile.taxAndBank')}
                </h3>
                {p.abilities.update && !editing ? (
                  <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setEditing(true)}>
                    <span className="kern-icon kern-icon--edit" aria-hidden="true" />
                    <span className="kern-label">{t('profile.edit')}</span>
                  </button>
                ) : null}
              </div>
              {editing ? (
                <ProfileForm orgId={orgId} profile={p} onDone={() => setEditing(false)} />
              ) : (
                <DescriptionList
                  items={[
                    ...PROFILE_FIELDS.map((f) => ({ label: t(`profile.${f}`), value: p[f] })),
                    {
                      label: t('profile.population'),
                      value: p.population
                        ? t('profile.valueAt', {
                            value: formatNumber(p.population.value, i18n.language),
                            date: formatDate(p.population.referenceDate, i18n.language),
                          })
                        : null,
                    },
                    {
                      label: t('profile.workstations'),
                      value: p.workstations
                        ? t('profile.valueAt', {
                            value: formatNumber(p.workstations.value, i18n.language),
                            date: formatDate(p.workstations.referenceDate, i18n.language),
                          })
                        : null,
                    },
                  ]}
                />
              )}
            </section>
            <History orgId={orgId} series="population" canEdit={p.abilities.update} />
            <History orgId={orgId} series="workstations" canEdit={p.abilities.update} />
          </div>
        )}
      </QueryState>
    </section>
  );
}
