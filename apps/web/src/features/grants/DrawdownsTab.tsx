import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { DescriptionList } from '../../components/DescriptionList';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { useDrawdownPreview, useDrawdowns, useDrawdownStep, useRequestDrawdown, type Drawdown, type Grant } from './grants.api';
import { NS } from './i18n';
import { dateDe, euroText, toDecimal } from './money';

const STATUS_VARIANT = { requested: 'info', approved: 'warning', received: 'success' } as const;

function RequestForm({ grant }: { grant: Grant }) {
  const { t } = useTranslation(NS);
  const [memberId, setMemberId] = useState(grant.paysPerMember ? (grant.beneficiaries[0]?.orgId ?? '') : '');
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | undefined>();
  const preview = useDrawdownPreview(grant.id, memberId || undefined, !grant.paysPerMember || memberId !== '');
  const request = useRequestDrawdown(grant.id);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const a = amount.trim() ? toDecimal(amount) : undefined;
    if (a === null) {
      setError(t('form.amount'));
      return;
    }
    setError(undefined);
    request.mutate({ memberId: memberId || null, amount: a }, { onSuccess: () => setAmount('') });
  };
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="drawdown-new">
      <h3 className="kern-heading-small" id="drawdown-new">
        {t('drawdown.request')}
      </h3>
      <p className="kern-body">{t('drawdown.rule')}</p>
      {request.error ? <ProblemAlert error={request.error} /> : null}
      {grant.paysPerMember ? (
        <SelectField name="drawdownMember" label={t('drawdown.member')} required value={memberId} options={grant.beneficiaries.map((b) => ({ value: b.orgId, label: b.orgName }))} onChange={setMemberId} />
      ) : null}
      <QueryState query={preview}>
        {(p) => (
          <div className="kern-stack-sm">
            <DescriptionList
              items={[
                { label: t('drawdown.latestDue'), value: dateDe(p.latestDue) },
                { label: t('drawdown.expenses'), value: t('drawdown.expensesValue', { count: p.expenseIds.length, amount: euroText(p.expenses) }) },
                { label: t('drawdown.proRata'), value: euroText(p.proRata) },
                { label: t('drawdown.ownShare'), value: euroText(p.ownShare) },
                { label: t('drawdown.allowed'), value: euroText(p.allowed) },
              ]}
            />
            {p.warnings.length > 0 ? (
              <Alert variant="warning" title={t('warnings.drawdown')}>
                <ul className="kern-list">
                  {p.warnings.map((w) => (
                    <li key={w} className="kern-body">
                      {t(`drawdownWarning.${w}`)}
                    </li>
                  ))}
                </ul>
              </Alert>
            ) : null}
          </div>
        )}
      </QueryState>
      <TextField name="drawdownAmount" label={t('drawdown.amount')} hint={t('drawdown.amountHint')} value={amount} error={error} onChange={setAmount} />
      <SubmitButton busy={request.isPending}>{t('drawdown.submit')}</SubmitButton>
    </form>
  );
}

/** Drawdowns with their status; the recipient requests new ones and records approval and receipt. */
export function DrawdownsTab({ grant }: { grant: Grant }) {
  const { t } = useTranslation(NS);
  const drawdowns = useDrawdowns(grant.id);
  const step = useDrawdownStep(grant.id);
  return (
    <section className="kern-stack-md" aria-labelledby="drawdowns-h">
      <h2 className="kern-heading-medium" id="drawdowns-h">
        {t('tab.drawdowns')}
      </h2>
      {step.error ? <ProblemAlert error={step.error} /> : null}
      <QueryState query={drawdowns}>
        {(d) =>
          d.items.length === 0 ? (
            <p className="kern-body">{t('drawdown.empty')}</p>
          ) : (
            <DataTable<Drawdown>
              caption={t('drawdown.tableCaption')}
              rows={d.items}
              rowKey={(x) => x.id}
              columns={[
                { key: 'no', header: t('drawdown.number'), rowHeader: true, render: (x) => t('drawdown.name', { number: x.number }) },
                ...(grant.paysPerMember ? [{ key: 'member', header: t('drawdown.member'), render: (x: Drawdown) => x.member?.name ?? '—' }] : []),
                { key: 'requested', header: t('drawdown.requestedOn'), render: (x) => dateDe(x.requestedOn) },
                { key: 'amount', header: t('drawdown.amount'), numeric: true, render: (x) => euroText(x.amount) },
                { key: 'count', header: t('drawdown.expenseCount'), numeric: true, render: (x) => String(x.expenseCount) },
                { key: 'status', header: t('drawdown.status'), render: (x) => <Badge variant={STATUS_VARIANT[x.status]}>{t(`status.${x.status}`)}</Badge> },
                { key: 'approved', header: t('drawdown.approvedOn'), render: (x) => dateDe(x.approvedOn) },
                { key: 'received', header: t('drawdown.receivedOn'), render: (x) => dateDe(x.receivedOn) },
                { key: 'warnings', header: t('drawdown.warnings'), render: (x) => (x.warnings.length ? x.warnings.map((w) => t(`drawdownWarning.${w}`)).join(' ') : '—') },
                ...(grant.abilities.manage
                  ? [
                      {
                        key: 'actions',
                        header: t('actions'),
                        render: (x: Drawdown) => (
                          <span className="kern-flex kern-gap-xs">
                            {x.abilities.next.map((to) => (
                              <button key={to} type="button" className="kern-btn kern-btn--tertiary" disabled={step.isPending} onClick={() => step.mutate({ drawdownId: x.id, to })}>
                                <span className="kern-label">{t(`drawdown.mark.${to}`, { number: x.number })}</span>
                              </button>
                            ))}
                          </span>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )
        }
      </QueryState>
      {grant.abilities.manage && grant.full ? <RequestForm grant={grant} /> : null}
    </section>
  );
}
