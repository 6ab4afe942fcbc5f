import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { agreements, type AgreementRow } from './agreements.schema.js';

/** A member's time as a member of its provider, from its agreement's lifecycle dates (for billing). */
export interface Membership {
  orgId: string;
  agreementId: string;
  /** First day as an active member (the agreement's `active_since`). */
  from: string;
  /** Last day (ended, or the effective end after notice); null while open. */
  to: string | null;
  allocationKey: AgreementRow['allocationKey'];
  vatTreatment: AgreementRow['vatTreatment'];
  vatExemptReason: string | null;
}

/**
 * Memberships of the provider's members that became active (agreements with `active_since`), in
 * the caller's transaction. A member with several such agreements gets one entry per agreement,
 * oldest first; the caller decides how to merge them.
 */
export async function membershipsOf(tx: Tx, scope: TenantScope, providerId: string): Promise<Membership[]> {
  const rows = await tx
    .select({
      orgId: agreements.orgId,
      agreementId: agreements.id,
      from: agreements.activeSince,
      endedAt: agreements.endedAt,
      effectiveEnd: agreements.effectiveEnd,
      allocationKey: agreements.allocationKey,
      vatTreatment: agreements.vatTreatment,
      vatExemptReason: agreements.vatExemptReason,
    })
    .from(agreements)
    .where(and(eq(agreements.providerId, providerId), isNotNull(agreements.activeSince), inIds(agreements.orgId, scope.orgIds)))
    .orderBy(asc(agreements.orgId), asc(agreements.activeSince));
  return rows.map((r) => ({
    orgId: r.orgId,
    agreementId: r.agreementId,
    from: r.from!,
    to: r.endedAt ?? r.effectiveEnd ?? null,
    allocationKey: r.allocationKey,
    vatTreatment: r.vatTreatment,
    vatExemptReason: r.vatExemptReason,
  }));
}

/** Status of every agreement of the given organisations (the caller's visible ones), for overviews. */
export async function agreementStatusesOf(tx: Tx, scope: TenantScope, orgIds: readonly string[]): Promise<{ orgId: string; status: AgreementRow['status'] }[]> {
  if (orgIds.length === 0) {
    return [];
  }
  return tx
    .select({ orgId: agreements.orgId, status: agreements.status })
    .from(agreements)
    .where(and(inIds(agreements.orgId, orgIds), inIds(agreements.orgId, scope.orgIds)));
}
