import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { QueryState } from '../../components/QueryState';
import { useOnboardings } from '../agreements/agreements.api';
import { Progress } from '../agreements/Onboarding';
import { BarChart } from './BarChart';
import { formatDate, formatNumber } from './DateField';
import { NS } from './i18n';
import type { OnboardingSummary } from './types';

/** The server's figures for the members below the active organisation (population summed there). */
function useMemberOverview(orgId: string | undefined) {
  return useQuery({
    queryKey: ['members', 'overview', orgId],
    enabled: Boolean(orgId),
    queryFn: () => unwrap(api.GET('/api/v1/organisations/{id}/member-overview', { params: { path: { id: orgId! } } })),
  });
}

/** Dienstleister-Übersicht: members by status and type, population served, onboarding progress. */
export function ProviderOverviewPage() {
  const { t, i18n } = useTranslation(NS);
  const { t: tc } = useTranslation();
  const { activeOrg } = useAuth();
  const overview = useMemberOverview(activeOrg?.orgId);
  const onboardings = useOnboardings();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <Page title={t('overview.title')}>
      {activeOrg ? <p className="kern-body">{t('overview.intro', { name: activeOrg.orgName })}</p> : null}
      <QueryState query={overview}>
        {(o) => (
          <div className="kern-stack-lg">
            <DescriptionList
              items={[
                { label: t('overview.members'), value: n(o.members) },
                { label: t('overview.served'), value: n(o.served) },
                {
                  label: t('overview.population'),
                  value: t('overview.populationValue', { sum: n(o.population.sum), count: o.population.counted }),
                },
                {
                  label: t('overview.populationDate'),
                  value: o.population.latestReferenceDate ? formatDate(o.population.latestReferenceDate, i18n.language) : '–',
                },
              ]}
            />
            {o.members === 0 ? (
              <Alert variant="info" title={t('overview.noMembers')} />
            ) : (
              <div className="kern-stack-lg">
                <BarChart
                  title={t('overview.byStatus')}
                  labelHeader={t('agreements.status')}
                  valueHeader={t('overview.count')}
                  format={n}
                  bars={o.byStatus.map(({ status, count }) => ({
                    key: status,
                    label: status === 'none' ? t('overview.noAgreement') : t(`agreementStatus.${status}`),
                    value: count,
                  }))}
                />
                <BarChart
                  title={t('overview.byType')}
                  labelHeader={t('wizard.type')}
                  valueHeader={t('overview.count')}
                  format={n}
                  bars={o.byType.map(({ type, count }) => ({ key: type, label: tc(`orgType.${type}`), value: count }))}
                />
              </div>
            )}
          </div>
        )}
      </QueryState>
      <section className="kern-stack-md" aria-labelledby="onb-h">
        <h2 className="kern-heading-medium" id="onb-h">
          {t('overview.onboardings')}
        </h2>
        <QueryState query={onboardings}>
          {(data) =>
            data.items.length === 0 ? (
              <p className="kern-body">{t('overview.noOnboardings')}</p>
            ) : (
              <DataTable<OnboardingSummary>
                caption={t('overview.onboardings')}
                rows={data.items}
                rowKey={(o) => o.id}
                columns={[
                  {
                    key: 'org',
                    header: t('agreements.member'),
                    rowHeader: true,
                    render: (o) => (
                      <Link to="/organisations/$id" params={{ id: o.orgId }} search={{ tab: 'onboarding' }} className="kern-link">
                        {o.orgName}
                      </Link>
                    ),
                  },
                  {
                    key: 'progress',
                    header: t('overview.progress'),
                    render: (o) => (
                      <Progress
                        percent={o.progressPercent}
                        label={t('overview.progressOf', {
                          percent: o.progressPercent,
                          done: o.counts.done,
                          total: o.counts.total - o.counts.notApplicable,
                          name: o.orgName,
                        })}
                      />
                    ),
                  },
                  { key: 'started', header: t('overview.startedAt'), render: (o) => formatDate(o.startedAt, i18n.language) },
                  { key: 'due', header: t('overview.nextDue'), render: (o) => formatDate(o.nextDue, i18n.language) },
                ]}
              />
            )
          }
        </QueryState>
      </section>
    </Page>
  );
}
