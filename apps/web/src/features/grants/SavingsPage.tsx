import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { BarChart } from '../members/BarChart';
import { usePutReferenceCosts, useSavings, type Savings } from './grants.api';
import { NS } from './i18n';
import { euroText, percentText, toDecimal } from './money';

type Row = Savings['members'][number];

/** Decimal euro string → whole euros for the chart's bar lengths (display only, the table has the exact figures). */
const wholeEuros = (d: string) => Number(d.split('.')[0]);
const euroWhole = (n: number) => euroText(String(n));

function ReferenceForm({ data, year }: { data: Savings; year: number }) {
  const { t } = useTranslation(NS);
  const put = usePutReferenceCosts();
  const r = data.reference;
  const [v, setV] = useState({
    perWorkstation: r?.perWorkstation.replace('.', ',') ?? '',
    perServer: r?.perServer.replace('.', ',') ?? '',
    perBackupJob: r?.perBackupJob.replace('.', ',') ?? '',
    basePerMember: r?.basePerMember.replace('.', ',') ?? '',
    source: r?.source ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = {
      perWorkstation: toDecimal(v.perWorkstation),
      perServer: toDecimal(v.perServer),
      perBackupJob: toDecimal(v.perBackupJob),
      basePerMember: toDecimal(v.basePerMember || '0'),
    };
    const errs: Record<string, string> = {};
    for (const [k, val] of Object.entries(parsed)) {
      if (val === null) {
        errs[k] = t('form.amount');
      }
    }
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      return;
    }
    put.mutate({ year, perWorkstation: parsed.perWorkstation!, perServer: parsed.perServer!, perBackupJob: parsed.perBackupJob!, basePerMember: parsed.basePerMember!, source: v.source.trim() || null });
  };
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="ref-h">
      <h2 className="kern-heading-medium" id="ref-h">
        {t('savings.reference', { year })}
      </h2>
      <p className="kern-body">{t('savings.referenceIntro')}</p>
      {put.error ? <ProblemAlert error={put.error} /> : null}
      <TextField name="perWorkstation" label={t('savings.perWorkstation')} hint={t('form.amountHint')} required value={v.perWorkstation} error={errors.perWorkstation} onChange={set('perWorkstation')} />
      <TextField name="perServer" label={t('savings.perServer')} required value={v.perServer} error={errors.perServer} onChange={set('perServer')} />
      <TextField name="perBackupJob" label={t('savings.perBackupJob')} required value={v.perBackupJob} error={errors.perBackupJob} onChange={set('perBackupJob')} />
      <TextField name="basePerMember" label={t('savings.basePerMember')} value={v.basePerMember} error={errors.basePerMember} onChange={set('basePerMember')} />
      <TextField name="source" label={t('savings.source')} value={v.source} onChange={set('source')} />
      <SubmitButton busy={put.isPending}>{t('savings.saveReference')}</SubmitButton>
    </form>
  );
}

function Report({ data }: { data: Savings }) {
  const { t } = useTranslation(NS);
  const bars = [...data.members]
    .sort((a, b) => wholeEuros(b.saving) - wholeEuros(a.saving))
    .slice(0, 25)
    .map((m) => ({ key: m.orgId, label: m.orgName, value: Math.max(0, wholeEuros(m.saving)) }));
  return (
    <div className="kern-stack-md">
      {data.warnings.length > 0 ? (
        <Alert variant="info" title={t('savings.notes')}>
          <ul className="kern-list">
            {data.warnings.map((w) => (
              <li key={w} className="kern-body">
                {t(`savingsWarning.${w}`)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <p className="kern-body">{t('savings.totals', { allocated: euroText(data.totalAllocated), alone: euroText(data.totalAlone), saving: euroText(data.totalSaving) })}</p>
      {bars.length > 0 ? <BarChart title={t('savings.chart')} bars={bars} labelHeader={t('savings.member')} valueHeader={t('savings.saving')} format={euroWhole} /> : null}
      <DataTable<Row>
        caption={t('savings.table')}
        rows={data.members}
        rowKey={(m) => m.orgId}
        columns={[
          { key: 'name', header: t('savings.member'), rowHeader: true, render: (m) => m.orgName },
          { key: 'ws', header: t('savings.workstations'), numeric: true, render: (m) => String(m.workstations) },
          { key: 'srv', header: t('savings.servers'), numeric: true, render: (m) => String(m.servers) },
          { key: 'bj', header: t('savings.backupJobs'), numeric: true, render: (m) => String(m.backupJobs) },
          { key: 'alloc', header: t('savings.allocated'), numeric: true, render: (m) => euroText(m.allocated) },
          { key: 'alone', header: t('savings.alone'), numeric: true, render: (m) => euroText(m.alone) },
          { key: 'saving', header: t('savings.saving'), numeric: true, render: (m) => euroText(m.saving) },
          { key: 'pct', header: t('savings.savingPercent'), numeric: true, render: (m) => percentText(m.savingPercent) },
        ]}
      />
    </div>
  );
}

/** The savings report for councils: allocated cost of the shared service against running alone. */
export function SavingsPage() {
  const { t } = useTranslation(NS);
  const { may } = useAuth();
  const now = new Date().getFullYear();
  const [year, setYear] = useState(now);
  const savings = useSavings(year);
  return (
    <Page title={t('savings.title')}>
      <p className="kern-body">
        <Link to="/grants" className="kern-link">
          {t('list.back')}
        </Link>
      </p>
      <p className="kern-body">{t('savings.intro')}</p>
      <SelectField
        name="year"
        label={t('savings.year')}
        plain
        value={String(year)}
        options={[now + 1, now, now - 1, now - 2].map((y) => ({ value: String(y), label: String(y) }))}
        onChange={(y) => setYear(Number(y))}
      />
      <QueryState query={savings}>
        {(d) => (
          <div className="kern-stack-lg">
            <Report data={d} />
            {may('grant.manage') ? <ReferenceForm key={`${year}-${d.reference?.perServer ?? ''}`} data={d} year={year} /> : null}
          </div>
        )}
      </QueryState>
    </Page>
  );
}
