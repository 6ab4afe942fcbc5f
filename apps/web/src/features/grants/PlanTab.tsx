import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SubmitButton, TextField } from '../../components/fields';
import { useAddLine, useDeleteLine, usePlan, useUpdateLine, type Grant, type PlanLine } from './grants.api';
import { NS } from './i18n';
import { euroText, percentText, toDecimal } from './money';

const STATE_VARIANT = { ok: 'success', over_offset: 'info', over_limit: 'danger', over_not_offset: 'warning' } as const;

const blank = { code: '', title: '', budget: '', deviation: '' };
const valuesOf = (l: PlanLine) => ({ code: l.code, title: l.title, budget: l.budget.replace('.', ','), deviation: l.deviationPercent ? l.deviationPercent.replace('.', ',') : '' });

/** A new plan line, or (with `line`) changes to one; `onDone` closes the edit form. */
function LineForm({ grant, line, onDone }: { grant: Grant; line?: PlanLine; onDone?: () => void }) {
  const { t } = useTranslation(NS);
  const add = useAddLine(grant.id);
  const update = useUpdateLine(grant.id);
  const save = line ? update : add;
  const [v, setV] = useState(line ? valuesOf(line) : blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const budget = toDecimal(v.budget);
    const errs: Record<string, string> = {};
    if (!v.code.trim()) {
      errs.code = t('form.required');
    }
    if (!v.title.trim()) {
      errs.title = t('form.required');
    }
    if (budget === null) {
      errs.budget = t('form.amount');
    }
    if (v.deviation.trim() && !/^\d{1,3}([.,]\d{1,2})?$/.test(v.deviation.trim())) {
      errs.deviation = t('form.percent');
    }
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      return;
    }
    const body = { code: v.code.trim(), title: v.title.trim(), budget: budget!, deviationPercent: v.deviation.trim() ? v.deviation.trim().replace(',', '.') : null };
    if (line) {
      update.mutate({ lineId: line.id, body }, { onSuccess: () => onDone?.() });
    } else {
      add.mutate(body, { onSuccess: () => setV(blank) });
    }
  };
  const headingId = line ? `line-edit-${line.id}` : 'line-new';
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <h3 className="kern-heading-small" id={headingId}>
        {line ? t('plan.edit', { code: line.code }) : t('plan.add')}
      </h3>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <TextField name="code" label={t('plan.code')} required value={v.code} error={errors.code} onChange={(code) => setV((s) => ({ ...s, code }))} />
      <TextField name="lineTitle" label={t('plan.lineTitle')} required value={v.title} error={errors.title} onChange={(title) => setV((s) => ({ ...s, title }))} />
      <TextField name="budget" label={t('plan.budget')} hint={t('form.amountHint')} required value={v.budget} error={errors.budget} onChange={(budget) => setV((s) => ({ ...s, budget }))} />
      <TextField name="deviation" label={t('plan.deviation')} hint={t('plan.deviationHint', { limit: percentText(grant.lineDeviationPercent) })} value={v.deviation} error={errors.deviation} onChange={(deviation) => setV((s) => ({ ...s, deviation }))} />
      <div className="kern-flex kern-gap-sm">
        <SubmitButton busy={save.isPending}>{line ? t('plan.update') : t('plan.save')}</SubmitButton>
        {line ? (
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onDone}>
            <span className="kern-label">{t('plan.cancel')}</span>
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The financing plan: budget and actual per line, the deviation check and the binding total. */
export function PlanTab({ grant }: { grant: Grant }) {
  const { t } = useTranslation(NS);
  const plan = usePlan(grant.id);
  const remove = useDeleteLine(grant.id);
  const [editing, setEditing] = useState<string | null>(null);
  const manage = grant.abilities.manage;
  const editLine = plan.data?.items.find((l) => l.id === editing);
  return (
    <section className="kern-stack-md" aria-labelledby="plan-h">
      <h2 className="kern-heading-medium" id="plan-h">
        {t('tab.plan')}
      </h2>
      <QueryState query={plan}>
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
            {remove.error ? <ProblemAlert error={remove.error} /> : null}
            <p className="kern-body">{t('plan.total', { budget: euroText(p.budget), actual: euroText(p.actual) })}</p>
            {p.items.length === 0 ? (
              <p className="kern-body">{t('plan.empty')}</p>
            ) : (
              <DataTable<PlanLine>
                caption={t('tab.plan')}
                rows={p.items}
                rowKey={(l) => l.id}
                columns={[
                  { key: 'code', header: t('plan.code'), render: (l) => l.code },
                  { key: 'title', header: t('plan.lineTitle'), rowHeader: true, render: (l) => l.title },
                  { key: 'budget', header: t('plan.budget'), numeric: true, render: (l) => euroText(l.budget) },
                  { key: 'actual', header: t('plan.actual'), numeric: true, render: (l) => euroText(l.actual) },
                  { key: 'remaining', header: t('plan.remaining'), numeric: true, render: (l) => euroText(l.remaining) },
                  { key: 'count', header: t('plan.count'), numeric: true, render: (l) => String(l.expenseCount) },
                  { key: 'state', header: t('plan.state'), render: (l) => <Badge variant={STATE_VARIANT[l.state]}>{t(`lineState.${l.state}`, { over: percentText(l.overPercent), limit: percentText(l.limitPercent) })}</Badge> },
                  ...(manage
                    ? [
                        {
                          key: 'actions',
                          header: t('plan.actions'),
                          render: (l: PlanLine) => (
                            <div className="kern-flex kern-gap-sm">
                              <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setEditing(l.id)}>
                                <span className="kern-label">{t('plan.editLine', { code: l.code })}</span>
                              </button>
                              {l.expenseCount === 0 ? (
                                <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => remove.mutate(l.id, { onSuccess: () => setEditing((x) => (x === l.id ? null : x)) })}>
                                  <span className="kern-label">{t('plan.deleteLine', { code: l.code })}</span>
                                </button>
                              ) : null}
                            </div>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            )}
          </div>
        )}
      </QueryState>
      {manage && editLine ? <LineForm key={editLine.id} grant={grant} line={editLine} onDone={() => setEditing(null)} /> : null}
      {manage && !editLine ? <LineForm grant={grant} /> : null}
    </section>
  );
}
