import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { organisations } from '../organisations/index.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { billingRuns, invoiceCounters, invoiceDocuments, invoices, type BillingRunRow, type InvoiceRow, type RunProgress } from './billing.schema.js';

export async function listRuns(tx: Tx, scope: TenantScope, providerId: string, f: { year?: number; kind?: string; status?: string }) {
  const conds: SQL[] = [eq(billingRuns.orgId, providerId), inIds(billingRuns.orgId, scope.orgIds)];
  if (f.year) {
    conds.push(eq(billingRuns.year, f.year));
  }
  if (f.kind) {
    conds.push(eq(billingRuns.kind, f.kind as BillingRunRow['kind']));
  }
  if (f.status) {
    conds.push(eq(billingRuns.status, f.status as BillingRunRow['status']));
  }
  return tx.select().from(billingRuns).where(and(...conds)).orderBy(desc(billingRuns.id)).limit(200);
}

export async function findRun(tx: Tx, scope: TenantScope, id: string): Promise<BillingRunRow | undefined> {
  const [row] = await tx.select().from(billingRuns).where(and(eq(billingRuns.id, id), inIds(billingRuns.orgId, scope.orgIds)));
  return row;
}

/** Locks the run row, so recompute, issue and delete of one run never overlap. */
export async function lockRun(tx: Tx, scope: TenantScope, id: string): Promise<BillingRunRow | undefined> {
  const [row] = await tx
    .select()
    .from(billingRuns)
    .where(and(eq(billingRuns.id, id), inIds(billingRuns.orgId, scope.orgIds)))
    .for('update');
  return row;
}

export async function insertRun(tx: Tx, scope: TenantScope, values: typeof billingRuns.$inferInsert): Promise<BillingRunRow> {
  if (!scope.orgIds.includes(values.orgId)) {
    throw new Error('billing run: provider outside scope');
  }
  const [row] = await tx.insert(billingRuns).values(values).returning();
  return row!;
}

export async function updateRun(tx: Tx, scope: TenantScope, id: string, values: Partial<typeof billingRuns.$inferInsert>) {
  const [row] = await tx
    .update(billingRuns)
    .set(values)
    .where(and(eq(billingRuns.id, id), inIds(billingRuns.orgId, scope.orgIds)))
    .returning();
  return row;
}

