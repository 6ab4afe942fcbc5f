import { Link, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { QueryState } from '../../components/QueryState';
import { AssetsTab } from './AssetsTab';
import { DrawdownsTab } from './DrawdownsTab';
import { ExpensesTab } from './ExpensesTab';
import { useGrant, type Grant } from './grants.api';
import { NS } from './i18n';
import { dateDe, euroText, percentText } from './money';
import { PlanTab } from './PlanTab';
import { ProofTab } from './ProofTab';

export const GRANT_TABS = ['overview', 'plan', 'expenses', 'drawdowns', 'proof', 'assets'] as const;
export type GrantTab = (typeof GRANT_TABS)[number];

export function grantSearch(s: Record<string, unknown>): { tab?: GrantTab } {
  return { tab: GRANT_TABS.includes(s.tab as GrantTab) && s.tab !== 'overview' ? (s.tab as GrantTab) : undefined };
}

/** A beneficiary sees the overview, its expenses and drawdowns; the plan, proof and assets are the recipient's. */
function tabsOf(g: Grant): GrantTab[] {
  return g.full ? [...GRANT_TABS] : ['overview', 'expenses', 'drawdowns'];
}

function Tabs({ grant, tab }: { grant: Grant; tab: GrantTab }) {
  const { t } = useTranslation(NS);
  return (
    <nav aria-label={t('tab.sections')}>
      <ul className="kern-list kern-list--horizontal app-nav">
        {tabsOf(grant).map((k) => (
          <li key={k}>
            <Link
              to="/grants/$id"
              params={{ id: grant.id }}
              search={{ tab: k === 'overview' ? undefined : k }}
              className="kern-link"
              aria-current={k === tab ? 'page' : undefined}
              activeOptions={{ includeSearch: true, exact: true }}
            >
              {t(`tab.${k}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Overview({ grant: g }: { grant: Grant }) {
  const { t } = useTranslation(NS);
  return (
    <div className="kern-stack-lg">
      {g.warnings.length > 0 ? (
        <Alert variant="warning" title={t('warnings.title')}>
          <ul className="kern-list">
            {g.warnings.map((w) => (
              <li key={`${w.code}-${w.lineId ?? ''}`} className="kern-body">
                {w.detail}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <DescriptionList
        items={[
          { label: t('grant.programme'), value: g.programmeName },
          { label: t('grant.authority'), value: g.authority },
          { label: t('grant.fileReference'), value: g.fileReference },
          { label: t('grant.noticeDate'), value: dateDe(g.noticeDate) },
          { label: t('grant.fundingType'), value: `${t(`funding.${g.fundingType}`)}${g.ratePercent ? ` (${percentText(g.ratePercent)})` : ''}` },
          { label: t('grant.period'), value: `${dateDe(g.periodStart)} – ${dateDe(g.periodEnd)}` },
          { label: g.full ? t('grant.amount') : t('grant.amountMine'), value: euroText(g.amount) },
          { label: t('grant.eligibleCost'), value: euroText(g.eligibleCost) },
          { label: g.full ? t('grant.ownShare') : t('grant.ownShareMine'), value: euroText(g.ownShare) },
          { label: t('grant.spent'), value: euroText(g.spent) },
          { label: t('grant.drawn'), value: euroText(g.drawn) },
          { label: t('grant.received'), value: euroText(g.received) },
          ...(g.full
            ? [
                { label: t('grant.deviation'), value: percentText(g.lineDeviationPercent) },
                { label: t('grant.lockIn'), value: t('grant.lockInYears', { count: g.lockInYears }) },
                { label: t('grant.interimProofDue'), value: dateDe(g.interimProofDue) },
                { label: t('grant.finalProofDue'), value: dateDe(g.finalProofDue) },
              ]
            : []),
        ]}
      />
      <section className="kern-stack-md" aria-labelledby="beneficiaries-h">
        <h2 className="kern-heading-medium" id="beneficiaries-h">
          {t('beneficiaries.title')}
        </h2>
        {g.beneficiaries.length === 0 ? (
          <p className="kern-body">{t('beneficiaries.none')}</p>
        ) : (
          <DataTable
            caption={t('beneficiaries.title')}
            rows={g.beneficiaries}
            rowKey={(b) => b.orgId}
            columns={[
              { key: 'name', header: t('beneficiaries.member'), rowHeader: true, render: (b) => b.orgName },
              { key: 'share', header: t('beneficiaries.share'), numeric: true, render: (b) => percentText(b.sharePercent) },
              { key: 'amount', header: t('beneficiaries.amount'), numeric: true, render: (b) => euroText(b.amount) },
              { key: 'own', header: t('beneficiaries.ownShare'), numeric: true, render: (b) => euroText(b.ownShare) },
              { key: 'drawn', header: t('grant.drawn'), numeric: true, render: (b) => euroText(b.drawnAmount) },
              { key: 'received', header: t('grant.received'), numeric: true, render: (b) => euroText(b.receivedAmount) },
            ]}
          />
        )}
      </section>
    </div>
  );
}

/** One grant: notice data and figures, then plan lines, expenses, drawdowns, proof of use and funded assets. */
export function GrantPage() {
  const { t } = useTranslation(NS);
  const { id } = useParams({ strict: false }) as { id: string };
  const { tab = 'overview' } = useSearch({ strict: false }) as { tab?: GrantTab };
  const grant = useGrant(id);
  return (
    <Page title={grant.data ? grant.data.title : t('list.title')}>
      <p className="kern-body">
        <Link to="/grants" className="kern-link">
          {t('list.back')}
        </Link>
      </p>
      <QueryState query={grant}>
        {(g) => {
          const current = tabsOf(g).includes(tab) ? tab : 'overview';
          return (
            <div className="kern-stack-lg">
              <Tabs grant={g} tab={current} />
              {current === 'overview' ? <Overview grant={g} /> : null}
              {current === 'plan' ? <PlanTab grant={g} /> : null}
              {current === 'expenses' ? <ExpensesTab grant={g} /> : null}
              {current === 'drawdowns' ? <DrawdownsTab grant={g} /> : null}
              {current === 'proof' ? <ProofTab grant={g} /> : null}
              {current === 'assets' ? <AssetsTab grant={g} /> : null}
            </div>
          );
        }}
      </QueryState>
    </Page>
  );
}
