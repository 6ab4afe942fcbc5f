import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { QueryState } from '../../components/QueryState';
import { SelectField, TextField } from '../../components/fields';
import { filterQuery, formatDate, formatEuro, useAssets, useAssetTypes, useOrganisations, type Asset, type AssetFilters } from './assets.api';
import { NS } from './i18n';
import { STATUSES, statusVariant } from './status';

/** The inventory: filters (type, status, member, owner, warranty ending, search), export, labels. */
export function AssetsPage() {
  const { t, i18n } = useTranslation(NS);
  const { may } = useAuth();
  const types = useAssetTypes();
  const orgs = useOrganisations();
  const [f, setF] = useState<AssetFilters>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const query = useAssets(f, cursors[cursors.length - 1]);
  const set = (patch: Partial<AssetFilters>) => {
    setCursors([]);
    setF((prev) => ({ ...prev, ...patch }));
  };
  const members = (orgs.data?.items ?? []).filter((o) => o.kind === 'member');
  const canManage = may('asset.manage');
  const qs = filterQuery(f);
  return (
    <Page
      title={t('list.title')}
      actions={
        canManage ? (
          <>
            <Link to="/assets/$id/edit" params={{ id: 'new' }} className="kern-btn kern-btn--primary">
              <span className="kern-icon kern-icon--add" aria-hidden="true" />
              <span className="kern-label">{t('list.new')}</span>
            </Link>
            <Link to="/assets/import" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t('list.import')}</span>
            </Link>
          </>
        ) : null
      }
    >
      <p className="kern-body">{t('list.intro')}</p>
      <form className="kern-flex kern-flex-wrap kern-gap-md kern-align-items-end" role="search" aria-label={t('list.filters')} onSubmit={(e) => e.preventDefault()}>
        <TextField name="q" plain type="search" label={t('list.search')} value={f.q ?? ''} onChange={(v) => set({ q: v || undefined })} />
        <SelectField
          name="type"
          plain
          label={t('field.type')}
          value={f.type ?? ''}
          onChange={(v) => set({ type: (v || undefined) as AssetFilters['type'] })}
          options={[{ value: '', label: t('list.all') }, ...(types.data?.items ?? []).map((x) => ({ value: x.type, label: t(`type.${x.type}`) }))]}
        />
        <SelectField
          name="status"
          plain
          label={t('field.status')}
          value={f.status ?? ''}
          onChange={(v) => set({ status: (v || undefined) as AssetFilters['status'] })}
          options={[{ value: '', label: t('list.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        />
        {members.length > 0 ? (
          <SelectField
            name="memberId"
            plain
            label={t('field.usingMember')}
            value={f.memberId ?? ''}
            onChange={(v) => set({ memberId: v || undefined })}
            options={[{ value: '', label: t('list.all') }, ...members.map((o) => ({ value: o.id, label: o.name }))]}
          />
        ) : null}
        <SelectField
          name="ownerOrgId"
          plain
          label={t('field.owner')}
          value={f.ownerOrgId ?? ''}
          onChange={(v) => set({ ownerOrgId: v || undefined })}
          options={[{ value: '', label: t('list.all') }, ...(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))]}
        />
        <SelectField
          name="warranty"
          plain
          label={t('list.warrantyEnding')}
          value={f.warrantyEndingBefore ?? ''}
          onChange={(v) => set({ warrantyEndingBefore: v || undefined })}
          options={[
            { value: '', label: t('list.any') },
            ...[3, 6, 12].map((m) => {
              const d = new Date();
              d.setMonth(d.getMonth() + m);
              return { value: d.toISOString().slice(0, 10), label: t('list.withinMonths', { count: m }) };
            }),
          ]}
        />
      </form>
      <div className="kern-flex kern-flex-wrap kern-gap-sm">
        <a className="kern-btn kern-btn--secondary" href={`/api/v1/assets?${filterQuery(f, { format: 'csv' })}`} download>
          <span className="kern-label">{t('list.exportCsv')}</span>
        </a>
        <a className="kern-btn kern-btn--secondary" href={`/api/v1/assets?${filterQuery(f, { format: 'xlsx' })}`} download>
          <span className="kern-label">{t('list.exportXlsx')}</span>
        </a>
        <a className="kern-btn kern-btn--secondary" href={`/api/v1/assets/labels${qs ? `?${qs}` : ''}`} download>
          <span className="kern-label">{t('list.labels')}</span>
        </a>
        {f.ownerOrgId ? (
          <a className="kern-btn kern-btn--secondary" href={`/api/v1/assets/depreciation?ownerOrgId=${f.ownerOrgId}&format=xlsx`} download>
            <span className="kern-label">{t('list.depreciationExport')}</span>
          </a>
        ) : null}
      </div>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('list.empty')}</p>
          ) : (
            <>
              <p className="kern-body" aria-live="polite">
                {data.total !== undefined ? t('list.count', { count: data.total }) : t('list.many')}
              </p>
              <DataTable<Asset>
                caption={t('list.title')}
                rows={data.items}
                rowKey={(a) => a.id}
                columns={[
                  {
                    key: 'inv',
                    header: t('field.inventoryNumber'),
                    rowHeader: true,
                    render: (a) => (
                      <Link to="/assets/$id" params={{ id: a.id }} className="kern-link">
                        {a.inventoryNumber}
                      </Link>
                    ),
                  },
                  { key: 'type', header: t('field.type'), render: (a) => t(`type.${a.type}`) },
                  { key: 'name', header: t('field.name'), render: (a) => a.name ?? '–' },
                  { key: 'model', header: t('field.model'), render: (a) => [a.manufacturer, a.model].filter(Boolean).join(' ') || '–' },
                  { key: 'member', header: t('field.usingMember'), render: (a) => a.usingMemberName ?? '–' },
                  { key: 'status', header: t('field.status'), render: (a) => <Badge variant={statusVariant(a.status)}>{t(`status.${a.status}`)}</Badge> },
                  { key: 'warranty', header: t('field.warrantyEnd'), render: (a) => formatDate(a.warrantyEnd, i18n.language) },
                  { key: 'book', header: t('dep.bookValue'), numeric: true, render: (a) => formatEuro(a.depreciation.bookValueCents, i18n.language) },
                ]}
              />
              <div className="kern-flex kern-gap-sm">
                {cursors.length > 0 ? (
                  <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setCursors((c) => c.slice(0, -1))}>
                    <span className="kern-label">{t('list.previous')}</span>
                  </button>
                ) : null}
                {data.nextCursor ? (
                  <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setCursors((c) => [...c, data.nextCursor!])}>
                    <span className="kern-label">{t('list.next')}</span>
                  </button>
                ) : null}
              </div>
            </>
          )
        }
      </QueryState>
    </Page>
  );
}
