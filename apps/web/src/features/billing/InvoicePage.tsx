import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { QueryState } from '../../components/QueryState';
import { useInvoice, type Invoice } from './billing.api';
import { BillingNav } from './BillingNav';
import { NS } from './i18n';
import { dateDe, euro } from './money';

type Line = Invoice['lines'][number];
type Explanation = Invoice['explanation'][number];

function InvoiceView({ inv }: { inv: Invoice }) {
  const { t, i18n } = useTranslation(NS);
  const issued = inv.status === 'issued';
  return (
    <div className="kern-stack-lg">
      <DescriptionList
        items={[
          { label: t('invoice.member'), value: inv.orgName },
          { label: t('invoice.type'), value: t(`type.${inv.typeCode}`) },
          { label: t('invoice.issueDate'), value: dateDe(inv.issueDate) },
          { label: t('invoice.dueDate'), value: dateDe(inv.dueDate) },
          { label: t('invoice.period'), value: `${dateDe(inv.periodStart)} – ${dateDe(inv.periodEnd)}` },
          { label: t('invoice.leitwegId'), value: inv.leitwegId },
          ...(inv.precedingNumber ? [{ label: t('invoice.preceding'), value: inv.precedingNumber }] : []),
          { label: t('invoice.net'), value: euro(inv.netCents) },
          { label: t('invoice.vat'), value: euro(inv.vatCents) },
          { label: t('invoice.gross'), value: euro(inv.grossCents) },
        ]}
      />
      {issued ? (
        <section className="kern-stack-sm" aria-labelledby="inv-dl">
          <h2 className="kern-heading-medium" id="inv-dl">
            {t('invoice.downloads')}
          </h2>
          <ul className="kern-list">
            <li>
              <a className="kern-link" href={`/api/v1/invoices/${inv.id}/xrechnung`} download>
                {t('invoice.xmlUbl')}
              </a>
            </li>
            <li>
              <a className="kern-link" href={`/api/v1/invoices/${inv.id}/xrechnung?syntax=cii`} download>
                {t('invoice.xmlCii')}
              </a>
            </li>
            <li>
              <a className="kern-link" href={`/api/v1/invoices/${inv.id}/pdf`} download>
                {t('invoice.pdf')}
              </a>
            </li>
          </ul>
        </section>
      ) : (
        <p className="kern-body">{t('invoice.draftHint')}</p>
      )}
      <DataTable<Line>
        caption={t('invoice.lines')}
        rows={inv.lines}
        rowKey={(l) => l.id}
        columns={[
          { key: 'name', header: t('invoice.item'), rowHeader: true, render: (l) => l.name },
          { key: 'qty', header: t('invoice.quantity'), numeric: true, render: (l) => `${l.quantity.replace('.', ',')} ${l.unitCode}` },
          { key: 'price', header: t('invoice.unitPrice'), numeric: true, render: (l) => `${l.unitPrice.replace('.', ',')} €` },
          { key: 'vat', header: t('invoice.vatCategory'), render: (l) => t(`vat.${l.vatCategory}`) },
          { key: 'net', header: t('invoice.net'), numeric: true, render: (l) => euro(l.netCents) },
        ]}
      />
      {inv.explanation.length > 0 ? (
        <DataTable<Explanation>
          caption={t('invoice.explanation')}
          rows={inv.explanation}
          rowKey={(e) => e.poolName}
          columns={[
            { key: 'pool', header: t('invoice.pool'), rowHeader: true, render: (e) => e.poolName },
            { key: 'key', header: t('pool.key'), render: (e) => t(`key.${e.key}`) },
            { key: 'value', header: t('preview.keyValue'), numeric: true, render: (e) => `${e.keyValue} / ${e.keyTotal}` },
            { key: 'share', header: t('preview.share'), numeric: true, render: (e) => `${e.share.replace('.', ',')} %` },
            { key: 'base', header: t('invoice.base'), numeric: true, render: (e) => euro(e.baseCents) },
            { key: 'amount', header: t('preview.amount'), numeric: true, render: (e) => euro(e.amountCents) },
          ]}
        />
      ) : null}
      {issued ? (
        <section className="kern-stack-sm" aria-labelledby="inv-view">
          <h2 className="kern-heading-medium" id="inv-view">
            {t('invoice.rendered')}
          </h2>
          {/* Same-origin page of our own escaped HTML; its CSP (default-src 'none') forbids scripts. Not
              sandboxed, so accessibility checkers can look inside (a sandboxed frame made axe wait forever). */}
          <iframe
            title={t('invoice.renderedFrame', { number: inv.number })}
            src={`/api/v1/invoices/${inv.id}/view?lang=${i18n.language === 'en' ? 'en' : 'de'}`}
            style={{ width: '100%', height: '60rem', border: '1px solid #ccc' }}
          />
        </section>
      ) : null}
    </div>
  );
}

export function InvoicePage() {
  const { t } = useTranslation(NS);
  const { id } = useParams({ strict: false }) as { id: string };
  const inv = useInvoice(id);
  const title = inv.data ? `${t(`type.${inv.data.typeCode}`)} ${inv.data.number ?? t('invoice.draftNumber')}` : t('invoice.listTitle');
  return (
    <Page title={title}>
      <BillingNav current="invoices" />
      <QueryState query={inv}>{(i) => <InvoiceView inv={i} />}</QueryState>
    </Page>
  );
}
