import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { CheckboxField, SelectField, SubmitButton, TextField } from '../../components/fields';
import { useServices } from '../catalog/catalog.api';
import { BarChart } from '../members/BarChart';
import { equalShares, formatPercent, isIsoDate, sharesFromForm, WHOLE } from './allocation-keys';
import { useBudgetMappings, useCostPlan, useDeletePool, usePreview, useSavePool, type CostPlan, type CostPool, type Preview } from './billing.api';
import { BillingNav } from './BillingNav';
import { NS } from './i18n';
import { euro, euroInput, parseEuro } from './money';

const CATEGORIES = ['personnel', 'depreciation', 'licences', 'energy', 'external_services', 'rent', 'other'] as const;
const KEYS = ['population', 'workstations', 'usage', 'equal', 'fixed'] as const;

/** Usage key: the services whose subscribed quantity × days count, as a group of checkboxes. */
function UsageServices({ selected, onChange, error }: { selected: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const { t } = useTranslation(NS);
  const services = useServices({ status: 'active' });
  const id = 'pool-services';
  return (
    <fieldset className={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
      <legend className="kern-label">{t('pool.services')}</legend>
      <div className="kern-hint" id={`${id}-hint`}>
        {t('pool.servicesHint')}
      </div>
      {error ? (
        <p className="kern-error" id={`${id}-error`}>
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
      <QueryState query={services}>
        {(d) =>
          d.items.length === 0 ? (
            <p className="kern-body">{t('pool.noServices')}</p>
          ) : (
            <div className="kern-fieldset__body">
              {d.items.map((svc) => (
                <CheckboxField
                  key={svc.id}
                  name={`service-${svc.code}`}
                  label={`${svc.code} – ${svc.nameDe}`}
                  checked={selected.includes(svc.id)}
                  onChange={(on) => onChange(on ? [...selected, svc.id] : selected.filter((x) => x !== svc.id))}
                />
              ))}
            </div>
          )
        }
      </QueryState>
    </fieldset>
  );
}

/** Fixed key: a percentage per member (from the agreement) that must add up to exactly 100 %. */
function FixedShares({ texts, onChange, errors }: { texts: Record<string, string>; onChange: (t: Record<string, string>) => void; errors: { total?: string; invalid: string[] } }) {
  const { t } = useTranslation(NS);
  // Every member of the provider, with its name (the budget mappings list has them all).
  const members = useBudgetMappings();
  const { total, invalid } = sharesFromForm(texts);
  const id = 'pool-shares';
  return (
    <fieldset className={`kern-fieldset${errors.total ? ' kern-fieldset--error' : ''}`} aria-describedby={`${id}-hint${errors.total ? ` ${id}-error` : ''}`}>
      <legend className="kern-label">{t('pool.shares')}</legend>
      <div className="kern-hint" id={`${id}-hint`}>
        {t('pool.sharesHint')}
      </div>
      {errors.total ? (
        <p className="kern-error" id={`${id}-error`}>
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{errors.total}</span>
        </p>
      ) : null}
      <QueryState query={members}>
        {(d) => (
          <div className="kern-stack-sm">
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              onClick={() => onChange(Object.fromEntries(Object.entries(equalShares(d.items.map((m) => m.orgId))).map(([k, v]) => [k, formatPercent(v)])))}
            >
              <span className="kern-label">{t('pool.sharesEqual', { count: d.items.length })}</span>
            </button>
            {d.items.map((m) => (
              <TextField
                key={m.orgId}
                name={`share-${m.orgId}`}
                label={t('pool.shareOf', { name: m.orgName })}
                plain
                inputMode="text"
                value={texts[m.orgId] ?? ''}
                error={errors.invalid.includes(m.orgId) ? t('pool.shareInvalid') : undefined}
                onChange={(x) => onChange({ ...texts, [m.orgId]: x })}
              />
            ))}
            <p className="kern-body" aria-live="polite">
              {t('pool.sharesTotal', { total: formatPercent(total), rest: formatPercent(Math.abs(WHOLE - total)), context: total === WHOLE && invalid.length === 0 ? 'ok' : total > WHOLE ? 'over' : 'under' })}
            </p>
          </div>
        )}
      </QueryState>
    </fieldset>
  );
}

function PoolForm({ plan, pool, onDone }: { plan: CostPlan; pool: CostPool | null; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const save = useSavePool(plan.id);
  const [v, setV] = useState({
    name: pool?.name ?? '',
    category: pool?.category ?? 'personnel',
    key: pool?.key ?? 'population',
    planned: pool ? euroInput(pool.plannedCents) : '',
    actual: pool?.actualCents != null ? euroInput(pool.actualCents) : '',
  });
  const [referenceDate, setReferenceDate] = useState(pool?.referenceDate ?? '');
  const [serviceIds, setServiceIds] = useState<string[]>(pool?.serviceIds ?? []);
  const [shares, setShares] = useState<Record<string, string>>(Object.fromEntries(Object.entries(pool?.fixedShares ?? {}).map(([k, x]) => [k, formatPercent(x)])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [invalidShares, setInvalidShares] = useState<string[]>([]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const planned = parseEuro(v.planned);
    const actual = v.actual.trim() === '' ? null : parseEuro(v.actual);
    const errs: Record<string, string> = {};
    if (!v.name.trim()) {
      errs.name = t('pool.nameRequired');
    }
    if (planned === null) {
      errs.planned = t('pool.amountInvalid');
    }
    if (v.actual.trim() !== '' && actual === null) {
      errs.actual = t('pool.amountInvalid');
    }
    const byFigure = v.key === 'population' || v.key === 'workstations';
    if (byFigure && referenceDate.trim() !== '' && !isIsoDate(referenceDate.trim())) {
      errs.referenceDate = t('pool.referenceDateInvalid');
    }
    if (v.key === 'usage' && serviceIds.length === 0) {
      errs.services = t('pool.servicesRequired');
    }
    const fixed = sharesFromForm(shares);
    if (v.key === 'fixed' && (fixed.invalid.length > 0 || fixed.total !== WHOLE)) {
      errs.shares = t('pool.sharesNot100', { total: formatPercent(fixed.total) });
    }
    setErrors(errs);
    setInvalidShares(v.key === 'fixed' ? fixed.invalid : []);
    if (Object.keys(errs).length > 0) {
      return;
    }
    const body = {
      name: v.name.trim(),
      category: v.category,
      key: v.key,
      plannedCents: planned!,
      actualCents: actual,
      ...(byFigure ? { referenceDate: referenceDate.trim() === '' ? null : referenceDate.trim() } : {}),
      ...(v.key === 'usage' ? { serviceIds } : {}),
      ...(v.key === 'fixed' ? { fixedShares: fixed.shares } : {}),
    };
    save.mutate({ poolId: pool?.id ?? null, body: body as never }, { onSuccess: onDone });
  };
  const id = pool ? `pool-${pool.id}` : 'pool-new';
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby={id}>
      <h3 className="kern-heading-small" id={id}>
        {pool ? t('pool.edit', { name: pool.name }) : t('pool.add')}
      </h3>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <TextField name="name" label={t('pool.name')} required value={v.name} error={errors.name} onChange={(name) => setV((s) => ({ ...s, name }))} />
      <SelectField
        name="category"
        label={t('pool.category')}
        value={v.category}
        options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        onChange={(category) => setV((s) => ({ ...s, category: category as typeof s.category }))}
      />
      <SelectField
        name="key"
        label={t('pool.key')}
        hint={t('pool.keyHint')}
        value={v.key}
        options={KEYS.map((k) => ({ value: k, label: t(`key.${k}`) }))}
        onChange={(key) => setV((s) => ({ ...s, key: key as typeof s.key }))}
      />
      {v.key === 'population' || v.key === 'workstations' ? (
        <TextField
          name="referenceDate"
          label={t('pool.referenceDate')}
          hint={t('pool.referenceDateHint', { date: `30.06.${plan.year - 1}` })}
          value={referenceDate}
          error={errors.referenceDate}
          onChange={setReferenceDate}
        />
      ) : null}
      {v.key === 'usage' ? <UsageServices selected={serviceIds} onChange={setServiceIds} error={errors.services} /> : null}
      {v.key === 'fixed' ? <FixedShares texts={shares} onChange={setShares} errors={{ total: errors.shares, invalid: invalidShares }} /> : null}
      <TextField name="planned" label={t('pool.planned')} hint={t('pool.amountHint')} required inputMode="text" value={v.planned} error={errors.planned} onChange={(planned) => setV((s) => ({ ...s, planned }))} />
      <TextField name="actual" label={t('pool.actual')} hint={t('pool.actualHint')} inputMode="text" value={v.actual} error={errors.actual} onChange={(actual) => setV((s) => ({ ...s, actual }))} />
      <div className="kern-flex kern-gap-sm">
        <SubmitButton busy={save.isPending}>{t('save')}</SubmitButton>
        {pool ? (
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onDone}>
            <span className="kern-label">{t('cancel')}</span>
          </button>
        ) : null}
      </div>
    </form>
  );
}

function Pools({ plan }: { plan: CostPlan }) {
  const { t } = useTranslation(NS);
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useDeletePool(plan.id);
  const manage = plan.abilities.manage;
  const editPool = plan.pools.find((p) => p.id === editing) ?? null;
  return (
    <section className="kern-stack-md" aria-labelledby="pools-h">
      <h2 className="kern-heading-medium" id="pools-h">
        {t('pool.title')}
      </h2>
      {remove.error ? <ProblemAlert error={remove.error} /> : null}
      {plan.pools.length === 0 ? (
        <p className="kern-body">{t('pool.empty')}</p>
      ) : (
        <DataTable<CostPool>
          caption={t('pool.title')}
          rows={plan.pools}
          rowKey={(p) => p.id}
          columns={[
            { key: 'name', header: t('pool.name'), rowHeader: true, render: (p) => p.name },
            { key: 'category', header: t('pool.category'), render: (p) => t(`category.${p.category}`) },
            { key: 'key', header: t('pool.key'), render: (p) => t(`key.${p.key}`) },
            { key: 'planned', header: t('pool.planned'), numeric: true, render: (p) => euro(p.plannedCents) },
            { key: 'actual', header: t('pool.actual'), numeric: true, render: (p) => (p.actualCents === null ? '—' : euro(p.actualCents)) },
            ...(manage
              ? [
                  {
                    key: 'actions',
                    header: t('actions'),
                    render: (p: CostPool) => (
                      <span className="kern-flex kern-gap-xs">
                        <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setEditing(p.id)}>
                          <span className="kern-label">{t('pool.editShort', { name: p.name })}</span>
                        </button>
                        <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => remove.mutate(p.id)}>
                          <span className="kern-label">{t('pool.delete', { name: p.name })}</span>
                        </button>
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {manage && editPool ? <PoolForm key={editPool.id} plan={plan} pool={editPool} onDone={() => setEditing(null)} /> : null}
      {manage && !editPool ? <PoolForm key={`new-${plan.pools.length}`} plan={plan} pool={null} onDone={() => undefined} /> : null}
    </section>
  );
}

function PreviewView({ preview }: { preview: Preview }) {
  const { t } = useTranslation(NS);
  const bars = [...preview.members].sort((a, b) => b.totalCents - a.totalCents).map((m) => ({ key: m.orgId, label: m.orgName, value: m.totalCents }));
  return (
    <div className="kern-stack-md">
      {preview.warnings.map((w) => (
        <p key={w} className="kern-body">
          {w}
        </p>
      ))}
      <p className="kern-body">{t('preview.total', { amount: euro(preview.totalCents) })}</p>
      {bars.length > 0 ? <BarChart title={t('preview.chart')} bars={bars} labelHeader={t('preview.member')} valueHeader={t('preview.amount')} format={euro} /> : null}
      {preview.pools.map((p) => (
        <details key={p.poolId} className="kern-stack-sm">
          <summary className="kern-body">
            {t('preview.poolSummary', { name: p.name, key: t(`key.${p.key}`), base: euro(p.baseCents) })}
            {p.reductionCents > 0 ? ` ${t('preview.grants', { amount: euro(p.reductionCents) })}` : ''}
          </summary>
          <DataTable
            caption={t('preview.poolCaption', { name: p.name })}
            rows={p.members}
            rowKey={(m) => m.orgId}
            columns={[
              { key: 'member', header: t('preview.member'), rowHeader: true, render: (m) => m.orgName },
              { key: 'keyValue', header: t('preview.keyValue'), numeric: true, render: (m) => m.keyValue },
              { key: 'days', header: t('preview.days'), numeric: true, render: (m) => String(m.days) },
              { key: 'share', header: t('preview.share'), numeric: true, render: (m) => `${m.sharePercent.replace('.', ',')} %` },
              { key: 'amount', header: t('preview.amount'), numeric: true, render: (m) => euro(m.amountCents) },
            ]}
          />
        </details>
      ))}
    </div>
  );
}

/** One cost plan: pools with amounts and keys, and the allocation preview with a chart of shares. */
export function CostPlanPage() {
  const { t } = useTranslation(NS);
  const { id } = useParams({ strict: false }) as { id: string };
  const plan = useCostPlan(id);
  const [basis, setBasis] = useState<'planned' | 'actual'>('planned');
  const preview = usePreview(id, basis);
  return (
    <Page title={plan.data ? plan.data.title : t('plan.listTitle')}>
      <BillingNav current="plans" />
      <QueryState query={plan}>{(p) => <Pools plan={p} />}</QueryState>
      <section className="kern-stack-md" aria-labelledby="preview-h">
        <h2 className="kern-heading-medium" id="preview-h">
          {t('preview.title')}
        </h2>
        <p className="kern-body">{t('preview.intro')}</p>
        <SelectField
          name="basis"
          label={t('preview.basis')}
          value={basis}
          options={[
            { value: 'planned', label: t('preview.planned') },
            { value: 'actual', label: t('preview.actual') },
          ]}
          onChange={(b) => setBasis(b as 'planned' | 'actual')}
        />
        <QueryState query={preview}>{(p) => <PreviewView preview={p} />}</QueryState>
      </section>
    </Page>
  );
}
