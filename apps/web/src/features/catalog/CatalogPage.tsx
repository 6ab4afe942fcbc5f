import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { QueryState } from '../../components/QueryState';
import { SelectField } from '../../components/fields';
import { useServices, type Service } from './catalog.api';
import { CatalogNav } from './CatalogNav';
import { NS } from './i18n';

/** The service catalogue: every member reads it, provider finance edits it. */
export function CatalogPage() {
  const { t } = useTranslation(NS);
  const { activeOrg, may } = useAuth();
  const [status, setStatus] = useState<'' | 'active' | 'retired'>('active');
  const query = useServices(status ? { status } : {});
  const canManage = activeOrg?.orgKind === 'provider' && may('catalog.manage');
  return (
    <Page
      title={t('catalog.title')}
      actions={
        canManage ? (
          <Link to="/catalog/services/$id" params={{ id: 'new' }} className="kern-btn kern-btn--primary">
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('service.new')}</span>
          </Link>
        ) : null
      }
    >
      <CatalogNav current="services" />
      <p className="kern-body">{t('catalog.intro')}</p>
      <div className="form-narrow">
        <SelectField
          name="status"
          plain
          label={t('service.status')}
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={[
            { value: 'active', label: t('status.active') },
            { value: 'retired', label: t('status.retired') },
            { value: '', label: t('status.all') },
          ]}
        />
      </div>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('catalog.empty')}</p>
          ) : (
            <DataTable<Service>
              caption={t('catalog.title')}
              rows={data.items}
              rowKey={(s) => s.id}
              columns={[
                { key: 'code', header: t('service.code'), render: (s) => s.code },
                {
                  key: 'name',
                  header: t('service.name'),
                  rowHeader: true,
                  render: (s) => (
                    <Link to="/catalog/services/$id" params={{ id: s.id }} className="kern-link">
                      {s.nameDe}
                    </Link>
                  ),
                },
                { key: 'category', header: t('service.category'), render: (s) => s.category },
                { key: 'unit', header: t('service.chargeUnit'), render: (s) => `${t(`unit.${s.chargeUnit}`)} (${s.unitCode})` },
                { key: 'vat', header: t('service.vat'), render: (s) => t(`vat.${s.vatTreatment}`) },
                {
                  key: 'status',
                  header: t('service.status'),
                  render: (s) => <Badge variant={s.status === 'active' ? 'success' : 'warning'}>{t(`status.${s.status}`)}</Badge>,
                },
              ]}
            />
          )
        }
      </QueryState>
    </Page>
  );
}
