import { AGREEMENT_KINDS, AGREEMENT_STATUSES, type AgreementKind, type AgreementStatus } from './types';

export interface MemberFilterSearch {
  status?: AgreementStatus;
  kreis?: string;
  agreementKind?: AgreementKind;
}

/** The member filters of the organisations list, taken from the address bar only when valid. */
export function memberFilterSearch(s: Record<string, unknown>): MemberFilterSearch {
  const status = AGREEMENT_STATUSES.find((v) => v === s.status);
  const agreementKind = AGREEMENT_KINDS.find((v) => v === s.agreementKind);
  const kreis = typeof s.kreis === 'string' && /^\d{5}$/.test(s.kreis) ? s.kreis : undefined;
  return { status, kreis, agreementKind };
}

/** Link to the list export in the same filters (the server streams CSV or XLSX). */
export function exportHref(format: 'csv' | 'xlsx', filter: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) {
    if (v) {
      params.set(k, v);
    }
  }
  params.set('sort', 'name');
  params.set('format', format);
  return `/api/v1/organisations?${params.toString()}`;
}
