import { useQuery } from '@tanstack/react-query';
import type { paths } from '@verbund/api-client';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../lib/format';
import { NS } from '../knowledge/i18n';
import { ServiceDeskNav } from '../knowledge/KnowledgeNav';
import { BarChart } from '../members/BarChart';
import { WeekChart } from './WeekChart';

type Dashboard = paths['/api/v1/service-desk/dashboard']['get']['responses'][200]['content']['application/json'];
type Risk = Dashboard['slaAtRisk'][number];
type MemberRow = Dashboard['openByMember'][number];

/** The provider staff's view of the service desk: load by priority and member, SLA risks, weekly flow. */
export function ServiceDeskDashboardPage() {
  const { t, i18n } = useTranslation(NS);
  const query = useQuery({
    queryKey: ['service-desk', 'dashboard'],
    queryFn: () => unwrap(api.GET('/api/v1/service-desk/dashboard', { params: { query: { weeks: 12, riskHours: 8 } } })),
    refetchInterval: 60_000,
  });
  const number = (n: number) => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE').format(n);
  const week = (iso: string) => new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', { day: '2-digit', month: '2-digit', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  return (
    <Page title={t('dashboard.title')}>
      <ServiceDeskNav current="dashboard" />
      <QueryState query={query}>
        {(d) => (
          <div className="kern-stack-lg">
            <p className="kern-heading-medium">
              {t('dashboard.open')}: {number(d.openTotal)}
            </p>
            <BarChart
              title={t('dashboard.byPriority')}
              labelHeader={t('dashboard.priority')}
              valueHeader={t('dashboard.count')}
              format={number}
              bars={d.openByPriority.map((p) => ({ key: p.priority, label: p.priority, value: p.count }))}
            />
            {d.openByMember.length > 0 ? (
              <section className="kern-stack-sm" aria-labelledby="by-member">
                <h2 className="kern-heading-small" id="by-member">
                  {t('dashboard.byMember')}
                </h2>
                <DataTable<MemberRow>
                  caption={t('dashboard.byMember')}
                  rows={d.openByMember}
                  rowKey={(m) => m.memberId}
                  columns={[
                    { key: 'member', header: t('dashboard.member'), rowHeader: true, render: (m) => m.memberName },
                    { key: 'P1', header: 'P1', numeric: true, render: (m) => number(m.P1) },
                    { key: 'P2', header: 'P2', numeric: true, render: (m) => number(m.P2) },
                    { key: 'P3', header: 'P3', numeric: true, render: (m) => number(m.P3) },
                    { key: 'P4', header: 'P4', numeric: true, render: (m) => number(m.P4) },
                    { key: 'total', header: t('dashboard.total'), numeric: true, render: (m) => number(m.total) },
                  ]}
                />
              </section>
            ) : null}
            <section className="kern-stack-sm" aria-labelledby="at-risk">
              <h2 className="kern-heading-small" id="at-risk">
                {t('dashboard.atRisk')}
              </h2>
              <p className="kern-body">{t('dashboard.atRiskIntro')}</p>
              {d.slaAtRisk.length === 0 ? (
                <p className="kern-body">{t('dashboard.noRisk')}</p>
              ) : (
                <DataTable<Risk>
                  caption={t('dashboard.atRisk')}
                  rows={d.slaAtRisk}
                  rowKey={(r) => r.id}
                  columns={[
                    { key: 'ticket', header: t('dashboard.ticket'), rowHeader: true, render: (r) => `${r.number} ${r.title}` },
                    { key: 'member', header: t('dashboard.member'), render: (r) => r.memberName },
                    { key: 'priority', header: t('dashboard.priority'), render: (r) => r.priority },
                    { key: 'which', header: t('dashboard.which'), render: (r) => t(`dashboard.${r.which}`) },
                    {
                      key: 'due',
                      header: t('dashboard.due'),
                      render: (r) => (
                        <span className="kern-flex kern-gap-xs kern-flex-wrap">
                          {formatDateTime(r.dueAt, i18n.language)}
                          {r.overdue ? <Badge variant="danger">{t('dashboard.overdue')}</Badge> : null}
                        </span>
                      ),
                    },
                  ]}
                />
              )}
            </section>
            <WeekChart
              title={t('dashboard.weekly')}
              points={d.createdVsSolved}
              labels={{ week: t('dashboard.week'), created: t('dashboard.created'), solved: t('dashboard.solved') }}
              formatWeek={week}
            />
          </div>
        )}
      </QueryState>
    </Page>
  );
}
