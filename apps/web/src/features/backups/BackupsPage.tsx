import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { QueryState } from '../../components/QueryState';
import { SelectField } from '../../components/fields';
import { reportUrl, useJobs, useOverview, type Job, type Overview, type Run } from './backups.api';
import { BackupsNav } from './BackupsNav';
import { JobForm } from './JobForm';
import { jobWhat, RpoBadge, RunBadge } from './badges';
import { berlinDateTime } from './format';
import { NS } from './i18n';
import { TimelineChart } from './TimelineChart';

function JobTable({ jobs, caption }: { jobs: readonly Job[]; caption: string }) {
  const { t, i18n } = useTranslation(NS);
  return (
    <DataTable<Job>
      caption={caption}
      rows={jobs}
      rowKey={(j) => j.id}
      columns={[
        {
          key: 'name',
          header: t('jobs.name'),
          rowHeader: true,
          render: (j) => (
            <Link to="/backups/jobs/$id" params={{ id: j.id }} className="kern-link">
              {j.name}
            </Link>
          ),
        },
        { key: 'member', header: t('jobs.member'), render: (j) => j.orgName },
        { key: 'what', header: t('jobs.what'), render: (j) => jobWhat(j) },
        { key: 'last', header: t('jobs.lastRun'), render: (j) => <RunBadge status={j.lastRunStatus} /> },
        {
          key: 'success',
          header: t('jobs.lastSuccess'),
          render: (j) => berlinDateTime(j.lastSuccessAt, i18n.language),
        },
        { key: 'rpo', header: t('jobs.rpo'), render: (j) => <RpoBadge rpo={j.rpo} /> },
      ]}
    />
  );
}

function ReportDownload({ memberId }: { memberId: string }) {
  const { t } = useTranslation(NS);
  const now = new Date().getFullYear();
  const [year, setYear] = useState(String(now));
  return (
    <section className="kern-stack-sm" aria-labelledby="report-h">
      <h2 className="kern-heading-medium" id="report-h">
        {t('report.title')}
      </h2>
      <p className="kern-body">{t('report.intro')}</p>
      <div className="kern-flex kern-flex-wrap kern-align-items-end kern-gap-md">
        <SelectField
          name="year"
          plain
          label={t('report.year')}
          value={year}
          onChange={setYear}
          options={[now, now - 1, now - 2].map((y) => ({ value: String(y), label: String(y) }))}
        />
        <a className="kern-btn kern-btn--secondary" href={reportUrl(memberId, Number(year))} download>
          <span className="kern-label">{t('report.download', { year })}</span>
        </a>
      </div>
    </section>
  );
}

function Kpis({ o }: { o: Overview }) {
  const { t, i18n } = useTranslation(NS);
  const items: [string, number][] = [
    [t('kpi.jobs'), o.jobs],
    [t('kpi.ok'), o.ok],
    [t('kpi.failed'), o.failed],
    [t('kpi.rpo'), o.rpoViolated],
  ];
  return (
    <dl className="kern-flex kern-flex-wrap kern-gap-lg" style={{ margin: 0 }}>
      {items.map(([label, n]) => (
        <div key={label} className="kern-stack-xs">
          <dt className="kern-body kern-body--small">{label}</dt>
          <dd className="kern-heading-large" style={{ margin: 0 }}>
            {n.toLocaleString(i18n.language)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Backup dashboard of the active organisation: provider (all members) or one member. */
export function BackupsPage() {
  const { t, i18n } = useTranslation(NS);
  const { activeOrg, may } = useAuth();
  const orgId = activeOrg?.orgId;
  const overview = useOverview(orgId);
  const problems = useJobs({ orgId, problem: 'any' });
  const jobs = useJobs({ orgId });
  const isMember = activeOrg?.orgKind === 'member';
  return (
    <Page title={t('title')}>
      <BackupsNav current="dashboard" />
      <QueryState query={overview}>
        {(o) => (
          <div className="kern-stack-lg">
            <Kpis o={o} />
            <TimelineChart timeline={o.timeline} />
            <section className="kern-stack-sm" aria-labelledby="problems-h">
              <h2 className="kern-heading-medium" id="problems-h">
                {t('problems.title')}
              </h2>
              <QueryState query={problems}>
                {(p) =>
                  p.items.length === 0 ? (
                    <p className="kern-body">{t('problems.empty')}</p>
                  ) : (
                    <JobTable jobs={p.items} caption={t('problems.title')} />
                  )
                }
              </QueryState>
            </section>
            {!isMember && o.members.length > 0 ? (
              <section className="kern-stack-sm" aria-labelledby="members-h">
                <h2 className="kern-heading-medium" id="members-h">
                  {t('members.title')}
                </h2>
                <DataTable<Overview['members'][number]>
                  caption={t('members.title')}
                  rows={o.members}
                  rowKey={(m) => m.orgId}
                  columns={[
                    { key: 'name', header: t('members.member'), rowHeader: true, render: (m) => m.orgName },
                    { key: 'jobs', header: t('members.jobs'), numeric: true, render: (m) => String(m.jobs) },
                    { key: 'failed', header: t('members.failed'), numeric: true, render: (m) => String(m.failed) },
                    { key: 'rpo', header: t('members.rpo'), numeric: true, render: (m) => String(m.rpoViolated) },
                    {
                      key: 'report',
                      header: t('report.title'),
                      render: (m) => (
                        <a className="kern-link" href={reportUrl(m.orgId, new Date().getFullYear())} download>
                          {t('report.download', { year: new Date().getFullYear() })}
                        </a>
                      ),
                    },
                  ]}
                />
              </section>
            ) : null}
            <section className="kern-stack-sm" aria-labelledby="failures-h">
              <h2 className="kern-heading-medium" id="failures-h">
                {t('failures.title')}
              </h2>
              {o.recentFailures.length === 0 ? (
                <p className="kern-body">{t('failures.empty')}</p>
              ) : (
                <DataTable<Run>
                  caption={t('failures.title')}
                  rows={o.recentFailures}
                  rowKey={(r) => r.id}
                  columns={[
                    { key: 'at', header: t('job.started'), render: (r) => berlinDateTime(r.startedAt, i18n.language) },
                    {
                      key: 'job',
                      header: t('jobs.name'),
                      rowHeader: true,
                      render: (r) => (
                        <Link to="/backups/jobs/$id" params={{ id: r.jobId }} className="kern-link">
                          {r.jobName}
                        </Link>
                      ),
                    },
                    { key: 'msg', header: t('job.message'), render: (r) => r.message ?? '' },
                  ]}
                />
              )}
            </section>
          </div>
        )}
      </QueryState>
      {isMember && orgId ? <ReportDownload memberId={orgId} /> : null}
      <section className="kern-stack-sm" aria-labelledby="jobs-h">
        <h2 className="kern-heading-medium" id="jobs-h">
          {t('jobs.title')}
        </h2>
        <QueryState query={jobs}>
          {(p) =>
            p.items.length === 0 ? (
              <p className="kern-body">{t('jobs.empty')}</p>
            ) : (
              <JobTable jobs={p.items} caption={t('jobs.title')} />
            )
          }
        </QueryState>
      </section>
      {orgId && may('backup.manage') ? <JobForm key={orgId} activeOrgId={orgId} memberOnly={isMember} /> : null}
    </Page>
  );
}
