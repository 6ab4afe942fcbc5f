import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import {
  findByInventoryNumber,
  formatDate,
  formatEuro,
  useAddRelation,
  useAsset,
  useHistory,
  useRelations,
  useRemoveRelation,
  useTransition,
  type Asset,
  type HistoryEntry,
  type Relation,
  type RelationKind,
} from './assets.api';
import { NS } from './i18n';
import { AssetLockIns } from '../grants/AssetLockIns';
import { RelationGraph } from './RelationGraph';
import { statusVariant } from './status';

const RELATION_KINDS: RelationKind[] = ['runs_on', 'connected_to', 'backed_up_by', 'depends_on'];

/** One asset: master data, type attributes, depreciation, status steps, relations (list + graph), history. */
export function AssetDetailPage() {
  const { id } = useParams({ from: '/app/assets/$id' });
  const { t } = useTranslation(NS);
  const query = useAsset(id);
  return (
    <QueryState query={query}>
      {(a) => (
        <Page
          title={t('detail.title', { number: a.inventoryNumber })}
          actions={
            <>
              {a.abilities.update ? (
                <Link to="/assets/$id/edit" params={{ id: a.id }} className="kern-btn kern-btn--secondary">
                  <span className="kern-label">{t('detail.edit')}</span>
                </Link>
              ) : null}
              <a className="kern-btn kern-btn--secondary" href={`/api/v1/assets/labels?ids=${a.id}`} download>
                <span className="kern-label">{t('detail.label')}</span>
              </a>
            </>
          }
        >
          <Overview a={a} />
          <AssetLockIns assetId={a.id} />
          <Transitions a={a} />
          <Relations a={a} />
          <History id={a.id} />
        </Page>
      )}
    </QueryState>
  );
}

function Overview({ a }: { a: Asset }) {
  const { t, i18n } = useTranslation(NS);
  const d = a.depreciation;
  const attrs = Object.entries(a.attributes);
  return (
    <>
      <section className="kern-stack-md" aria-labelledby="asset-master">
        <h2 className="kern-heading-medium" id="asset-master">
          {t('detail.master')}
        </h2>
        <DescriptionList
          items={[
            { label: t('field.type'), value: t(`type.${a.type}`) },
            { label: t('field.status'), value: <Badge variant={statusVariant(a.status)}>{t(`status.${a.status}`)}</Badge> },
            { label: t('field.name'), value: a.name ?? '–' },
            { label: t('field.manufacturer'), value: a.manufacturer ?? '–' },
            { label: t('field.model'), value: a.model ?? '–' },
            { label: t('field.serial'), value: a.serial ?? '–' },
            { label: t('field.owner'), value: `${a.ownerName ?? '–'} (${a.ownerIsProvider ? t('detail.ownerProvider') : t('detail.ownerMember')})` },
            { label: t('field.usingMember'), value: a.usingMemberName ?? '–' },
            { label: t('field.site'), value: [a.siteName, a.roomName].filter(Boolean).join(', ') || '–' },
            { label: t('field.assignedPerson'), value: a.assignedPerson ?? '–' },
            { label: t('field.supplier'), value: a.supplier ?? '–' },
            { label: t('field.warrantyEnd'), value: formatDate(a.warrantyEnd, i18n.language) },
            { label: t('field.fundingReference'), value: a.fundingReference ?? '–' },
            { label: t('field.notes'), value: a.notes ?? '–' },
          ]}
        />
      </section>
      <section className="kern-stack-md" aria-labelledby="asset-attrs">
        <h2 className="kern-heading-medium" id="asset-attrs">
          {t('detail.attributes')}
        </h2>
        {attrs.length === 0 ? (
          <p className="kern-body">{t('detail.noAttributes')}</p>
        ) : (
          <DescriptionList items={attrs.map(([k, v]) => ({ label: t(`attr.${k}`, { defaultValue: k }), value: typeof v === 'boolean' ? (v ? t('common.yes') : t('common.no')) : String(v) }))} />
        )}
      </section>
      <section className="kern-stack-md" aria-labelledby="asset-dep">
        <h2 className="kern-heading-medium" id="asset-dep">
          {t('dep.title')}
        </h2>
        <DescriptionList
          items={[
            { label: t('field.purchaseDate'), value: formatDate(a.purchaseDate, i18n.language) },
            { label: t('field.cost'), value: formatEuro(a.costCents, i18n.language) },
            { label: t('dep.classification'), value: t(`dep.class.${d.classification}`) },
            { label: t('dep.threshold'), value: formatEuro(d.lowValueThresholdCents, i18n.language) },
            { label: t('dep.usefulLife'), value: d.usefulLifeMonths ? t('dep.months', { count: d.usefulLifeMonths }) : '–' },
            { label: t('dep.monthly'), value: formatEuro(d.monthlyCents, i18n.language) },
            { label: t('dep.accumulated'), value: formatEuro(d.accumulatedCents, i18n.language) },
            { label: t('dep.bookValueOn', { date: formatDate(d.asOf, i18n.language) }), value: formatEuro(d.bookValueCents, i18n.language) },
            { label: t('dep.fullyOn'), value: formatDate(d.fullyDepreciatedOn, i18n.language) },
            ...(a.disposedAt ? [{ label: t('dep.writtenOff', { date: formatDate(a.disposedAt, i18n.language) }), value: formatEuro(d.writtenOffCents, i18n.language) }] : []),
          ]}
        />
      </section>
    </>
  );
}

