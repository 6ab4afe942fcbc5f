import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { ProblemAlert } from '../../components/ProblemAlert';
import { CheckboxField, SelectField, SubmitButton, TextField } from '../../components/fields';
import {
  useCreateJob,
  useMemberAssets,
  useMembers,
  useServices,
  useTargetSites,
  useUpdateJob,
  type Job,
} from './backups.api';
import { NS } from './i18n';
import { jobFormValues, jobRequest, type JobFormErrors, type JobFormValues } from './job-form';

/**
 * Create a backup job (provider: for one of its members; member admin: for its own organisation)
 * or edit one: what is backed up (an asset of the member or a catalogue service), schedule,
 * primary and copy site, retention and RPO. A new job opens its page; an edit stays here.
 */
export function JobForm({ job, activeOrgId, memberOnly }: { job?: Job; activeOrgId: string; memberOnly?: boolean }) {
  const { t } = useTranslation(NS);
  const navigate = useNavigate();
  const isNew = !job;
  const [v, setV] = useState<JobFormValues>(() => jobFormValues(job, memberOnly ? activeOrgId : ''));
  const [errors, setErrors] = useState<JobFormErrors>({});
  const [saved, setSaved] = useState(false);
  const members = useMembers(isNew && !memberOnly ? activeOrgId : undefined);
  const assets = useMemberAssets(v.orgId || undefined);
  const services = useServices(v.targetKind === 'service');
  const sites = useTargetSites();
  const create = useCreateJob();
  const update = useUpdateJob(job?.id ?? '');
  const set =
    <K extends keyof JobFormValues>(k: K) =>
    (value: JobFormValues[K]) =>
      setV((s) => ({ ...s, [k]: value }));
  const err = (k: keyof JobFormValues) => (errors[k] ? t(errors[k]) : undefined);
  const prefix = isNew ? 'job-new' : 'job-edit';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = jobRequest(v, isNew);
    setErrors(r.errors);
    if (r.create) {
      create.mutate(r.create, { onSuccess: (j) => void navigate({ to: '/backups/jobs/$id', params: { id: j.id } }) });
    } else if (r.update) {
      update.mutate(r.update, { onSuccess: () => setSaved(true) });
    }
  };

  const siteItems = [...(sites.data?.items ?? [])].sort(
    (a, b) =>
      Number(b.kind.includes('data_centre')) - Number(a.kind.includes('data_centre')) || a.name.localeCompare(b.name),
  );
  const siteOptions = siteItems.map((s) => ({ value: s.id, label: `${s.name} (${t(`form.siteKind.${s.kind}`)})` }));
  const assetItems = (assets.data?.items ?? []) as { id: string; inventoryNumber: string; name?: string | null }[];
  const serviceItems = (services.data?.items ?? []) as { id: string; code: string; nameDe: string }[];
  const mutation = isNew ? create : update;

  return (
    <form className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate aria-labelledby={`${prefix}-h`}>
      <h2 className="kern-heading-medium" id={`${prefix}-h`}>
        {isNew ? t('form.newTitle') : t('form.editTitle')}
      </h2>
      {mutation.error ? <ProblemAlert error={mutation.error} /> : null}
      {saved ? <Alert variant="success" title={t('form.saved')} /> : null}
      {isNew && !memberOnly ? (
        <SelectField
          name="orgId"
          label={t('form.member')}
          required
          value={v.orgId}
          onChange={(orgId) => setV((s) => ({ ...s, orgId, assetId: '' }))}
          error={err('orgId')}
          options={[
            { value: '', label: t('job.choose') },
            ...(members.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
      ) : null}
      <TextField
        name="name"
        label={t('form.name')}
        required
        value={v.name}
        onChange={set('name')}
        error={err('name')}
      />
      <SelectField
        name="targetKind"
        label={t('form.targetKind')}
        required
        value={v.targetKind}
        onChange={(k) => set('targetKind')(k as JobFormValues['targetKind'])}
        options={[
          { value: 'asset', label: t('job.asset') },
          { value: 'service', label: t('job.service') },
        ]}
      />
      {v.targetKind === 'asset' ? (
        <SelectField
          name="assetId"
          label={t('job.linkAsset')}
          required
          value={v.assetId}
          onChange={set('assetId')}
          error={err('assetId')}
          hint={v.orgId ? undefined : t('form.memberFirst')}
          options={[
            { value: '', label: t('job.choose') },
            ...assetItems.map((a) => ({ value: a.id, label: `${a.inventoryNumber}${a.name ? ` – ${a.name}` : ''}` })),
          ]}
        />
      ) : (
        <SelectField
          name="serviceId"
          label={t('form.service')}
          required
          value={v.serviceId}
          onChange={set('serviceId')}
          error={err('serviceId')}
          options={[
            { value: '', label: t('job.choose') },
            ...serviceItems.map((s) => ({ value: s.id, label: `${s.code} ${s.nameDe}` })),
          ]}
        />
      )}
      <TextField
        name="schedule"
        label={t('job.schedule')}
        required
        hint={t('form.scheduleHint')}
        value={v.schedule}
        onChange={set('schedule')}
        error={err('schedule')}
      />
      <SelectField
        name="primarySiteId"
        label={t('job.target')}
        required
        value={v.primarySiteId}
        onChange={set('primarySiteId')}
        error={err('primarySiteId')}
        options={[{ value: '', label: t('job.choose') }, ...siteOptions]}
      />
      <SelectField
        name="copySiteId"
        label={t('form.copySite')}
        hint={t('form.copyHint')}
        value={v.copySiteId}
        onChange={set('copySiteId')}
        error={err('copySiteId')}
        options={[{ value: '', label: t('form.noCopy') }, ...siteOptions]}
      />
      <TextField
        name="retentionDays"
        label={t('form.retentionDays')}
        required
        inputMode="numeric"
        value={v.retentionDays}
        onChange={set('retentionDays')}
        error={err('retentionDays')}
      />
      <TextField
        name="rpoHours"
        label={t('form.rpoHours')}
        required
        inputMode="numeric"
        hint={t('form.rpoHint')}
        value={v.rpoHours}
        onChange={set('rpoHours')}
        error={err('rpoHours')}
      />
      <TextField name="notes" label={t('form.notes')} value={v.notes} onChange={set('notes')} />
      {isNew ? null : (
        <CheckboxField name="active" label={t('form.active')} checked={v.active} onChange={set('active')} />
      )}
      <SubmitButton busy={mutation.isPending}>{isNew ? t('form.create') : t('form.save')}</SubmitButton>
    </form>
  );
}
