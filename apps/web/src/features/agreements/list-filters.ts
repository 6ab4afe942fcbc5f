import { AGREEMENT_KINDS, AGREEMENT_STATUSES, type AgreementKind, type AgreementStatus } from '../members/types';

export interface AgreementSearch {
  q?: string;
  status?: AgreementStatus;
  kind?: AgreementKind;
}

/** The list filters, taken from the address bar only when valid. */
export function agreementSearch(s: Record<string, unknown>): AgreementSearch {
  return {
    q: typeof s.q === 'string' && s.q.trim() ? s.q.trim().slice(0, 100) : undefined,
    status: AGREEMENT_STATUSES.find((v) => v === s.status),
    kind: AGREEMENT_KINDS.find((v) => v === s.kind),
  };
}

/** Link to the export of the list in the same filters (the server answers CSV or XLSX). */
export function agreementsExportHref(format: 'csv' | 'xlsx', f: AgreementSearch): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v) {
      params.set(k, v);
    }
  }
  params.set('limit', '500');
  params.set('format', format);
  return `/api/v1/agreements?${params.toString()}`;
}
