import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SubmitButton, TextField } from '../../components/fields';
import { useCreatePriceList, usePriceLists, type PriceList } from './catalog.api';
import { CatalogNav } from './CatalogNav';
import { NS } from './i18n';

export function PriceListBadges({ l }: { l: Pick<PriceList, 'publishedAt' | 'frozenAt'> }) {
  const { t } = useTranslation(NS);
  return (
    <span className="kern-flex kern-gap-xs">
      {l.frozenAt ? <Badge variant="info">{t('priceList.frozen')}</Badge> : null}
      {l.publishedAt ? <Badge variant="success">{t('priceList.published')}</Badge> : <Badge variant="warning">{t('priceList.draft')}</Badge>}
    </span>
  );
}

function CreateForm({ providerId }: { providerId: string }) {
  const { t } = useTranslation(NS);
  const create = useCreatePriceList();
  const navigate = useNavigate();
  const year = new Date().getFullYear() + 1;
  const [v, setV] = useState({ year: String(year), name: `Leistungs- und Entgeltverzeichnis ${year}` });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ providerId, year: Number(v.year), name: v.name.trim() }, { onSuccess: (l) => void navigate({ to: '/price-lists/$id', params: { id: l.id } }) });
  };
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="pl-new">
      <h2 className="kern-heading-medium" id="pl-new">
        {t('priceList.new')}
      </h2>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <TextField name="year" label={t('priceList.year')} required inputMode="numeric" value={v.year} onChange={(y) => setV((s) => ({ ...s, year: y }))} />
      <TextField name="name" label={t('priceList.name')} required value={v.name} onChange={(name) => setV((s) => ({ ...s, name }))} />
      <SubmitButton busy={create.isPending}>{t('priceList.create')}</SubmitButton>
    </form>
  );
}

/** Leistungs- und Entgeltverzeichnisse per year. */
export function PriceListsPage() {
  const { t } = useTranslation(NS);
  const { activeOrg, may } = useAuth();
  const query = usePriceLists();
  const canManage = activeOrg?.orgKind === 'provider' && may('catalog.manage');
  return (
    <Page title={t('priceList.title')}>
      <CatalogNav current="price-lists" />
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('priceList.empty')}</p>
          ) : (
            <DataTable<PriceList>
              caption={t('priceList.title')}
              rows={data.items}
              rowKey={(l) => l.id}
              columns={[
                { key: 'year', header: t('priceList.year'), render: (l) => String(l.year) },
                {
                  key: 'name',
                  header: t('priceList.name'),
                  rowHeader: true,
                  render: (l) => (
                    <Link to="/price-lists/$id" params={{ id: l.id }} className="kern-link">
                      {l.name}
                    </Link>
                  ),
                },
                { key: 'items', header: t('priceList.items'), numeric: true, render: (l) => String(l.itemCount) },
                { key: 'state', header: t('priceList.state'), render: (l) => <PriceListBadges l={l} /> },
              ]}
            />
          )
        }
      </QueryState>
      {canManage && activeOrg ? <CreateForm providerId={activeOrg.orgId} /> : null}
    </Page>
  );
}
