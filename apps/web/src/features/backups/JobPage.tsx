import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton } from '../../components/fields';
import { useJob, useMemberAssets, useRuns, useUpdateJob, type Job, type Run } from './backups.api';
import { BackupsNav } from './BackupsNav';
import { JobForm } from './JobForm';
import { jobWhat, RpoBadge, RunBadge } from './badges';
import { berlinDateTime, bytes } from './format';
import { NS } from './i18n';

function LinkAsset({ job }: { job: Job }) {
  const { t } = useTranslation(NS);
  const assets = useMemberAssets(job.orgId);
  const update = useUpdateJob(job.id);
  const [assetId, setAssetId] = useState(job.asset?.id ?? '');
  const [done, setDone] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    update.mutate({ targetKind: 'asset', assetId }, { onSuccess: () => setDone(true) });
  };
  const items = (assets.data?.items ?? []) as { id: string; inventoryNumber: string; name?: string | null }[];
  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby="link-h">
      <h2 className="kern-heading-medium" id="link-h">
        {t('job.link')}
      </h2>
      <p className="kern-body">{t('job.linkIntro')}</p>
      {update.error ? <ProblemAlert error={update.error} /> : null}
      {done ? <Alert variant="success" title={t('job.saved')} /> : null}
      <SelectField
        name="assetId"
        label={t('job.linkAsset')}
        required
        value={assetId}
        onChange={setAssetId}
        options={[
          { value: '', label: t('job.choose') },
          ...items.map((a) => ({ value: a.id, label: `${a.inventoryNumber}${a.name ? ` – ${a.name}` : ''}` })),
        ]}
      />
      <SubmitButton busy={update.isPending}>{t('job.save')}</SubmitButton>
    </form>
  );
}

function Details({ job }: { job: Job }) {
  const { t, i18n } = useTranslation(NS);
  return (
    <DescriptionList
      items={[
        { label: t('job.member'), value: job.orgName },
        { label: t('job.what'), value: `${job.asset ? t('job.asset') : t('job.service')}: ${jobWhat(job)}` },
        { label: t('job.schedule'), value: `${job.schedule} (${t('job.gap', { count: job.scheduleGapHours })})` },
        { label: t('job.target'), value: job.primarySite.name },
        { label: t('job.copy'), value: job.copySite?.name ?? null },
        { label: t('job.retention'), value: t('job.retentionDays', { count: job.retentionDays }) },
        { label: t('job.rpo'), value: t('job.rpoHours', { count: job.rpoHours }) },
        {
          label: t('job.lastSuccess'),
          value: job.lastSuccessAt ? berlinDateTime(job.lastSuccessAt, i18n.language) : t('job.never'),
        },
      ]}
    />
  );
}

/** One backup job: state with the RPO warning, its details, the latest runs, the asset link. */
export function JobPage() {
  const { t, i18n } = useTranslation(NS);
  const { id } = useParams({ from: '/app/backups/jobs/$id' });
  const job = useJob(id);
  const runs = useRuns(id);
  return (
    <QueryState query={job}>
      {(j) => (
        <Page title={j.name} actions={<RpoBadge rpo={j.rpo} />}>
          <BackupsNav current="dashboard" />
          <p>
            <Link to="/backups" className="kern-link">
              {t('job.back')}
            </Link>
          </p>
          {j.rpo.state === 'violated' ? (
            <Alert variant="warning" title={t('job.rpoWarningTitle')}>
              <p className="kern-body">
                {t('job.rpoWarning', {
                  age: j.rpo.ageHours.toLocaleString(i18n.language),
                  rpo: j.rpoHours,
                  over: j.rpo.overdueHours.toLocaleString(i18n.language),
                })}
              </p>
            </Alert>
          ) : null}
          {j.lastRunStatus === 'failed' ? (
            <Alert variant="danger" title={t('job.failedTitle')}>
              <p className="kern-body">{t('job.failedText')}</p>
            </Alert>
          ) : null}
          {j.rpoUnreachable ? (
            <Alert variant="info" title={t('job.unreachable', { gap: j.scheduleGapHours, rpo: j.rpoHours })} />
          ) : null}
          <Details job={j} />
          <section className="kern-stack-sm" aria-labelledby="runs-h">
            <h2 className="kern-heading-medium" id="runs-h">
              {t('job.runs')}
            </h2>
            <QueryState query={runs}>
              {(r) =>
                r.items.length === 0 ? (
                  <p className="kern-body">{t('job.noRuns')}</p>
                ) : (
                  <DataTable<Run>
                    caption={t('job.runs')}
                    rows={r.items}
                    rowKey={(x) => x.id}
                    columns={[
                      {
                        key: 'start',
                        header: t('job.started'),
                        rowHeader: true,
                        render: (x) => berlinDateTime(x.startedAt, i18n.language),
                      },
                      { key: 'end', header: t('job.ended'), render: (x) => berlinDateTime(x.endedAt, i18n.language) },
                      { key: 'status', header: t('jobs.state'), render: (x) => <RunBadge status={x.status} /> },
                      {
                        key: 'bytes',
                        header: t('job.size'),
                        numeric: true,
                        render: (x) => bytes(x.bytes, i18n.language),
                      },
                      { key: 'msg', header: t('job.message'), render: (x) => x.message ?? '' },
                    ]}
                  />
                )
              }
            </QueryState>
          </section>
          {j.abilities.update ? <LinkAsset job={j} /> : null}
          {j.abilities.update ? <JobForm key={j.id} job={j} activeOrgId={j.orgId} /> : null}
        </Page>
      )}
    </QueryState>
  );
}
