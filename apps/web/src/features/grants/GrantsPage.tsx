import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { CheckboxField, SelectField, SubmitButton, TextField } from '../../components/fields';
import { DateField } from '../members/DateField';
import { useCreateGrant, useCreateProgramme, useGrants, useProgrammes, type GrantCreate, type GrantSummary } from './grants.api';
import { NS } from './i18n';
import { dateDe, euroText, toDecimal } from './money';

const FUNDING = ['share', 'deficit', 'fixed', 'full'] as const;

function ProgrammeForm() {
  const { t } = useTranslation(NS);
  const create = useCreateProgramme();
  const [v, setV] = useState({ name: '', authority: '', perMember: false });
  const [error, setError] = useState<string | undefined>();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!v.name.trim()) {
      setError(t('form.required'));
      return;
    }
    setError(undefined);
    create.mutate({ name: v.name.trim(), authority: v.authority.trim() || null, paysPerMember: v.perMember }, { onSuccess: () => setV({ name: '', authority: '', perMember: false }) });
  };
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="programme-new">
      <h3 className="kern-heading-small" id="programme-new">
        {t('programme.add')}
      </h3>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <TextField name="programmeName" label={t('programme.name')} required value={v.name} error={error} onChange={(name) => setV((s) => ({ ...s, name }))} />
      <TextField name="programmeAuthority" label={t('grant.authority')} value={v.authority} onChange={(authority) => setV((s) => ({ ...s, authority }))} />
      <CheckboxField name="perMember" label={t('programme.perMember')} hint={t('programme.perMemberHint')} checked={v.perMember} onChange={(perMember) => setV((s) => ({ ...s, perMember }))} />
      <SubmitButton busy={create.isPending}>{t('programme.save')}</SubmitButton>
    </form>
  );
}

function GrantForm() {
  const { t } = useTranslation(NS);
  const navigate = useNavigate();
  const programmes = useProgrammes(true);
  const create = useCreateGrant();
  const [v, setV] = useState({
    programmeId: '',
    title: '',
    authority: '',
    fileReference: '',
    noticeDate: '',
    fundingType: 'share' as (typeof FUNDING)[number],
    ratePercent: '',
    amount: '',
    eligibleCost: '',
    periodStart: '',
    periodEnd: '',
    finalProofDue: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  const list = programmes.data?.items ?? [];
  const programmeId = v.programmeId || list[0]?.id || '';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    for (const k of ['title', 'authority', 'fileReference', 'noticeDate', 'periodStart', 'periodEnd'] as const) {
      if (!v[k].trim()) {
        errs[k] = t('form.required');
      }
    }
    const amount = toDecimal(v.amount);
    const eligible = toDecimal(v.eligibleCost);
    if (amount === null) {
      errs.amount = t('form.amount');
    }
    if (eligible === null) {
      errs.eligibleCost = t('form.amount');
    }
    if (v.fundingType === 'share' && !/^\d{1,3}([.,]\d{1,2})?$/.test(v.ratePercent.trim())) {
      errs.ratePercent = t('form.percent');
    }
    if (!programmeId) {
      errs.programmeId = t('form.required');
    }
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      return;
    }
    const body: GrantCreate = {
      programmeId,
      title: v.title.trim(),
      authority: v.authority.trim(),
      fileReference: v.fileReference.trim(),
      noticeDate: v.noticeDate,
      fundingType: v.fundingType,
      ratePercent: v.ratePercent.trim() ? v.ratePercent.trim().replace(',', '.') : null,
      amount: amount!,
      eligibleCost: eligible!,
      periodStart: v.periodStart,
      periodEnd: v.periodEnd,
      finalProofDue: v.finalProofDue || null,
    } as GrantCreate;
    create.mutate(body, { onSuccess: (g) => void navigate({ to: '/grants/$id', params: { id: g.id } }) });
  };
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="grant-new">
      <h3 className="kern-heading-small" id="grant-new">
        {t('grant.add')}
      </h3>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      {list.length === 0 ? (
        <p className="kern-body">{t('programme.none')}</p>
      ) : (
        <SelectField name="programmeId" label={t('grant.programme')} required value={programmeId} error={errors.programmeId} options={list.map((p) => ({ value: p.id, label: p.name }))} onChange={set('programmeId')} />
      )}
      <TextField name="title" label={t('grant.title')} required value={v.title} error={errors.title} onChange={set('title')} />
      <TextField name="authority" label={t('grant.authority')} required value={v.authority} error={errors.authority} onChange={set('authority')} />
      <TextField name="fileReference" label={t('grant.fileReference')} required value={v.fileReference} error={errors.fileReference} onChange={set('fileReference')} />
      <DateField name="noticeDate" label={t('grant.noticeDate')} required value={v.noticeDate} error={errors.noticeDate} onChange={set('noticeDate')} />
      <SelectField name="fundingType" label={t('grant.fundingType')} required value={v.fundingType} options={FUNDING.map((f) => ({ value: f, label: t(`funding.${f}`) }))} onChange={set('fundingType')} />
      <TextField name="ratePercent" label={t('grant.rate')} hint={t('form.percentHint')} value={v.ratePercent} error={errors.ratePercent} onChange={set('ratePercent')} />
      <TextField name="amount" label={t('grant.amount')} hint={t('form.amountHint')} required value={v.amount} error={errors.amount} onChange={set('amount')} />
      <TextField name="eligibleCost" label={t('grant.eligibleCost')} hint={t('form.amountHint')} required value={v.eligibleCost} error={errors.eligibleCost} onChange={set('eligibleCost')} />
      <DateField name="periodStart" label={t('grant.periodStart')} required value={v.periodStart} error={errors.periodStart} onChange={set('periodStart')} />
      <DateField name="periodEnd" label={t('grant.periodEnd')} required value={v.periodEnd} error={errors.periodEnd} onChange={set('periodEnd')} />
      <DateField name="finalProofDue" label={t('grant.finalProofDue')} value={v.finalProofDue} onChange={set('finalProofDue')} />
      <SubmitButton busy={create.isPending}>{t('grant.save')}</SubmitButton>
    </form>
  );
}