function Transitions({ a }: { a: Asset }) {
  const { t } = useTranslation(NS);
  const move = useTransition(a.id);
  const [to, setTo] = useState(a.allowedTransitions[0] ?? '');
  const [date, setDate] = useState('');
  // A step out of use goes through even when a grant still binds the asset; what it warned of
  // stays on screen, also once the asset has no further step (disposed).
  const warnings = move.data?.warnings ?? [];
  const warned =
    warnings.length > 0 ? (
      <Alert variant="warning" title={t('transition.warningsTitle')}>
        <ul className="kern-list">
          {warnings.map((w) => (
            <li key={`${w.code}:${w.grantId ?? ''}`}>{w.message_de}</li>
          ))}
        </ul>
      </Alert>
    ) : null;
  if (!a.abilities.transition) {
    return warned;
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (to) {
      move.mutate({ to: to as Asset['status'], ...(date ? { date } : {}) });
    }
  };
  return (
    <section className="kern-stack-md" aria-labelledby="asset-status">
      <h2 className="kern-heading-medium" id="asset-status">
        {t('transition.title')}
      </h2>
      <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate>
        <SelectField name="to" label={t('transition.to')} required value={to} onChange={(v) => setTo(v as Asset['status'])} options={a.allowedTransitions.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        {to === 'disposed' ? <AssetLockIns assetId={a.id} disposing /> : null}
        {to === 'disposed' ? <TextField name="date" label={t('transition.disposalDate')} hint={t('form.dateHint')} value={date} onChange={setDate} /> : null}
        <ProblemAlert error={move.error} />
        <SubmitButton busy={move.isPending}>{t('transition.submit')}</SubmitButton>
      </form>
      {warned}
    </section>
  );
}

function Relations({ a }: { a: Asset }) {
  const { t } = useTranslation(NS);
  const query = useRelations(a.id);
  const add = useAddRelation(a.id);
  const remove = useRemoveRelation(a.id);
  const [type, setType] = useState<RelationKind>('runs_on');
  const [target, setTarget] = useState('');
  const [notFound, setNotFound] = useState(false);
  const onAdd = async (e: FormEvent) => {
    e.preventDefault();
    setNotFound(false);
    const other = await findByInventoryNumber(target);
    if (!other) {
      setNotFound(true);
      return;
    }
    add.mutate({ type, toAssetId: other.id }, { onSuccess: () => setTarget('') });
  };
  return (
    <section className="kern-stack-md" aria-labelledby="asset-rel">
      <h2 className="kern-heading-medium" id="asset-rel">
        {t('rel.title')}
      </h2>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('rel.empty')}</p>
          ) : (
            <>
              <DataTable<Relation>
                caption={t('rel.title')}
                rows={data.items}
                rowKey={(r) => r.id}
                columns={[
                  { key: 'dir', header: t('rel.direction'), render: (r) => t(`rel.${r.direction}`) },
                  { key: 'type', header: t('rel.type'), render: (r) => t(`relType.${r.type}`) },
                  {
                    key: 'other',
                    header: t('rel.other'),
                    rowHeader: true,
                    render: (r) =>
                      r.kind === 'asset' && r.otherLabel ? (
                        <Link to="/assets/$id" params={{ id: r.otherId }} className="kern-link">
                          {r.otherLabel}
                        </Link>
                      ) : (
                        (r.otherLabel ?? t('rel.hidden'))
                      ),
                  },
                  { key: 'kind', header: t('rel.kind'), render: (r) => (r.kind === 'service' ? t('rel.service') : r.otherType ? t(`type.${r.otherType}`) : '–') },
                  {
                    key: 'actions',
                    header: t('rel.actions'),
                    render: (r) =>
                      r.canDelete ? (
                        <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => remove.mutate(r.id)} disabled={remove.isPending}>
                          <span className="kern-label">{t('rel.remove', { other: r.otherLabel ?? '' })}</span>
                        </button>
                      ) : (
                        '–'
                      ),
                  },
                ]}
              />
              <RelationGraph label={a.inventoryNumber} relations={data.items} />
            </>
          )
        }
      </QueryState>
      <ProblemAlert error={remove.error} />
      {a.abilities.relate ? (
        <form className="kern-stack-md form-narrow" onSubmit={(e) => void onAdd(e)} noValidate aria-labelledby="asset-rel-add">
          <h3 className="kern-heading-small" id="asset-rel-add">
            {t('rel.add')}
          </h3>
          <SelectField name="relType" label={t('rel.type')} required value={type} onChange={(v) => setType(v as RelationKind)} options={RELATION_KINDS.map((k) => ({ value: k, label: t(`relType.${k}`) }))} />
          <TextField name="target" label={t('rel.targetNumber')} required value={target} onChange={setTarget} error={notFound ? t('rel.notFound') : undefined} />
          <ProblemAlert error={add.error} />
          <SubmitButton busy={add.isPending}>{t('rel.submit')}</SubmitButton>
        </form>
      ) : null}
    </section>
  );
}

