import type { Job, JobCreate, JobUpdate } from './backups.api';

/** What the job form holds: text as typed, turned into a request by `jobRequest`. */
export interface JobFormValues {
  orgId: string;
  name: string;
  targetKind: 'asset' | 'service';
  assetId: string;
  serviceId: string;
  schedule: string;
  primarySiteId: string;
  copySiteId: string;
  retentionDays: string;
  rpoHours: string;
  notes: string;
  active: boolean;
}

/** The form's start: an existing job, or an empty job of a member (daily at 22:00, 30 days, RPO 24 h). */
export function jobFormValues(job?: Job, orgId = ''): JobFormValues {
  return {
    orgId: job?.orgId ?? orgId,
    name: job?.name ?? '',
    targetKind: job?.targetKind ?? 'asset',
    assetId: job?.asset?.id ?? '',
    serviceId: job?.service?.id ?? '',
    schedule: job?.schedule ?? '0 22 * * *',
    primarySiteId: job?.primarySite.id ?? '',
    copySiteId: job?.copySite?.id ?? '',
    retentionDays: String(job?.retentionDays ?? 30),
    rpoHours: String(job?.rpoHours ?? 24),
    notes: job?.notes ?? '',
    active: job?.active ?? true,
  };
}

const INTERVAL = /^every\s+\d{1,4}\s*(m|min|h|d)$/i;
const CRON_FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;

/** A schedule the server will take: an interval ("every 6h") or five cron fields ("0 22 * * 1-5"). */
export function looksLikeSchedule(s: string): boolean {
  const v = s.trim();
  if (INTERVAL.test(v)) {
    return true;
  }
  const parts = v.split(/\s+/);
  return parts.length === 5 && parts.every((p) => CRON_FIELD.test(p));
}

function wholeNumber(s: string, min: number, max: number): number | undefined {
  const v = s.trim();
  if (!/^\d{1,5}$/.test(v)) {
    return undefined;
  }
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

export type JobFormErrors = Partial<Record<keyof JobFormValues, string>>;

/**
 * Checks the values and builds the request: the whole job for a new one, for an existing one the
 * same fields (PATCH takes them all; the member of a job does not change). Errors are i18n keys of
 * the backups namespace, per field.
 */
export function jobRequest(
  v: JobFormValues,
  isNew: boolean,
): { errors: JobFormErrors; create?: JobCreate; update?: JobUpdate } {
  const errors: JobFormErrors = {};
  if (isNew && !v.orgId) {
    errors.orgId = 'form.required';
  }
  if (!v.name.trim()) {
    errors.name = 'form.required';
  }
  if (v.targetKind === 'asset' && !v.assetId) {
    errors.assetId = 'form.required';
  }
  if (v.targetKind === 'service' && !v.serviceId) {
    errors.serviceId = 'form.required';
  }
  if (!looksLikeSchedule(v.schedule)) {
    errors.schedule = 'form.scheduleInvalid';
  }
  if (!v.primarySiteId) {
    errors.primarySiteId = 'form.required';
  }
  if (v.copySiteId && v.copySiteId === v.primarySiteId) {
    errors.copySiteId = 'form.copySame';
  }
  const retentionDays = wholeNumber(v.retentionDays, 1, 36500);
  if (retentionDays === undefined) {
    errors.retentionDays = 'form.retentionInvalid';
  }
  const rpoHours = wholeNumber(v.rpoHours, 1, 8760);
  if (rpoHours === undefined) {
    errors.rpoHours = 'form.rpoInvalid';
  }
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  const common = {
    name: v.name.trim(),
    targetKind: v.targetKind,
    assetId: v.targetKind === 'asset' ? v.assetId : null,
    serviceId: v.targetKind === 'service' ? v.serviceId : null,
    schedule: v.schedule.trim(),
    primarySiteId: v.primarySiteId,
    copySiteId: v.copySiteId || null,
    retentionDays: retentionDays!,
    rpoHours: rpoHours!,
    notes: v.notes.trim() || null,
  };
  return isNew
    ? { errors, create: { orgId: v.orgId, ...common } }
    : { errors, update: { ...common, active: v.active } };
}