/** Marks an issuing run issued; undefined when it is no longer `issuing` (reset meanwhile). */
export async function finishIssue(tx: Tx, scope: TenantScope, id: string, values: { issueDate: string; issuedAt: Date; progress: RunProgress }) {
  const [row] = await tx
    .update(billingRuns)
    .set({ ...values, status: 'issued' })
    .where(and(eq(billingRuns.id, id), eq(billingRuns.status, 'issuing'), inIds(billingRuns.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function deleteRun(tx: Tx, scope: TenantScope, id: string) {
  await tx.delete(invoices).where(and(eq(invoices.runId, id), eq(invoices.status, 'draft'), inIds(invoices.orgId, scope.orgIds)));
  await tx.delete(billingRuns).where(and(eq(billingRuns.id, id), inIds(billingRuns.orgId, scope.orgIds)));
}

export async function deleteDrafts(tx: Tx, scope: TenantScope, runId: string) {
  await tx.delete(invoices).where(and(eq(invoices.runId, runId), eq(invoices.status, 'draft'), inIds(invoices.orgId, scope.orgIds)));
}

/** Columns of a bulk draft insert: invoice field, SQL column, SQL type. */
const DRAFT_COLUMNS = [
  ['id', 'id', 'uuid'],
  ['orgId', 'org_id', 'uuid'],
  ['providerId', 'provider_id', 'uuid'],
  ['runId', 'run_id', 'uuid'],
  ['status', 'status', 'text'],
  ['runKind', 'run_kind', 'text'],
  ['typeCode', 'type_code', 'text'],
  ['periodStart', 'period_start', 'date'],
  ['periodEnd', 'period_end', 'date'],
  ['leitwegId', 'leitweg_id', 'text'],
  ['buyerName', 'buyer_name', 'text'],
  ['netCents', 'net_cents', 'bigint'],
  ['vatCents', 'vat_cents', 'bigint'],
  ['grossCents', 'gross_cents', 'bigint'],
  ['lines', 'lines', 'jsonb'],
  ['explanation', 'explanation', 'jsonb'],
  ['precedingInvoiceId', 'preceding_invoice_id', 'uuid'],
  ['precedingNumber', 'preceding_number', 'text'],
  ['precedingIssueDate', 'preceding_issue_date', 'date'],
] as const;

/**
 * Draft invoices in one statement per 500: the rows travel as one JSON parameter unpacked by
 * jsonb_to_recordset (a multi-row VALUES of 19 columns × 500 rows cost more to build in Node than
 * PostgreSQL needed to insert it). Money goes as decimal strings, never through a float.
 */
export async function insertInvoices(tx: Tx, scope: TenantScope, rows: (typeof invoices.$inferInsert)[]) {
  for (const r of rows) {
    if (!scope.orgIds.includes(r.orgId)) {
      throw new Error('invoice: member outside scope');
    }
  }
  const cols = DRAFT_COLUMNS.map(([, c]) => c).join(', ');
  const defs = DRAFT_COLUMNS.map(([, c, t]) => `${c} ${t}`).join(', ');
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500).map((r) => {
      const v: Record<string, unknown> = { ...r, id: r.id ?? uuidv7() };
      return Object.fromEntries(DRAFT_COLUMNS.map(([k, c]) => [c, typeof v[k] === 'bigint' ? String(v[k]) : (v[k] ?? null)]));
    });
    await tx.execute(sql`insert into invoices (${sql.raw(cols)}) select ${sql.raw(cols)} from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as r(${sql.raw(defs)})`);
  }
}

/**
 * The progress of an issuing run, written beside the issue transaction (its own short one), so
 * every process sees it; it also tells that the job is alive (updated_at). Only while `issuing`.
 */
export async function writeProgress(tx: Tx, scope: TenantScope, id: string, progress: RunProgress) {
  await tx
    .update(billingRuns)
    .set({ progress, updatedAt: new Date() })
    .where(and(eq(billingRuns.id, id), eq(billingRuns.status, 'issuing'), inIds(billingRuns.orgId, scope.orgIds)));
}

/** Totals of a run by SQL (the UI polls the run while issuing; no invoice lines are loaded). */
export async function runSummary(tx: Tx, scope: TenantScope, runId: string) {
  const [row] = await tx
    .select({
      invoices: sql<number>`count(*) filter (where ${invoices.typeCode} = '380')::int`,
      creditNotes: sql<number>`count(*) filter (where ${invoices.typeCode} = '381')::int`,
      net: sql<string>`coalesce(sum(case when ${invoices.typeCode} = '381' then -${invoices.netCents} else ${invoices.netCents} end), 0)::text`,
      vat: sql<string>`coalesce(sum(case when ${invoices.typeCode} = '381' then -${invoices.vatCents} else ${invoices.vatCents} end), 0)::text`,
      gross: sql<string>`coalesce(sum(case when ${invoices.typeCode} = '381' then -${invoices.grossCents} else ${invoices.grossCents} end), 0)::text`,
    })
    .from(invoices)
    .where(and(eq(invoices.runId, runId), inIds(invoices.orgId, scope.orgIds)));
  const missing = await tx
    .selectDistinct({ orgId: invoices.orgId, orgName: invoices.buyerName })
    .from(invoices)
    .where(and(eq(invoices.runId, runId), sql`${invoices.leitwegId} is null`, inIds(invoices.orgId, scope.orgIds)));
  return { invoices: row?.invoices ?? 0, creditNotes: row?.creditNotes ?? 0, net: BigInt(row?.net ?? '0'), vat: BigInt(row?.vat ?? '0'), gross: BigInt(row?.gross ?? '0'), missing };
}

/** Buyers of a run's invoices (id and name), without the lines. */
export async function buyersOfRun(tx: Tx, scope: TenantScope, runId: string) {
  return tx
    .selectDistinct({ orgId: invoices.orgId, buyerName: invoices.buyerName })
    .from(invoices)
    .where(and(eq(invoices.runId, runId), inIds(invoices.orgId, scope.orgIds)));
}

/** Marks many drafts issued in one statement per chunk (issuing 1,000 invoices is 10 statements). */
export async function markIssuedMany(
  tx: Tx,
  rows: { id: string; number: string; issueDate: string; dueDate: string | null; leitwegId: string; model: unknown }[],
) {
  for (let i = 0; i < rows.length; i += 100) {
    const part = rows.slice(i, i + 100);
    const values = sql.join(
      part.map((r) => sql`(${r.id}::uuid, ${r.number}, ${r.issueDate}::date, ${r.dueDate}::date, ${r.leitwegId}, ${JSON.stringify(r.model)}::jsonb)`),
      sql`, `,
    );
    await tx.execute(sql`update invoices as i set status = 'issued', number = v.number, issue_date = v.issue_date, due_date = v.due_date,
        leitweg_id = v.leitweg_id, model = v.model, updated_at = now()
      from (values ${values}) as v(id, number, issue_date, due_date, leitweg_id, model)
      where i.id = v.id and i.status = 'draft'`);
  }
}

export const orgName = sql<string>`(select o.name from organisations o where o.id = invoices.org_id)`;

export type InvoiceWithNames = InvoiceRow & { orgName: string };

export async function invoicesOfRun(tx: Tx, scope: TenantScope, runId: string): Promise<InvoiceRow[]> {
  return tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.runId, runId), inIds(invoices.orgId, scope.orgIds)))
    .orderBy(asc(invoices.buyerName), asc(invoices.orgId), asc(invoices.typeCode), asc(invoices.id));
}