function History({ id }: { id: string }) {
  const { t, i18n } = useTranslation(NS);
  const query = useHistory(id);
  const fmt = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return (
    <section className="kern-stack-md" aria-labelledby="asset-hist">
      <h2 className="kern-heading-medium" id="asset-hist">
        {t('history.title')}
      </h2>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('history.empty')}</p>
          ) : (
            <DataTable<HistoryEntry>
              caption={t('history.title')}
              rows={data.items}
              rowKey={(e) => e.id}
              columns={[
                { key: 'when', header: t('history.when'), rowHeader: true, render: (e) => new Date(e.createdAt).toLocaleString(i18n.language.startsWith('de') ? 'de-DE' : 'en-GB', { timeZone: 'Europe/Berlin' }) },
                { key: 'who', header: t('history.who'), render: (e) => e.actorName ?? t('history.system') },
                { key: 'what', header: t('history.what'), render: (e) => t(`history.action.${e.action.split(':')[0]}`, { defaultValue: e.action }) },
                {
                  key: 'changes',
                  header: t('history.changes'),
                  render: (e) =>
                    e.changes.length === 0 ? (
                      '–'
                    ) : (
                      <ul className="kern-list">
                        {e.changes.slice(0, 12).map((c) => (
                          <li key={c.field}>
                            {t(`field.${c.field}`, { defaultValue: c.field })}: {fmt(c.before)} → {fmt(c.after)}
                          </li>
                        ))}
                      </ul>
                    ),
                },
              ]}
            />
          )
        }
      </QueryState>
    </section>
  );
}
