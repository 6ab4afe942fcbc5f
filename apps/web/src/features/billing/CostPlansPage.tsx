import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SubmitButton, TextField } from '../../components/fields';
import { useCostPlans, useCreatePlan, type CostPlan } from './billing.api';
import { BillingNav } from './BillingNav';
import { NS } from './i18n';
import { euro } from './money';

function CreatePlan() {
  const { t } = useTranslation(NS);
  const create = useCreatePlan();
  const navigate = useNavigate();
  const next = new Date().getFullYear() + 1;
  const [year, setYear] = useState(String(next));
  const [title, setTitle] = useState(`Kostenplan ${next}`);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ year: Number(year), title: title.trim() }, { onSuccess: (p) => void navigate({ to: '/cost-plans/$id', params: { id: p.id } }) });
  };
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="plan-new">
      <h2 className="kern-heading-medium" id="plan-new">
        {t('plan.new')}
      </h2>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <TextField name="year" label={t('plan.year')} required inputMode="numeric" value={year} onChange={setYear} />
      <TextField name="title" label={t('plan.titleField')} required value={title} onChange={setTitle} />
      <SubmitButton busy={create.isPending}>{t('plan.create')}</SubmitButton>
    </form>
  );
}

/** The provider's yearly cost plans. */
export function CostPlansPage() {
  const { t } = useTranslation(NS);
  const { may } = useAuth();
  const query = useCostPlans();
  return (
    <Page title={t('plan.listTitle')}>
      <BillingNav current="plans" />
      <p className="kern-body">{t('plan.intro')}</p>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('plan.empty')}</p>
          ) : (
            <DataTable<CostPlan>
              caption={t('plan.listTitle')}
              rows={data.items}
              rowKey={(p) => p.id}
              columns={[
                { key: 'year', header: t('plan.year'), render: (p) => String(p.year) },
                {
                  key: 'title',
                  header: t('plan.titleField'),
                  rowHeader: true,
                  render: (p) => (
                    <Link to="/cost-plans/$id" params={{ id: p.id }} className="kern-link">
                      {p.title}
                    </Link>
                  ),
                },
                { key: 'pools', header: t('plan.pools'), numeric: true, render: (p) => String(p.pools.length) },
                { key: 'planned', header: t('plan.planned'), numeric: true, render: (p) => euro(p.plannedCents) },
                { key: 'actual', header: t('plan.actual'), numeric: true, render: (p) => (p.actualCents === null ? '—' : euro(p.actualCents)) },
              ]}
            />
          )
        }
      </QueryState>
      {may('billing.manage') ? <CreatePlan /> : null}
    </Page>
  );
}