export interface InvoiceFilter {
  /** Organisations whose issued invoices the caller may read. */
  issuedOrgIds: readonly string[];
  /** Organisations whose drafts the caller may read too (billing.read). */
  draftOrgIds: readonly string[];
  memberId?: string;
  runId?: string;
  status?: 'draft' | 'issued';
  year?: number;
}

function invoiceConds(scope: TenantScope, f: InvoiceFilter): SQL[] {
  const conds: SQL[] = [
    inIds(invoices.orgId, scope.orgIds),
    sql`((${invoices.status} = 'issued' and ${inIds(invoices.orgId, f.issuedOrgIds)}) or ${inIds(invoices.orgId, f.draftOrgIds)})`,
  ];
  if (f.memberId) {
    conds.push(eq(invoices.orgId, f.memberId));
  }
  if (f.runId) {
    conds.push(eq(invoices.runId, f.runId));
  }
  if (f.status) {
    conds.push(eq(invoices.status, f.status));
  }
  if (f.year) {
    conds.push(sql`extract(year from ${invoices.periodStart}) = ${f.year}`);
  }
  return conds;
}

export async function listInvoices(tx: Tx, scope: TenantScope, f: InvoiceFilter, limit: number, after?: string): Promise<InvoiceWithNames[]> {
  const conds = invoiceConds(scope, f);
  if (after) {
    conds.push(lt(invoices.id, after));
  }
  return tx
    .select({ ...invoiceColumns, orgName })
    .from(invoices)
    .where(and(...conds))
    .orderBy(desc(invoices.id))
    .limit(limit + 1);
}

export async function countInvoices(tx: Tx, scope: TenantScope, f: InvoiceFilter): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(invoices)
    .where(and(...invoiceConds(scope, f)));
  return row?.n ?? 0;
}

const invoiceColumns = {
  id: invoices.id,
  orgId: invoices.orgId,
  providerId: invoices.providerId,
  runId: invoices.runId,
  status: invoices.status,
  runKind: invoices.runKind,
  typeCode: invoices.typeCode,
  number: invoices.number,
  issueDate: invoices.issueDate,
  dueDate: invoices.dueDate,
  periodStart: invoices.periodStart,
  periodEnd: invoices.periodEnd,
  leitwegId: invoices.leitwegId,
  buyerName: invoices.buyerName,
  netCents: invoices.netCents,
  vatCents: invoices.vatCents,
  grossCents: invoices.grossCents,
  lines: invoices.lines,
  explanation: invoices.explanation,
  precedingInvoiceId: invoices.precedingInvoiceId,
  precedingNumber: invoices.precedingNumber,
  precedingIssueDate: invoices.precedingIssueDate,
  model: invoices.model,
  createdAt: invoices.createdAt,
  updatedAt: invoices.updatedAt,
};

export async function findInvoice(tx: Tx, scope: TenantScope, id: string): Promise<InvoiceWithNames | undefined> {
  const [row] = await tx
    .select({ ...invoiceColumns, orgName })
    .from(invoices)
    .where(and(eq(invoices.id, id), inIds(invoices.orgId, scope.orgIds)));
  return row;
}

/** Issued advance invoices of a plan (for the settlement), with their lines. */
export async function issuedAdvances(tx: Tx, scope: TenantScope, providerId: string, planId: string) {
  return tx
    .select({ id: invoices.id, orgId: invoices.orgId, number: invoices.number, issueDate: invoices.issueDate, lines: invoices.lines, typeCode: invoices.typeCode })
    .from(invoices)
    .innerJoin(billingRuns, eq(billingRuns.id, invoices.runId))
    .where(
      and(
        eq(billingRuns.orgId, providerId),
        eq(billingRuns.planId, planId),
        eq(billingRuns.kind, 'advance'),
        eq(invoices.status, 'issued'),
        inIds(invoices.orgId, scope.orgIds),
      ),
    )
    .orderBy(asc(invoices.issueDate), asc(invoices.number));
}

