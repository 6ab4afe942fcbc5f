import type { Placement, PlacementCreate, PlacementUpdate } from './sites.api';

export const REPLICATION_MODES = ['synchronous', 'asynchronous', 'backup_restore'] as const;
export type ReplicationMode = (typeof REPLICATION_MODES)[number];

/** The placement form as typed: which service runs primarily where, and where its replica lives. */
export interface PlacementFormValues {
  orgId: string;
  serviceId: string;
  name: string;
  primarySiteId: string;
  replicaSiteId: string;
  replication: ReplicationMode;
  rtoHours: string;
  notes: string;
}

export function placementFormValues(p?: Placement, orgId = ''): PlacementFormValues {
  return {
    orgId: p?.orgId ?? orgId,
    serviceId: p?.serviceId ?? '',
    name: p?.name ?? '',
    primarySiteId: p?.primarySite.id ?? '',
    replicaSiteId: p?.replicaSite?.id ?? '',
    replication: p?.replication ?? 'asynchronous',
    rtoHours: p?.rtoHours === null || p?.rtoHours === undefined ? '' : String(p.rtoHours),
    notes: p?.notes ?? '',
  };
}

export type PlacementFormErrors = Partial<Record<keyof PlacementFormValues, string>>;

/**
 * Checks the values and builds the request (errors are i18n keys of the sites namespace). A new
 * placement names its organisation and, optionally, the catalogue service; both stay fixed after.
 */
export function placementRequest(
  v: PlacementFormValues,
  isNew: boolean,
): { errors: PlacementFormErrors; create?: PlacementCreate; update?: PlacementUpdate } {
  const errors: PlacementFormErrors = {};
  if (isNew && !v.orgId) {
    errors.orgId = 'form.required';
  }
  if (!v.name.trim()) {
    errors.name = 'form.required';
  }
  if (!v.primarySiteId) {
    errors.primarySiteId = 'form.required';
  }
  if (v.replicaSiteId && v.replicaSiteId === v.primarySiteId) {
    errors.replicaSiteId = 'placement.replicaSame';
  }
  const rto = v.rtoHours.trim();
  if (rto && (!/^\d{1,4}$/.test(rto) || Number(rto) > 8760)) {
    errors.rtoHours = 'placement.rtoInvalid';
  }
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  const common = {
    name: v.name.trim(),
    primarySiteId: v.primarySiteId,
    replicaSiteId: v.replicaSiteId || null,
    replication: v.replication,
    rtoHours: rto ? Number(rto) : null,
    notes: v.notes.trim() || null,
  };
  return isNew
    ? { errors, create: { orgId: v.orgId, serviceId: v.serviceId || null, ...common } }
    : { errors, update: common };
}

/** A partner data centre: a site of the provider recorded with the partner provider's id. */
export interface PartnerDcValues {
  partnerProviderId: string;
  name: string;
  city: string;
  dataCentreId: string;
  purpose: string;
}

export function partnerDcRequest(v: PartnerDcValues): {
  errors: Partial<Record<keyof PartnerDcValues, string>>;
  site?: { kind: 'partner_data_centre'; name: string; city: string | null; partnerProviderId: string };
  link?: { dataCentreId: string; purpose: string };
} {
  const errors: Partial<Record<keyof PartnerDcValues, string>> = {};
  if (!v.partnerProviderId) {
    errors.partnerProviderId = 'form.required';
  }
  if (!v.name.trim()) {
    errors.name = 'form.required';
  }
  if (v.dataCentreId && !v.purpose.trim()) {
    errors.purpose = 'partnerDc.purposeRequired';
  }
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  return {
    errors,
    site: {
      kind: 'partner_data_centre',
      name: v.name.trim(),
      city: v.city.trim() || null,
      partnerProviderId: v.partnerProviderId,
    },
    ...(v.dataCentreId ? { link: { dataCentreId: v.dataCentreId, purpose: v.purpose.trim() } } : {}),
  };
}
