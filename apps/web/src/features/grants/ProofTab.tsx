import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SubmitButton } from '../../components/fields';
import { useProof, useUpdateGrant, type Grant } from './grants.api';
import { NS } from './i18n';
import { dateDe, euroText } from './money';

function ReportForm({ grant }: { grant: Grant }) {
  const { t } = useTranslation(NS);
  const update = useUpdateGrant(grant.id);
  const [text, setText] = useState(grant.reportText ?? '');
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    update.mutate({ reportText: text.trim() || null }, { onSuccess: () => setSaved(true) });
  };
  return (
    <form className="kern-stack-md" onSubmit={onSubmit} noValidate aria-labelledby="report-h">
      <h3 className="kern-heading-small" id="report-h">
        {t('proof.report')}
      </h3>
      {update.error ? <ProblemAlert error={update.error} /> : null}
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="report-text">
          {t('proof.reportLabel')}
        </label>
        <textarea id="report-text" className="kern-form-input__input" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {saved ? (
        <p className="kern-body" role="status">
          {t('proof.saved')}
        </p>
      ) : null}
      <SubmitButton busy={update.isPending}>{t('proof.saveReport')}</SubmitButton>
    </form>
  );
}

/** The proof of use: Sachbericht, numerical proof per plan line, receipts; downloads as PDF and XLSX. */
export function ProofTab({ grant }: { grant: Grant }) {
  const { t } = useTranslation(NS);
  const proof = useProof(grant.id);
  const base = `/api/v1/grants/${grant.id}/proof-of-use`;
  return (
    <section className="kern-stack-md" aria-labelledby="proof-h">
      <h2 className="kern-heading-medium" id="proof-h">
        {t('tab.proof')}
      </h2>
      <p className="kern-body">{t('proof.intro', { interim: dateDe(grant.interimProofDue), final: dateDe(grant.finalProofDue) })}</p>
      <ul className="kern-list kern-list--horizontal">
        <li>
          <a className="kern-link" href={`${base}?format=pdf`} download>
            {t('proof.pdf')}
          </a>
        </li>
        <li>
          <a className="kern-link" href={`${base}?format=xlsx`} download>
            {t('proof.xlsx')}
          </a>
        </li>
      </ul>
      {grant.abilities.manage ? <ReportForm grant={grant} /> : null}
      <QueryState query={proof}>
        {(p) => (
          <div className="kern-stack-md">
            {p.warnings.length > 0 ? (
              <Alert variant="warning" title={t('warnings.plan')}>
                <ul className="kern-list">
                  {p.warnings.map((w) => (
                    <li key={`${w.code}-${w.lineId ?? ''}`} className="kern-body">
                      {w.detail}
                    </li>
                  ))}
                </ul>
              </Alert>
            ) : null}
            <h3 className="kern-heading-small">{t('proof.numbers')}</h3>
            <DataTable
              caption={t('proof.numbers')}
              rows={p.lines}
              rowKey={(l) => l.code}
              columns={[
                { key: 'code', header: t('plan.code'), render: (l) => l.code },
                { key: 'title', header: t('plan.lineTitle'), rowHeader: true, render: (l) => l.title },
                { key: 'budget', header: t('plan.budget'), numeric: true, render: (l) => euroText(l.budget) },
                { key: 'actual', header: t('plan.actual'), numeric: true, render: (l) => euroText(l.actual) },
                { key: 'diff', header: t('proof.difference'), numeric: true, render: (l) => euroText(l.difference) },
                { key: 'count', header: t('plan.count'), numeric: true, render: (l) => String(l.count) },
              ]}
            />
            <p className="kern-body">{t('proof.totals', { budget: euroText(p.totalBudget), actual: euroText(p.totalActual), drawn: euroText(p.drawn), received: euroText(p.received) })}</p>
            <h3 className="kern-heading-small">{t('proof.receipts')}</h3>
            {p.receipts.length === 0 ? (
              <p className="kern-body">{t('expense.empty')}</p>
            ) : (
              <DataTable
                caption={t('proof.receipts')}
                rows={p.receipts}
                rowKey={(r) => String(r.no)}
                columns={[
                  { key: 'no', header: t('proof.no'), rowHeader: true, render: (r) => String(r.no) },
                  { key: 'date', header: t('expense.date'), render: (r) => dateDe(r.date) },
                  { key: 'payee', header: t('expense.payee'), render: (r) => r.payee },
                  { key: 'purpose', header: t('expense.purpose'), render: (r) => r.purpose },
                  { key: 'line', header: t('expense.lineShort'), render: (r) => r.lineCode },
                  { key: 'amount', header: t('expense.amount'), numeric: true, render: (r) => euroText(r.amount) },
                  { key: 'receipt', header: t('expense.receipt'), render: (r) => (r.receipt ? t('expense.yes') : t('expense.no')) },
                ]}
              />
            )}
          </div>
        )}
      </QueryState>
    </section>
  );
}
