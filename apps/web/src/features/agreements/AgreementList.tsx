import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { useFocusFirstError } from '../../components/use-focus-error';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { DateField, formatDate, today } from '../members/DateField';
import { NS } from '../members/i18n';
import { AGREEMENT_KINDS, type Agreement, type AgreementKind } from '../members/types';
import { useCreateAgreement, useOrgAgreements } from './agreements.api';
import { StatusBadge } from './StatusBadge';

function IntentForm({ orgId, onDone }: { orgId: string; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const create = useCreateAgreement(orgId);
  const [kind, setKind] = useState<AgreementKind>('zweckvereinbarung');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today());
  const [attempt, setAttempt] = useState(0);
  const ref = useFocusFirstError<HTMLFormElement>(attempt);
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const { byField, other } = splitFieldErrors(problem, ['kind', 'title', 'intentDeclaredAt']);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { kind, title: title.trim(), intentDeclaredAt: date },
      { onSuccess: onDone, onError: () => setAttempt((a) => a + 1) },
    );
  };
  return (
    <form ref={ref} className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="intent-h">
      <h3 className="kern-heading-small" id="intent-h">
        {t('agreements.recordIntent')}
      </h3>
      {create.error ? <ProblemAlert error={create.error} fieldErrors={other} /> : null}
      <SelectField
        name="kind"
        label={t('agreements.kind')}
        required
        value={kind}
        error={byField.kind}
        onChange={(v) => setKind(v as AgreementKind)}
        options={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`agreementKind.${k}`) }))}
      />
      <TextField name="title" label={t('agreements.title')} required value={title} error={byField.title} onChange={setTitle} />
      <DateField
        name="intentDeclaredAt"
        label={t('agreements.intentDeclaredAt')}
        required
        value={date}
        error={byField.intentDeclaredAt}
        onChange={setDate}
      />
      <div className="kern-flex kern-gap-sm">
        <SubmitButton busy={create.isPending}>{t('agreements.recordIntent')}</SubmitButton>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onDone}>
          <span className="kern-label">{t('cancel')}</span>
        </button>
      </div>
    </form>
  );
}

/** Vereinbarungen tab: the member's agreements, each linking to its detail page. */
export function AgreementList({ orgId, canManage }: { orgId: string; canManage: boolean }) {
  const { t, i18n } = useTranslation(NS);
  const query = useOrgAgreements(orgId);
  const [adding, setAdding] = useState(false);
  return (
    <section className="kern-stack-lg" aria-labelledby="agreements-heading">
      <div className="kern-flex kern-flex-wrap kern-justify-content-between kern-align-items-center kern-gap-md">
        <h2 className="kern-heading-medium" id="agreements-heading">
          {t('tab.agreements')}
        </h2>
        {canManage && !adding ? (
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setAdding(true)}>
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('agreements.recordIntent')}</span>
          </button>
        ) : null}
      </div>
      {adding ? <IntentForm orgId={orgId} onDone={() => setAdding(false)} /> : null}
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('agreements.empty')}</p>
          ) : (
            <DataTable<Agreement>
              caption={t('tab.agreements')}
              rows={data.items}
              rowKey={(a) => a.id}
              columns={[
                {
                  key: 'title',
                  header: t('agreements.title'),
                  rowHeader: true,
                  render: (a) => (
                    <Link to="/agreements/$aid" params={{ aid: a.id }} className="kern-link">
                      {a.title}
                    </Link>
                  ),
                },
                { key: 'kind', header: t('agreements.kind'), render: (a) => t(`agreementKind.${a.kind}`) },
                { key: 'status', header: t('agreements.status'), render: (a) => <StatusBadge status={a.status} /> },
                {
                  key: 'intent',
                  header: t('agreements.intentDeclaredAt'),
                  render: (a) => formatDate(a.intentDeclaredAt, i18n.language),
                },
                { key: 'since', header: t('agreements.activeSince'), render: (a) => formatDate(a.activeSince, i18n.language) },
              ]}
            />
          )
        }
      </QueryState>
    </section>
  );
}
