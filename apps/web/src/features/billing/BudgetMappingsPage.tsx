import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { CheckboxField, SelectField, SubmitButton, TextField } from '../../components/fields';
import { useBudgetMappings, useSaveBudgetMapping, type BudgetMapping } from './billing.api';
import { BillingNav } from './BillingNav';
import { mappingBody, mappingSummary, mappingValues, type MappingValues } from './budget-mapping';
import { NS } from './i18n';

function MappingForm({ mapping, onDone }: { mapping: BudgetMapping; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation(NS);
  const save = useSaveBudgetMapping();
  const [v, setV] = useState<MappingValues>(mappingValues(mapping));
  const [errors, setErrors] = useState<Partial<Record<keyof MappingValues, string>>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const set = (f: keyof MappingValues) => (value: string) => setV((s) => ({ ...s, [f]: value }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const r = mappingBody(v);
    if (!r.ok) {
      setErrors(Object.fromEntries(Object.entries(r.errors).map(([f, code]) => [f, t(`budget.error.${code}`)])));
      return;
    }
    setErrors({});
    save.mutate({ orgId: mapping.orgId, body: r.body }, { onSuccess: () => onDone(true) });
  };
  const text = (f: 'product' | 'account' | 'costCentre' | 'budgetLine', required: boolean) => (
    <TextField name={f} label={t(`budget.${f}`)} hint={t(`budget.${f}Hint`)} required={required} value={v[f]} error={errors[f]} onChange={set(f)} />
  );
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="mapping-form-h">
      <h2 className="kern-heading-small" id="mapping-form-h" tabIndex={-1} ref={heading}>
        {t('budget.edit', { name: mapping.orgName })}
      </h2>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <SelectField
        name="system"
        label={t('budget.system')}
        required
        value={v.system}
        options={[
          { value: 'doppik', label: t('budget.doppik') },
          { value: 'kameralistik', label: t('budget.kameralistik') },
        ]}
        onChange={set('system')}
      />
      {v.system === 'doppik' ? (
        <>
          {text('product', true)}
          {text('account', true)}
          {text('costCentre', false)}
        </>
      ) : (
        text('budgetLine', true)
      )}
      <SelectField
        name="expenseKind"
        label={t('budget.expenseKind')}
        hint={t('budget.expenseKindHint')}
        required
        value={v.expenseKind}
        options={[
          { value: 'consumptive', label: t('budget.consumptive') },
          { value: 'investive', label: t('budget.investive') },
        ]}
        onChange={set('expenseKind')}
      />
      <div className="kern-flex kern-gap-sm">
        <SubmitButton busy={save.isPending}>{t('save')}</SubmitButton>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => onDone(false)}>
          <span className="kern-label">{t('cancel')}</span>
        </button>
      </div>
    </form>
  );
}

function Mappings({ items }: { items: BudgetMapping[] }) {
  const { t } = useTranslation(NS);
  const { may } = useAuth();
  const manage = may('billing.manage');
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const labels = { product: t('budget.product'), account: t('budget.account'), costCentre: t('budget.costCentreShort'), budgetLine: t('budget.budgetLine') };
  const missing = items.filter((m) => m.system === null).length;
  const q = search.trim().toLocaleLowerCase('de');
  const rows = items.filter((m) => (!onlyMissing || m.system === null) && (q === '' || m.orgName.toLocaleLowerCase('de').includes(q)));
  const current = items.find((m) => m.orgId === editing) ?? null;
  return (
    <div className="kern-stack-md">
      {missing > 0 ? <Alert variant="warning" title={t('budget.missing', { count: missing })} /> : <Alert variant="success" title={t('budget.allMapped')} />}
      {saved ? <Alert variant="success" title={t('budget.saved', { name: saved })} /> : null}
      {manage && current ? (
        <MappingForm
          key={current.orgId}
          mapping={current}
          onDone={(ok) => {
            setSaved(ok ? current.orgName : null);
            setEditing(null);
          }}
        />
      ) : null}
      <div className="kern-flex kern-gap-md">
        <TextField name="search" type="search" label={t('budget.search')} plain value={search} onChange={setSearch} />
        <CheckboxField name="onlyMissing" label={t('budget.onlyMissing')} checked={onlyMissing} onChange={setOnlyMissing} />
      </div>
      <p className="kern-body" aria-live="polite">
        {t('budget.shown', { count: rows.length, total: items.length })}
      </p>
      <DataTable<BudgetMapping>
        caption={t('budget.caption')}
        rows={rows}
        rowKey={(m) => m.orgId}
        columns={[
          { key: 'member', header: t('budget.member'), rowHeader: true, render: (m) => m.orgName },
          { key: 'system', header: t('budget.system'), render: (m) => (m.system ? t(`budget.${m.system}`) : <Badge variant="warning">{t('budget.none')}</Badge>) },
          { key: 'mapping', header: t('budget.mapping'), render: (m) => mappingSummary(m, labels) ?? '—' },
          { key: 'kind', header: t('budget.expenseKind'), render: (m) => (m.system ? t(`budget.${m.expenseKind}`) : '—') },
          ...(manage
            ? [
                {
                  key: 'actions',
                  header: t('actions'),
                  render: (m: BudgetMapping) => (
                    <button
                      type="button"
                      className="kern-btn kern-btn--tertiary"
                      onClick={() => {
                        setSaved(null);
                        setEditing(m.orgId);
                      }}
                    >
                      <span className="kern-label">{t('budget.editShort', { name: m.orgName })}</span>
                    </button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

/** Per member the budget mapping (Doppik or Kameralistik) that the budget CSV/XLSX of a run carries. */
export function BudgetMappingsPage() {
  const { t } = useTranslation(NS);
  const q = useBudgetMappings();
  return (
    <Page title={t('budget.title')}>
      <BillingNav current="budget" />
      <p className="kern-body">{t('budget.intro')}</p>
      <QueryState query={q}>{(d) => <Mappings items={d.items} />}</QueryState>
    </Page>
  );
}
