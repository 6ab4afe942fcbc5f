import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { useFocusFirstError } from '../../components/use-focus-error';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { formatDecimal, useCopyPriceList, usePriceList, usePutPrice, useRemovePrice, useServices, useUpdatePriceList, type Price, type PriceListDetail } from './catalog.api';
import { CatalogNav } from './CatalogNav';
import { NS } from './i18n';
import { PriceListBadges } from './PriceListsPage';

const route = getRouteApi('/app/price-lists/$id');

/** Editor input: German comma or point; the server answers 4-digit strings. */
const plain = (s: string) => s.replace(/0+$/, '').replace(/\.$/, '');

function PriceForm({ listId, serviceId, price, onDone }: { listId: string; serviceId: string | null; price: Price | null; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const put = usePutPrice(listId);
  const services = useServices({ status: 'active' });
  const [v, setV] = useState({
    serviceId: serviceId ?? '',
    unitPrice: price ? plain(price.unitPrice) : '',
    tierMode: price?.tierMode ?? ('graduated' as 'graduated' | 'volume'),
    tiers: (price?.tiers ?? []).map((x) => ({ aboveQuantity: plain(x.aboveQuantity), unitPrice: plain(x.unitPrice) })),
  });
  const [attempt, setAttempt] = useState(0);
  const ref = useFocusFirstError<HTMLFormElement>(attempt);
  const problem = put.error instanceof ApiProblem ? put.error : null;
  const { byField, other } = splitFieldErrors(problem, ['unitPrice', 'tierMode']);
  const options = (services.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} – ${s.nameDe}` }));
  const chosen = v.serviceId || options[0]?.value || '';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    put.mutate(
      { serviceId: chosen, body: { unitPrice: v.unitPrice.trim(), tierMode: v.tierMode, tiers: v.tiers.filter((x) => x.aboveQuantity.trim() !== '' || x.unitPrice.trim() !== '') } },
      { onSuccess: onDone, onError: () => setAttempt((a) => a + 1) },
    );
  };
  const setTier = (i: number, k: 'aboveQuantity' | 'unitPrice', value: string) => setV((s) => ({ ...s, tiers: s.tiers.map((x, j) => (j === i ? { ...x, [k]: value } : x)) }));
  return (
    <form ref={ref} className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="price-form">
      <h2 className="kern-heading-medium" id="price-form">
        {price ? t('price.editTitle', { service: price.serviceName }) : t('price.add')}
      </h2>
      {put.error ? <ProblemAlert error={put.error} fieldErrors={other} /> : null}
      {price ? null : <SelectField name="serviceId" label={t('subscriptions.service')} required value={chosen} onChange={(serviceId) => setV((s) => ({ ...s, serviceId }))} options={options} />}
      <TextField name="unitPrice" label={t('price.unitPrice')} hint={t('price.unitPriceHint')} required value={v.unitPrice} error={byField.unitPrice} onChange={(unitPrice) => setV((s) => ({ ...s, unitPrice }))} />
      <SelectField
        name="tierMode"
        label={t('price.tierMode')}
        hint={t('price.tierModeHint')}
        required
        value={v.tierMode}
        error={byField.tierMode}
        onChange={(tierMode) => setV((s) => ({ ...s, tierMode: tierMode as 'graduated' | 'volume' }))}
        options={[
          { value: 'graduated', label: t('price.graduated') },
          { value: 'volume', label: t('price.volume') },
        ]}
      />
      <fieldset className="kern-fieldset">
        <legend className="kern-label">{t('price.tiers')}</legend>
        <div className="kern-fieldset__body kern-stack-md">
          {v.tiers.length === 0 ? <p className="kern-body">{t('price.noTiers')}</p> : null}
          {v.tiers.map((x, i) => (
            <div key={i} className="kern-flex kern-flex-wrap kern-gap-md kern-align-items-end">
              <TextField name={`tier-${i}-above`} label={t('price.above', { n: i + 1 })} required value={x.aboveQuantity} error={problem?.errors?.find((e) => e.field.startsWith(`body/tiers/${i}`))?.message} onChange={(val) => setTier(i, 'aboveQuantity', val)} />
              <TextField name={`tier-${i}-price`} label={t('price.tierPrice', { n: i + 1 })} required value={x.unitPrice} onChange={(val) => setTier(i, 'unitPrice', val)} />
              <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setV((s) => ({ ...s, tiers: s.tiers.filter((_, j) => j !== i) }))}>
                <span className="kern-label">{t('price.removeTier', { n: i + 1 })}</span>
              </button>
            </div>
          ))}
          <div>
            <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setV((s) => ({ ...s, tiers: [...s.tiers, { aboveQuantity: '', unitPrice: '' }] }))}>
              <span className="kern-icon kern-icon--add" aria-hidden="true" />
              <span className="kern-label">{t('price.addTier')}</span>
            </button>
          </div>
        </div>
      </fieldset>
      <div className="kern-flex kern-gap-sm">
        <SubmitButton busy={put.isPending}>{t('save')}</SubmitButton>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onDone}>
          <span className="kern-label">{t('cancel')}</span>
        </button>
      </div>
    </form>
  );
}

function tiersText(p: Price, t: (k: string, o?: Record<string, unknown>) => string, lang: string): string {
  if (p.tiers.length === 0) {
    return '–';
  }
  const mode = t(p.tierMode === 'graduated' ? 'price.graduated' : 'price.volume');
  return `${mode}: ${p.tiers.map((x) => t('price.tierText', { above: formatDecimal(x.aboveQuantity, lang).replace(/[,.]00$/, ''), price: formatDecimal(x.unitPrice, lang) })).join('; ')}`;
}

function Detail({ l }: { l: PriceListDetail }) {
  const { t, i18n } = useTranslation(NS);
  const navigate = useNavigate();
  const update = useUpdatePriceList(l.id);
  const copy = useCopyPriceList(l.id);
  const remove = useRemovePrice(l.id);
  const [editing, setEditing] = useState<Price | 'new' | null>(null);
  const canEdit = l.abilities.update;
  return (
    <Page
      title={l.name}
      actions={
        <>
          {canEdit ? (
            <button type="button" className="kern-btn kern-btn--secondary" disabled={update.isPending} onClick={() => update.mutate({ published: !l.publishedAt })}>
              <span className="kern-label">{l.publishedAt ? t('priceList.unpublish') : t('priceList.publish')}</span>
            </button>
          ) : null}
          {l.abilities.copy ? (
            <button type="button" className="kern-btn kern-btn--primary" disabled={copy.isPending} onClick={() => copy.mutate(undefined, { onSuccess: (c) => void navigate({ to: '/price-lists/$id', params: { id: c.id } }) })}>
              <span className="kern-label">{t('priceList.copy', { year: l.year + 1 })}</span>
            </button>
          ) : null}
        </>
      }
    >
      <CatalogNav current="price-lists" />
      <PriceListBadges l={l} />
      {l.frozenAt ? <Alert variant="info" title={t('priceList.frozenTitle')}>{<p className="kern-body">{t('priceList.frozenText')}</p>}</Alert> : null}
      <ProblemAlert error={update.error ?? copy.error ?? remove.error} />
      {editing ? <PriceForm key={editing === 'new' ? 'new' : editing.serviceId} listId={l.id} serviceId={editing === 'new' ? null : editing.serviceId} price={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
      {canEdit && editing === null ? (
        <div>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setEditing('new')}>
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('price.add')}</span>
          </button>
        </div>
      ) : null}
      {l.prices.length === 0 ? (
        <p className="kern-body">{t('price.empty')}</p>
      ) : (
        <DataTable<Price>
          caption={t('price.caption', { year: l.year })}
          rows={l.prices}
          rowKey={(p) => p.serviceId}
          columns={[
            { key: 'code', header: t('service.code'), render: (p) => p.serviceCode },
            { key: 'name', header: t('service.name'), rowHeader: true, render: (p) => p.serviceName },
            { key: 'unit', header: t('service.chargeUnit'), render: (p) => `${t(`unit.${p.chargeUnit}`)} (${p.unitCode})` },
            { key: 'price', header: t('price.unitPrice'), numeric: true, render: (p) => `${formatDecimal(p.unitPrice, i18n.language)} €` },
            { key: 'tiers', header: t('price.tiers'), render: (p) => tiersText(p, t, i18n.language) },
            ...(canEdit
              ? [
                  {
                    key: 'actions',
                    header: t('actions'),
                    render: (p: Price) => (
                      <div className="kern-flex kern-flex-wrap kern-gap-sm">
                        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setEditing(p)}>
                          <span className="kern-label">{t('price.edit', { name: p.serviceName })}</span>
                        </button>
                        <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => remove.mutate(p.serviceId)}>
                          <span className="kern-label">{t('price.remove', { name: p.serviceName })}</span>
                        </button>
                      </div>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Page>
  );
}

export function PriceListPage() {
  const { id } = route.useParams();
  const query = usePriceList(id);
  return <QueryState query={query}>{(l) => <Detail key={l.id} l={l} />}</QueryState>;
}
