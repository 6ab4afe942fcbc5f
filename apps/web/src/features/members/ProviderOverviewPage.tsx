import { useQueries, useQuery } from '@tanstack/react-query';
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
import { countBy, memberStatus } from './overview';
import { AGREEMENT_STATUSES, type AgreementStatus, type OnboardingSummary } from './types';

const SERVED: AgreementStatus[] = ['onboarding', 'active', 'notice_given'];

function useAllMembers(within: string | undefined) {
  return useQuery({
    queryKey: ['organisations', 'overview', within],
    enabled: Boolean(within),
    queryFn: async () => {
      const items = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(
          api.GET('/api/v1/organisations', { params: { query: { within, kind: 'member', limit: 500, cursor } } }),
        );
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });
}

function useAllAgreements() {
  return useQuery({
    queryKey: ['agreements', 'overview'],
    queryFn: async () => {
      const items = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.GET('/api/v1/agreements', { params: { query: { limit: 500, cursor } } }));
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });
}

/** Latest population of each served member; the API has no sum, so it is added up here. */
function usePopulation(orgIds: string[]) {
  return useQueries({
    queries: orgIds.map((id) => ({
      queryKey: ['members', id, 'profile'],
      queryFn: () => unwrap(api.GET('/api/v1/organisations/{id}/member-profile', { params: { path: { id } } })),
    })),
    combine: (results) => ({
      pending: results.some((r) => r.isPending),
      sum: results.reduce((s, r) => s + (r.data?.population?.value ?? 0), 0),
      withValue: results.filter((r) => r.data?.population).length,
    }),
  });
}

/** Dienstleister-Übersicht: members by status and type, population served, onboarding progress. */
export function ProviderOverviewPage() {
  const { t, i18n } = useTranslation(NS);
  const { t: tc } = useTranslation();
  const { activeOrg } = useAuth();
  const members = useAllMembers(activeOrg?.orgId);
  const agreements = useAllAgreements();
  const onboardings = useOnboardings();
  const memberIds = new Set((members.data ?? []).map((m) => m.id));
  const statusOf = new Map<string, AgreementStatus[]>();
  for (const a of agreements.data ?? []) {
    if (memberIds.has(a.orgId)) {
      statusOf.set(a.orgId, [...(statusOf.get(a.orgId) ?? []), a.status]);
    }
  }
  const served = [...statusOf.entries()]
    .filter(([, s]) => {
      const st = memberStatus(s);
      return st !== null && SERVED.includes(st);
    })
    .map(([id]) => id);
  const population = usePopulation(served);
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <Page title={t('overview.title')}>
      {activeOrg ? <p className="kern-body">{t('overview.intro', { name: activeOrg.orgName })}</p> : null}
      <QueryState query={members}>
        {(list) => (
          <QueryState query={agreements}>
            {() => {
              const byStatus = countBy(
                list,
                (m) => memberStatus(statusOf.get(m.id) ?? []) ?? 'none',
                [...AGREEMENT_STATUSES, 'none'],
              );
              const byType = countBy(list, (m) => m.type);
              return (
                <div className="kern-stack-lg">
                  <DescriptionList
                    items={[
                      { label: t('overview.members'), value: n(list.length) },
                      { label: t('overview.served'), value: n(served.length) },
                      {
                        label: t('overview.population'),
                        value: population.pending
                          ? tc('common.loading')
                          : t('overview.populationValue', { sum: n(population.sum), count: population.withValue }),
                      },
                    ]}
                  />
                  {list.length === 0 ? (
                    <Alert variant="info" title={t('overview.noMembers')} />
                  ) : (
                    <div className="kern-stack-lg">
                      <BarChart
                        title={t('overview.byStatus')}
                        labelHeader={t('agreements.status')}
                        valueHeader={t('overview.count')}
                        format={n}
                        bars={byStatus.map(([k, v]) => ({
                          key: k,
                          label: k === 'none' ? t('overview.noAgreement') : t(`agreementStatus.${k}`),
                          value: v,
                        }))}
                      />
                      <BarChart
                        title={t('overview.byType')}
                        labelHeader={t('wizard.type')}
                        valueHeader={t('overview.count')}
                        format={n}
                        bars={byType.map(([k, v]) => ({ key: k, label: tc(`orgType.${k}`), value: v }))}
                      />
                    </div>
                  )}
                </div>
              );
            }}
          </QueryState>
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
