import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useInvoices, useRun, useRunAction, type BillingRun, type InvoiceItem } from './billing.api';
import { BillingNav } from './BillingNav';
import { NS } from './i18n';
import { dateDe, euro } from './money';
import { RunStatus } from './RunStatus';

function Progress({ run }: { run: BillingRun }) {
  const { t } = useTranslation(NS);
  const p = run.progress;
  if (!p || (run.status !== 'issuing' && p.phase !== 'pdf')) {
    return null;
  }
  return (
    <div className="kern-stack-xs" role="status" aria-live="polite">
      <label className="kern-label" htmlFor="run-progress">
        {t(`progress.${p.phase}`, { done: p.done, total: p.total })}
      </label>
      <progress id="run-progress" max={Math.max(1, p.total)} value={p.done} />
    </div>
  );
}

function Downloads({ run }: { run: BillingRun }) {
  const { t } = useTranslation(NS);
  if (run.status !== 'issued') {
    return null;
  }
  return (
    <ul className="kern-list">
      <li>
        <a className="kern-link" href={`/api/v1/billing-runs/${run.id}/zip`} download>
          {t('run.zip')}
        </a>
      </li>
      <li>
        <a className="kern-link" href={`/api/v1/billing-runs/${run.id}/budget-export?format=csv`} download>
          {t('run.csv')}
        </a>
      </li>
      <li>
        <a className="kern-link" href={`/api/v1/billing-runs/${run.id}/budget-export?format=xlsx`} download>
          {t('run.xlsx')}
        </a>
      </li>
    </ul>
  );
}

function RunView({ run }: { run: BillingRun }) {
  const { t } = useTranslation(NS);
  const action = useRunAction(run.id);
  const invoices = useInvoices({ runId: run.id });
  return (
    <div className="kern-stack-lg">
      <DescriptionList
        items={[
          { label: t('run.kind'), value: t(`kind.${run.kind}`) },
          { label: t('run.period'), value: `${dateDe(run.periodStart)} – ${dateDe(run.periodEnd)}` },
          { label: t('run.status'), value: <RunStatus status={run.status} /> },
          { label: t('run.invoices'), value: String(run.summary.invoices) },
          { label: t('run.creditNotes'), value: String(run.summary.creditNotes) },
          { label: t('run.net'), value: euro(run.summary.netCents) },
          { label: t('run.gross'), value: euro(run.summary.grossCents) },
          ...(run.issueDate ? [{ label: t('run.issueDate'), value: dateDe(run.issueDate) }] : []),
        ]}
      />
      {run.lastError ? (
        <Alert variant="danger" title={t('run.failed')}>
          <p className="kern-body" style={{ whiteSpace: 'pre-wrap' }}>
            {run.lastError}
          </p>
        </Alert>
      ) : null}
      {run.summary.missingLeitwegIds.length > 0 ? (
        <Alert variant="warning" title={t('run.missingLeitweg')}>
          <ul className="kern-list">
            {run.summary.missingLeitwegIds.map((m) => (
              <li key={m.orgId}>
                <Link to="/organisations/$id" params={{ id: m.orgId }} className="kern-link">
                  {m.orgName}
                </Link>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Progress run={run} />
      {action.error ? <ProblemAlert error={action.error} /> : null}
      {run.status === 'issued' ? (
        <Alert variant="success" title={t('run.issuedTitle')}>
          <p className="kern-body">{t('run.issuedText')}</p>
        </Alert>
      ) : null}
      <div className="kern-flex kern-flex-wrap kern-gap-sm">
        {run.abilities.issue ? (
          <button type="button" className="kern-btn kern-btn--primary" disabled={action.isPending} onClick={() => action.mutate('issue')}>
            <span className="kern-label">{t('run.issue')}</span>
          </button>
        ) : null}
        {run.abilities.recompute ? (
          <button type="button" className="kern-btn kern-btn--secondary" disabled={action.isPending} onClick={() => action.mutate('recompute')}>
            <span className="kern-label">{t('run.recompute')}</span>
          </button>
        ) : null}
      </div>
      <Downloads run={run} />
      <section className="kern-stack-md" aria-labelledby="run-invoices">
        <h2 className="kern-heading-medium" id="run-invoices">
          {run.status === 'issued' ? t('run.issuedInvoices') : t('run.preview')}
        </h2>
        <QueryState query={invoices}>
          {(data) =>
            data.items.length === 0 ? (
              <p className="kern-body">{t('run.noInvoices')}</p>
            ) : (
              <DataTable<InvoiceItem>
                caption={t('run.preview')}
                rows={data.items}
                rowKey={(i) => i.id}
                columns={[
                  {
                    key: 'member',
                    header: t('invoice.member'),
                    rowHeader: true,
                    render: (i) => (
                      <Link to="/invoices/$id" params={{ id: i.id }} className="kern-link">
                        {i.orgName}
                      </Link>
                    ),
                  },
                  { key: 'number', header: t('invoice.number'), render: (i) => i.number ?? t('invoice.draftNumber') },
                  { key: 'type', header: t('invoice.type'), render: (i) => t(`type.${i.typeCode}`) },
                  { key: 'leitweg', header: t('invoice.leitwegId'), render: (i) => i.leitwegId ?? '—' },
                  { key: 'net', header: t('invoice.net'), numeric: true, render: (i) => euro(i.netCents) },
                  { key: 'gross', header: t('invoice.gross'), numeric: true, render: (i) => euro(i.grossCents) },
                ]}
              />
            )
          }
        </QueryState>
      </section>
    </div>
  );
}

/** Step 2 and 3 of the wizard: the computed drafts as preview, then issue with progress. */
export function RunPage() {
  const { t } = useTranslation(NS);
  const { id } = useParams({ strict: false }) as { id: string };
  const run = useRun(id);
  return (
    <Page title={run.data?.title ?? t('run.listTitle')}>
      <BillingNav current="runs" />
      <QueryState query={run}>{(r) => <RunView run={r} />}</QueryState>
    </Page>
  );
}
