import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { QueryState } from '../../components/QueryState';
import { Badge } from '../../components/Badge';
import { useInvoices, type InvoiceItem } from './billing.api';
import { BillingNav } from './BillingNav';
import { NS } from './i18n';
import { dateDe, euro } from './money';

/** Invoices and credit notes: members see their own issued ones, provider finance all. */
export function InvoicesPage() {
  const { t } = useTranslation(NS);
  const query = useInvoices({ status: 'issued' });
  return (
    <Page title={t('invoice.listTitle')}>
      <BillingNav current="invoices" />
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="kern-body">{t('invoice.empty')}</p>
          ) : (
            <DataTable<InvoiceItem>
              caption={t('invoice.listTitle')}
              rows={data.items}
              rowKey={(i) => i.id}
              columns={[
                {
                  key: 'number',
                  header: t('invoice.number'),
                  rowHeader: true,
                  render: (i) => (
                    <Link to="/invoices/$id" params={{ id: i.id }} className="kern-link">
                      {i.number ?? t('invoice.draftNumber')}
                    </Link>
                  ),
                },
                { key: 'member', header: t('invoice.member'), render: (i) => i.orgName },
                { key: 'type', header: t('invoice.type'), render: (i) => <Badge variant={i.typeCode === '381' ? 'info' : 'success'}>{t(`type.${i.typeCode}`)}</Badge> },
                { key: 'kind', header: t('run.kind'), render: (i) => t(`kind.${i.runKind}`) },
                { key: 'date', header: t('invoice.issueDate'), render: (i) => dateDe(i.issueDate) },
                { key: 'period', header: t('invoice.period'), render: (i) => `${dateDe(i.periodStart)} – ${dateDe(i.periodEnd)}` },
                { key: 'gross', header: t('invoice.gross'), numeric: true, render: (i) => euro(i.grossCents) },
              ]}
            />
          )
        }
      </QueryState>
    </Page>
  );
}