export async function settlementExists(tx: Tx, scope: TenantScope, providerId: string, planId: string, exceptRunId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: billingRuns.id })
    .from(billingRuns)
    .where(
      and(
        eq(billingRuns.orgId, providerId),
        eq(billingRuns.planId, planId),
        eq(billingRuns.kind, 'settlement'),
        sql`${billingRuns.status} <> 'draft'`,
        sql`${billingRuns.id} <> ${exceptRunId}`,
        inIds(billingRuns.orgId, scope.orgIds),
      ),
    );
  return rows.length > 0;
}

/**
 * Takes `count` numbers from the provider's counter of `year` and returns the first. The counter
 * row is locked FOR UPDATE until the transaction ends: a concurrent issue waits, and a rollback
 * gives the numbers back, so numbers stay gapless.
 */
export async function takeNumbers(tx: Tx, providerId: string, year: number, count: number): Promise<number> {
  await tx.insert(invoiceCounters).values({ orgId: providerId, year, lastNumber: 0 }).onConflictDoNothing();
  const [row] = await tx
    .select({ last: invoiceCounters.lastNumber })
    .from(invoiceCounters)
    .where(and(eq(invoiceCounters.orgId, providerId), eq(invoiceCounters.year, year)))
    .for('update');
  const first = row!.last + 1;
  await tx
    .update(invoiceCounters)
    .set({ lastNumber: row!.last + count })
    .where(and(eq(invoiceCounters.orgId, providerId), eq(invoiceCounters.year, year)));
  return first;
}

export async function lastNumber(tx: Tx, providerId: string, year: number): Promise<number> {
  const [row] = await tx
    .select({ last: invoiceCounters.lastNumber })
    .from(invoiceCounters)
    .where(and(eq(invoiceCounters.orgId, providerId), eq(invoiceCounters.year, year)));
  return row?.last ?? 0;
}

export interface DocumentInsert {
  orgId: string;
  invoiceId: string;
  kind: 'ubl' | 'cii' | 'pdf';
  contentType: string;
  content: Buffer;
  sha256: string;
  sizeBytes: number;
}

export async function insertDocuments(tx: Tx, rows: DocumentInsert[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await tx
      .insert(invoiceDocuments)
      .values(rows.slice(i, i + 200))
      .onConflictDoNothing();
  }
}

export async function findDocument(tx: Tx, scope: TenantScope, invoiceId: string, kind: 'ubl' | 'cii' | 'pdf') {
  const [row] = await tx
    .select()
    .from(invoiceDocuments)
    .where(and(eq(invoiceDocuments.invoiceId, invoiceId), eq(invoiceDocuments.kind, kind), inIds(invoiceDocuments.orgId, scope.orgIds)));
  return row;
}

export async function documentsMeta(tx: Tx, scope: TenantScope, invoiceIds: readonly string[]) {
  if (invoiceIds.length === 0) {
    return [];
  }
  return tx
    .select({ invoiceId: invoiceDocuments.invoiceId, kind: invoiceDocuments.kind, sha256: invoiceDocuments.sha256, sizeBytes: invoiceDocuments.sizeBytes })
    .from(invoiceDocuments)
    .where(and(inArray(invoiceDocuments.invoiceId, [...invoiceIds]), inIds(invoiceDocuments.orgId, scope.orgIds)));
}

export async function documentsOfRun(tx: Tx, scope: TenantScope, runId: string, kinds: ('ubl' | 'pdf' | 'cii')[]) {
  return tx
    .select({ invoiceId: invoiceDocuments.invoiceId, kind: invoiceDocuments.kind, content: invoiceDocuments.content })
    .from(invoiceDocuments)
    .innerJoin(invoices, eq(invoices.id, invoiceDocuments.invoiceId))
    .where(and(eq(invoices.runId, runId), inArray(invoiceDocuments.kind, kinds), inIds(invoiceDocuments.orgId, scope.orgIds)));
}

export async function memberAddresses(tx: Tx, scope: TenantScope, orgIds: readonly string[]) {
  if (orgIds.length === 0) {
    return new Map<string, { name: string; street: string | null; postalCode: string | null; city: string | null }>();
  }
  const rows = await tx
    .select({ id: organisations.id, name: organisations.name, street: organisations.street, postalCode: organisations.postalCode, city: organisations.city })
    .from(organisations)
    .where(and(inIds(organisations.id, orgIds), inIds(organisations.id, scope.orgIds)));
  return new Map(rows.map((r) => [r.id, r]));
}
