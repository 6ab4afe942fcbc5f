import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { agreements, type AgreementRow } from './agreements.schema.js';

export type AgreementWithOrg = AgreementRow & { orgName: string };

// Qualified by hand: Drizzle renders the outer column unqualified inside a select-list subquery.
const orgName = sql<string>`(select o.name from organisations o where o.id = agreements.org_id)`;

export interface AgreementFilter {
  /** Only these organisations (already cut to what the caller may read). */
  orgIds: readonly string[];
  status?: string;
  kind?: string;
  q?: string;
}

function filters(scope: TenantScope, f: AgreementFilter): SQL[] {
  const conds: SQL[] = [inIds(agreements.orgId, scope.orgIds), inIds(agreements.orgId, f.orgIds)];
  if (f.status) {
    conds.push(eq(agreements.status, f.status as AgreementRow['status']));
  }
  if (f.kind) {
    conds.push(eq(agreements.kind, f.kind as AgreementRow['kind']));
  }
  if (f.q) {
    // Escape LIKE wildcards so a search for "50%" means what it says.
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(${agreements.title} ilike ${pattern} or ${agreements.reference} ilike ${pattern}
      or exists (select 1 from organisations o where o.id = ${agreements.orgId} and o.name ilike ${pattern}))`);
  }
  return conds;
}

/** Newest first; `after` is the id of the last row of the previous page (UUID v7 sorts by time). */
export async function list(tx: Tx, scope: TenantScope, f: AgreementFilter, limit: number, after?: string): Promise<AgreementWithOrg[]> {
  const conds = filters(scope, f);
  if (after) {
    conds.push(lt(agreements.id, after));
  }
  return tx
    .select({ ...allColumns, orgName })
    .from(agreements)
    .where(and(...conds))
    .orderBy(desc(agreements.id))
    .limit(limit + 1);
}

export async function count(tx: Tx, scope: TenantScope, f: AgreementFilter): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(agreements)
    .where(and(...filters(scope, f)));
  return row?.n ?? 0;
}

/** Organisations (of those given) that have an agreement matching the filter. */
export async function orgIdsMatching(tx: Tx, scope: TenantScope, f: AgreementFilter): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ orgId: agreements.orgId })
    .from(agreements)
    .where(and(...filters(scope, f)));
  return rows.map((r) => r.orgId);
}

const allColumns = {
  id: agreements.id,
  orgId: agreements.orgId,
  providerId: agreements.providerId,
  kind: agreements.kind,
  status: agreements.status,
  title: agreements.title,
  reference: agreements.reference,
  intentDeclaredAt: agreements.intentDeclaredAt,
  signedAt: agreements.signedAt,
  signatories: agreements.signatories,
  signedDocumentId: agreements.signedDocumentId,
  onboardingStartedAt: agreements.onboardingStartedAt,
  activeSince: agreements.activeSince,
  noticeGivenAt: agreements.noticeGivenAt,
  effectiveEnd: agreements.effectiveEnd,
  endedAt: agreements.endedAt,
  termStart: agreements.termStart,
  termEnd: agreements.termEnd,
  minimumTermYears: agreements.minimumTermYears,
  noticeMonths: agreements.noticeMonths,
  noticeToYearEnd: agreements.noticeToYearEnd,
  allocationKey: agreements.allocationKey,
  vatLongTerm: agreements.vatLongTerm,
  vatPublicTask: agreements.vatPublicTask,
  vatCostOnly: agreements.vatCostOnly,
  vatPublicBodies: agreements.vatPublicBodies,
  vatTreatment: agreements.vatTreatment,
  vatTreatmentChosen: agreements.vatTreatmentChosen,
  vatExemptReason: agreements.vatExemptReason,
  shareCount: agreements.shareCount,
  shareNominalCents: agreements.shareNominalCents,
  sharePaidCents: agreements.sharePaidCents,
  notes: agreements.notes,
  createdAt: agreements.createdAt,
  updatedAt: agreements.updatedAt,
};

export async function findById(tx: Tx, scope: TenantScope, id: string): Promise<AgreementWithOrg | undefined> {
  const rows = await tx
    .select({ ...allColumns, orgName })
    .from(agreements)
    .where(and(eq(agreements.id, id), inIds(agreements.orgId, scope.orgIds)))
    .limit(1);
  return rows[0];
}

/** Locks the row for a status change, so two transitions cannot both pass the check. */
export async function lockById(tx: Tx, scope: TenantScope, id: string): Promise<void> {
  await tx.execute(sql`select 1 from agreements where id = ${id} and ${inIds(agreements.orgId, scope.orgIds)} for update`);
}

export async function insert(tx: Tx, scope: TenantScope, values: typeof agreements.$inferInsert): Promise<AgreementRow> {
  if (!scope.orgIds.includes(values.orgId)) {
    throw new Error('agreements.insert: organisation outside scope');
  }
  const [row] = await tx.insert(agreements).values(values).returning();
  return row!;
}

export async function update(tx: Tx, scope: TenantScope, id: string, values: Partial<typeof agreements.$inferInsert>): Promise<AgreementRow | undefined> {
  const [row] = await tx
    .update(agreements)
    .set(values)
    .where(and(eq(agreements.id, id), inIds(agreements.orgId, scope.orgIds)))
    .returning();
  return row;
}