/** Grants of the provider (or, for a member, those passed on to it) with their figures. */
export function GrantsPage() {
  const { t } = useTranslation(NS);
  const { may, activeOrg } = useAuth();
  const grants = useGrants();
  const provider = activeOrg?.orgKind === 'provider';
  return (
    <Page
      title={t('list.title')}
      actions={
        provider ? (
          <Link to="/reports/savings" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('savings.title')}</span>
          </Link>
        ) : null
      }
    >
      <p className="kern-body">{provider ? t('list.introProvider') : t('list.introMember')}</p>
      <div className="kern-flex kern-flex-wrap kern-gap-sm">
        <a className="kern-btn kern-btn--secondary" href="/api/v1/grants?format=csv" download>
          <span className="kern-label">{t('list.exportCsv')}</span>
        </a>
        <a className="kern-btn kern-btn--secondary" href="/api/v1/grants?format=xlsx" download>
          <span className="kern-label">{t('list.exportXlsx')}</span>
        </a>
      </div>
      <QueryState query={grants}>
        {(g) =>
          g.items.length === 0 ? (
            <p className="kern-body">{t('list.empty')}</p>
          ) : (
            <DataTable<GrantSummary>
              caption={t('list.title')}
              rows={g.items}
              rowKey={(x) => x.id}
              columns={[
                {
                  key: 'title',
                  header: t('grant.title'),
                  rowHeader: true,
                  render: (x) => (
                    <Link to="/grants/$id" params={{ id: x.id }} className="kern-link">
                      {x.title}
                    </Link>
                  ),
                },
                { key: 'programme', header: t('grant.programme'), render: (x) => x.programmeName },
                { key: 'ref', header: t('grant.fileReference'), render: (x) => x.fileReference },
                { key: 'notice', header: t('grant.noticeDate'), render: (x) => dateDe(x.noticeDate) },
                { key: 'amount', header: t('grant.amount'), numeric: true, render: (x) => euroText(x.amount) },
                { key: 'spent', header: t('grant.spent'), numeric: true, render: (x) => euroText(x.spent) },
                { key: 'received', header: t('grant.received'), numeric: true, render: (x) => euroText(x.received) },
              ]}
            />
          )
        }
      </QueryState>
      {provider && may('grant.manage') ? (
        <details className="kern-stack-md">
          <summary className="kern-body">{t('grant.addSummary')}</summary>
          <ProgrammeForm />
          <GrantForm />
        </details>
      ) : null}
    </Page>
  );
}
