import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/QueryState';
import { useFundedAssets, type FundedAsset, type Grant } from './grants.api';
import { NS } from './i18n';
import { dateDe, euroText } from './money';

/** Today in Berlin as an ISO day, to compare with lock-in ends. */
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });

/** Assets bought with the grant: the end of their lock-in, and a warning when one left too early. */
export function AssetsTab({ grant }: { grant: Grant }) {
  const { t } = useTranslation(NS);
  const assets = useFundedAssets(grant.id);
  return (
    <section className="kern-stack-md" aria-labelledby="assets-h">
      <h2 className="kern-heading-medium" id="assets-h">
        {t('tab.assets')}
      </h2>
      <p className="kern-body">{t('assets.intro', { count: grant.lockInYears })}</p>
      <QueryState query={assets}>
        {(a) =>
          a.items.length === 0 ? (
            <p className="kern-body">{t('assets.empty')}</p>
          ) : (
            <DataTable<FundedAsset>
              caption={t('tab.assets')}
              rows={a.items}
              rowKey={(x) => x.assetId}
              columns={[
                {
                  key: 'inv',
                  header: t('assets.inventoryNumber'),
                  rowHeader: true,
                  render: (x) => (
                    <Link to="/assets/$id" params={{ id: x.assetId }} className="kern-link">
                      {x.inventoryNumber}
                    </Link>
                  ),
                },
                { key: 'name', header: t('assets.name'), render: (x) => x.name ?? '—' },
                { key: 'acquired', header: t('assets.acquired'), render: (x) => dateDe(x.acquired) },
                { key: 'end', header: t('assets.lockInEnd'), render: (x) => dateDe(x.lockInEnd) },
                { key: 'amount', header: t('assets.amount'), numeric: true, render: (x) => euroText(x.amount) },
                {
                  key: 'state',
                  header: t('assets.state'),
                  render: (x) =>
                    x.warning ? (
                      <Badge variant="danger">{t('assets.disposedEarly', { date: dateDe(x.disposedOn) })}</Badge>
                    ) : x.disposedOn ? (
                      <Badge variant="info">{t('assets.disposedAfter', { date: dateDe(x.disposedOn) })}</Badge>
                    ) : x.lockInEnd >= today() ? (
                      <Badge variant="success">{t('assets.bound')}</Badge>
                    ) : (
                      <Badge variant="info">{t('assets.ended')}</Badge>
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
