import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { useCostPlans, useCreateRun, useRuns, type BillingRun } from './billing.api';
import { BillingNav } from './BillingNav';
import { NS } from './i18n';
import { dateDe, euro } from './money';
import { RunStatus } from './RunStatus';

const KINDS = ['advance', 'settlement', 'usage'] as const;

/** Step 1 of the wizard: type, period (and plan); creating computes the drafts, step 2 is the run page. */
function RunWizard() {
  const { t } = useTranslation(NS);
  const plans = useCostPlans();
  const create = useCreateRun();
  const navigate = useNavigate();
  const year = new Date().getFullYear();
  const [v, setV] = useState({ kind: 'advance' as (typeof KINDS)[number], periodStart: `${year}-10-01`, periodEnd: `${year}-12-31`, planId: '' });
  const planOptions = (plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.year} – ${p.title}` }));
  const planId = v.planId || planOptions.find((o) => o.label.startsWith(v.periodStart.slice(0, 4)))?.value || planOptions[0]?.value || '';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { kind: v.kind, periodStart: v.periodStart, periodEnd: v.periodEnd, ...(v.kind === 'usage' ? {} : { planId }) },
      { onSuccess: (run) => void navigate({ to: '/billing-runs/$id', params: { id: run.id } }) },
    );
  };
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="run-new">
      <h2 className="kern-heading-medium" id="run-new">
        {t('run.new')}
      </h2>
      <p className="kern-body">{t('run.wizardIntro')}</p>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <SelectField
        name="kind"
        label={t('run.kind')}
        value={v.kind}
        options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        onChange={(kind) => setV((s) => ({ ...s, kind: kind as (typeof KINDS)[number] }))}
      />
      <TextField name="periodStart" label={t('run.periodStart')} hint={t('run.dateHint')} required value={v.periodStart} onChange={(periodStart) => setV((s) => ({ ...s, periodStart }))} />
      <TextField name="periodEnd" label={t('run.periodEnd')} hint={t('run.dateHint')} required value={v.periodEnd} onChange={(periodEnd) => setV((s) => ({ ...s, periodEnd }))} />
      {v.kind !== 'usage' ? (
        planOptions.length > 0 ? (
          <SelectField name="planId" label={t('run.plan')} value={planId} options={planOptions} onChange={(p) => setV((s) => ({ ...s, planId: p }))} />
        ) : (
          <p className="kern-body">{t('run.noPlan')}</p>
        )
      ) : null}
      <SubmitButton busy={create.isPending}>{t('run.compute')}</SubmitButton>
    </form>
  );
}

/** Billing runs of the provider and the wizard for a new one. */
export function RunsPage() {
  const { t } = useTranslation(NS);
  const { may } = useAuth();
  const query = useRuns();
  return (
    <Page title={t('run.listTitle')}>
      <BillingNav current="runs" />
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('run.empty')}</p>
          ) : (
            <DataTable<BillingRun>
              caption={t('run.listTitle')}
              rows={data.items}
              rowKey={(r) => r.id}
              columns={[
                {
                  key: 'title',
                  header: t('run.title'),
                  rowHeader: true,
                  render: (r) => (
                    <Link to="/billing-runs/$id" params={{ id: r.id }} className="kern-link">
                      {r.title}
                    </Link>
                  ),
                },
                { key: 'kind', header: t('run.kind'), render: (r) => t(`kind.${r.kind}`) },
                { key: 'period', header: t('run.period'), render: (r) => `${dateDe(r.periodStart)} – ${dateDe(r.periodEnd)}` },
                { key: 'status', header: t('run.status'), render: (r) => <RunStatus status={r.status} /> },
                { key: 'count', header: t('run.invoices'), numeric: true, render: (r) => String(r.summary.invoices + r.summary.creditNotes) },
                { key: 'gross', header: t('run.gross'), numeric: true, render: (r) => euro(r.summary.grossCents) },
              ]}
            />
          )
        }
      </QueryState>
      {may('billing.manage') ? <RunWizard /> : null}
    </Page>
  );
}
