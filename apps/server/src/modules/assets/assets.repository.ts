import { and, desc, eq, gte, ilike, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { assetRelations, assets, assetSettings, type AssetInsert, type AssetRow, type AssetSettingsRow } from './assets.schema.js';

const ownerIsProvider = sql<boolean>`(${assets.ownerOrgId} = ${assets.providerId})`;

export type AssetWithNames = AssetRow & { ownerName: string | null; ownerIsProvider: boolean; usingMemberName: string | null; siteName: string | null; roomName: string | null };

export interface AssetFilter {
  /** Only these organisations (already cut to what the caller may read). */
  orgIds: readonly string[];
  type?: AssetRow['type'];
  status?: AssetRow['status'];
  ownerOrgId?: string;
  memberId?: string;
  siteId?: string;
  warrantyEndingBefore?: string;
  warrantyFrom?: string;
  q?: string;
  ids?: readonly string[];
}

/**
 * The organisations to read: the caller's visible ones cut to the filter, decided here rather than
 * as two `org_id = any(…)` lists in SQL. With a member filter it is one id, so the planner walks one
 * range of (org_id, id) instead of merging a hundred — 4 ms instead of 300 at 500,000 assets.
 */
function orgScope(scope: TenantScope, f: AssetFilter): SQL {
  const visible = new Set(scope.orgIds);
  const ids = (f.memberId ? (f.orgIds.includes(f.memberId) ? [f.memberId] : []) : f.orgIds).filter((id) => visible.has(id));
  if (ids.length === 0) {
    return sql`false`;
  }
  return ids.length === 1 ? eq(assets.orgId, ids[0]!) : inIds(assets.orgId, ids);
}

function filters(scope: TenantScope, f: AssetFilter): SQL[] {
  const conds: SQL[] = [orgScope(scope, f)];
  if (f.type) {
    conds.push(eq(assets.type, f.type));
  }
  if (f.status) {
    conds.push(eq(assets.status, f.status));
  }
  if (f.ownerOrgId) {
    conds.push(eq(assets.ownerOrgId, f.ownerOrgId));
  }
  if (f.siteId) {
    conds.push(eq(assets.siteId, f.siteId));
  }
  if (f.warrantyEndingBefore) {
    conds.push(lte(assets.warrantyEnd, f.warrantyEndingBefore));
  }
  if (f.warrantyFrom) {
    conds.push(gte(assets.warrantyEnd, f.warrantyFrom));
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(assets.inventoryNumber, like), ilike(assets.serial, like), ilike(assets.name, like), ilike(assets.model, like))!);
  }
  if (f.ids) {
    conds.push(inIds(assets.id, f.ids));
  }
  return conds;
}

/**
 * Names of the owners, members, sites and rooms of `rows`, in one query over their distinct ids
 * (under the caller's RLS, as the rows themselves). Four correlated subqueries per row cost a
 * 50-row page 2 ms and a plan that took longer to make than the page to read.
 */
async function withNames(tx: Tx, rows: (AssetRow & { ownerIsProvider: boolean })[]): Promise<AssetWithNames[]> {
  if (rows.length === 0) {
    return [];
  }
  const distinct = (xs: (string | null)[]) => `{${[...new Set(xs.filter((x): x is string => x !== null))].join(',')}}`;
  const orgs = distinct(rows.flatMap((r) => [r.ownerOrgId, r.usingMemberId]));
  const siteIds = distinct(rows.map((r) => r.siteId));
  const roomIds = distinct(rows.map((r) => r.roomId));
  const res = await tx.execute<{ k: string; id: string; name: string }>(sql`
    select 'o' as k, id, name from organisations where id = any(${orgs}::uuid[])
    union all select 's', id, name from sites where id = any(${siteIds}::uuid[])
    union all select 'r', id, name from site_rooms where id = any(${roomIds}::uuid[])`);
  const name = new Map(res.rows.map((r) => [`${r.k}${r.id}`, r.name]));
  return rows.map((r) => ({
    ...r,
    ownerName: name.get(`o${r.ownerOrgId}`) ?? null,
    usingMemberName: r.usingMemberId ? (name.get(`o${r.usingMemberId}`) ?? null) : null,
    siteName: r.siteId ? (name.get(`s${r.siteId}`) ?? null) : null,
    roomName: r.roomId ? (name.get(`r${r.roomId}`) ?? null) : null,
  }));
}

/** Newest first; `after` is the id of the last row of the previous page (UUID v7 sorts by time). */
export async function list(tx: Tx, scope: TenantScope, f: AssetFilter, limit: number, after?: string): Promise<AssetWithNames[]> {
  const conds = filters(scope, f);
  if (after) {
    conds.push(lt(assets.id, after));
  }
  const rows = await tx
    .select({ ...allColumns, ownerIsProvider })
    .from(assets)
    .where(and(...conds))
    .orderBy(desc(assets.id))
    .limit(limit + 1);
  return withNames(tx, rows);
}

/** Matching rows, counted up to `cap` (a total over half a million rows is not cheap; null above the cap). */
export async function count(tx: Tx, scope: TenantScope, f: AssetFilter, cap: number): Promise<number | null> {
  const inner = tx.select({ one: sql`1` }).from(assets).where(and(...filters(scope, f))).limit(cap + 1);
  const res = await tx.execute<{ n: number }>(sql`select count(*)::int as n from (${inner}) t`);
  const n = Number(res.rows[0]?.n ?? 0);
  return n > cap ? null : n;
}

export async function findById(tx: Tx, scope: TenantScope, id: string): Promise<AssetWithNames | undefined> {
  const rows = await tx
    .select({ ...allColumns, ownerIsProvider })
    .from(assets)
    .where(and(eq(assets.id, id), inIds(assets.orgId, scope.orgIds)));
  return (await withNames(tx, rows))[0];
}

export async function lockById(tx: Tx, scope: TenantScope, id: string): Promise<void> {
  await tx.execute(sql`select id from assets where id = ${id} and ${inIds(assets.orgId, scope.orgIds)} for update`);
}

export async function insert(tx: Tx, values: AssetInsert): Promise<AssetRow> {
  const [row] = await tx.insert(assets).values(values).returning();
  return row!;
}

export async function update(tx: Tx, scope: TenantScope, id: string, values: Partial<AssetInsert>): Promise<AssetRow | undefined> {
  const [row] = await tx
    .update(assets)
    .set(values)
    .where(and(eq(assets.id, id), inIds(assets.orgId, scope.orgIds)))
    .returning();
  return row;
}

/** Which of `numbers` the provider already uses (as far as the caller can see). */
export async function existingNumbers(tx: Tx, providerId: string, numbers: readonly string[]): Promise<Set<string>> {
  if (numbers.length === 0) {
    return new Set();
  }
  const res = await tx.execute<{ n: string }>(
    sql`select inventory_number as n from assets where provider_id = ${providerId} and inventory_number in (select jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb))`,
  );
  return new Set(res.rows.map((r) => r.n));
}

/** Column order of the bulk insert (snake_case as in the table). */
const BULK_COLUMNS: [keyof AssetInsert, string, string][] = [
  ['id', 'id', 'uuid'],
  ['orgId', 'org_id', 'uuid'],
  ['providerId', 'provider_id', 'uuid'],
  ['ownerOrgId', 'owner_org_id', 'uuid'],
  ['usingMemberId', 'using_member_id', 'uuid'],
  ['type', 'type', 'text'],
  ['inventoryNumber', 'inventory_number', 'text'],
  ['name', 'name', 'text'],
  ['serial', 'serial', 'text'],
  ['manufacturer', 'manufacturer', 'text'],
  ['model', 'model', 'text'],
  ['status', 'status', 'text'],
  ['siteId', 'site_id', 'uuid'],
  ['assignedPerson', 'assigned_person', 'text'],
  ['purchaseDate', 'purchase_date', 'date'],
  ['costCents', 'cost_cents', 'bigint'],
  ['supplier', 'supplier', 'text'],
  ['warrantyEnd', 'warranty_end', 'date'],
  ['fundingReference', 'funding_reference', 'text'],
  ['usefulLifeMonths', 'useful_life_months', 'integer'],
  ['attributes', 'attributes', 'jsonb'],
  ['notes', 'notes', 'text'],
  ['importId', 'import_id', 'uuid'],
];

/** One element of a PostgreSQL array literal: NULL, or the text quoted with `"` and `\\` escaped. */
function arrayElement(v: unknown): string {
  if (v === null || v === undefined) {
    return 'NULL';
  }
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * Many assets in one statement per chunk: each column travels as one array parameter and
 * PostgreSQL zips them with `unnest` — one round trip and one plan per 5,000 rows, on pg and
 * PGlite alike. The array literals are built here (not by the driver) so that Drizzle sends each
 * as a single parameter; against `jsonb_to_recordset` this saves the JSON object per row and its
 * parsing (about a tenth of a 100,000-row import).
 */
export async function insertMany(tx: Tx, rows: AssetInsert[], chunk = 5000): Promise<void> {
  const cols = sql.raw(BULK_COLUMNS.map(([, c]) => c).join(', '));
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const arrays = BULK_COLUMNS.map(([k, , type]) => sql`${`{${part.map((r) => arrayElement(r[k])).join(',')}}`}::${sql.raw(type)}[]`);
    await tx.execute(sql`insert into assets (${cols}) select * from unnest(${sql.join(arrays, sql`, `)})`);
  }
}

export async function settingsOf(tx: Tx, providerId: string): Promise<AssetSettingsRow | undefined> {
  const [row] = await tx.select().from(assetSettings).where(eq(assetSettings.orgId, providerId));
  return row;
}

export async function upsertSettings(tx: Tx, providerId: string, values: Partial<typeof assetSettings.$inferInsert>): Promise<AssetSettingsRow> {
  const [row] = await tx
    .insert(assetSettings)
    .values({ orgId: providerId, ...values })
    .onConflictDoUpdate({ target: assetSettings.orgId, set: { ...values, updatedAt: new Date() } })
    .returning();
  return row!;
}

/**
 * Fresh planner statistics after a large import, so the member-filtered list keeps its index plan.
 * ANALYZE needs the table owner: the admin path runs it after the import's transaction committed.
 */
export async function analyze(tx: Tx): Promise<void> {
  await tx.execute(sql`analyze assets`);
}

/** Draws `count` inventory sequence numbers of the provider's year; returns the first. */
export async function drawNumbers(tx: Tx, providerId: string, year: number, count: number): Promise<number> {
  const res = await tx.execute<{ last: string | number }>(sql`select verbund_next_asset_seq(${providerId}::uuid, ${year}::int, ${count}::int) as last`);
  return Number(res.rows[0]!.last) - count + 1;
}

export interface RelationView {
  id: string;
  type: (typeof assetRelations.$inferSelect)['type'];
  fromAssetId: string;
  toAssetId: string | null;
  toServiceId: string | null;
  note: string | null;
  createdAt: Date;
  orgId: string;
  /** The other end as the caller sees it (null when not visible). */
  otherLabel: string | null;
  otherType: string | null;
  otherStatus: string | null;
}

/** Relations from and to one asset; the other end's label comes only from rows the caller can see. */
export async function relationsOf(tx: Tx, scope: TenantScope, assetId: string, hasServices: boolean): Promise<{ outgoing: RelationView[]; incoming: RelationView[] }> {
  const visible = inIds(sql`x.org_id`, scope.orgIds);
  const serviceLabel = hasServices ? sql`(select sv.code || ' ' || sv.name_de from services sv where sv.id = r.to_service_id)` : sql`null`;
  const out = await tx.execute<Record<string, unknown>>(sql`
    select r.id, r.type, r.from_asset_id, r.to_asset_id, r.to_service_id, r.note, r.created_at, r.org_id,
           case when r.to_asset_id is not null then (select x.inventory_number || coalesce(' ' || x.name, '') from assets x where x.id = r.to_asset_id and ${visible})
                else ${serviceLabel} end as other_label,
           (select x.type from assets x where x.id = r.to_asset_id and ${visible}) as other_type,
           (select x.status from assets x where x.id = r.to_asset_id and ${visible}) as other_status
      from asset_relations r
     where r.from_asset_id = ${assetId} and ${inIds(sql`r.org_id`, scope.orgIds)}
     order by r.type, r.created_at`);
  const inc = await tx.execute<Record<string, unknown>>(sql`
    select r.id, r.type, r.from_asset_id, r.to_asset_id, r.to_service_id, r.note, r.created_at, r.org_id,
           x.inventory_number || coalesce(' ' || x.name, '') as other_label, x.type as other_type, x.status as other_status
      from asset_relations r
      join assets x on x.id = r.from_asset_id and ${visible}
     where r.to_asset_id = ${assetId} and ${inIds(sql`r.org_id`, scope.orgIds)}
     order by r.type, r.created_at`);
  const map = (r: Record<string, unknown>): RelationView => ({
    id: r.id as string,
    type: r.type as RelationView['type'],
    fromAssetId: r.from_asset_id as string,
    toAssetId: (r.to_asset_id as string | null) ?? null,
    toServiceId: (r.to_service_id as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    createdAt: new Date(r.created_at as string),
    orgId: r.org_id as string,
    otherLabel: (r.other_label as string | null) ?? null,
    otherType: (r.other_type as string | null) ?? null,
    otherStatus: (r.other_status as string | null) ?? null,
  });
  return { outgoing: out.rows.map(map), incoming: inc.rows.map(map) };
}

export async function insertRelation(tx: Tx, values: typeof assetRelations.$inferInsert) {
  const [row] = await tx.insert(assetRelations).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findRelation(tx: Tx, scope: TenantScope, id: string) {
  const [row] = await tx
    .select()
    .from(assetRelations)
    .where(and(eq(assetRelations.id, id), inIds(assetRelations.orgId, scope.orgIds)));
  return row;
}

export async function deleteRelation(tx: Tx, scope: TenantScope, id: string): Promise<void> {
  await tx.delete(assetRelations).where(and(eq(assetRelations.id, id), inIds(assetRelations.orgId, scope.orgIds)));
}

/** Whether the catalogue's services table exists yet (built by another module in parallel). */
export async function servicesTableExists(tx: Tx): Promise<boolean> {
  const res = await tx.execute<{ ok: boolean }>(sql`select to_regclass('public.services') is not null as ok`);
  return Boolean(res.rows[0]?.ok);
}

/** A catalogue service of this provider visible to the caller, or undefined. */
export async function findService(tx: Tx, providerId: string, id: string): Promise<{ id: string } | undefined> {
  const res = await tx.execute<{ id: string }>(sql`select id from services where id = ${id} and provider_id = ${providerId}`);
  return res.rows[0];
}

const allColumns = {
  id: assets.id,
  orgId: assets.orgId,
  providerId: assets.providerId,
  ownerOrgId: assets.ownerOrgId,
  usingMemberId: assets.usingMemberId,
  type: assets.type,
  inventoryNumber: assets.inventoryNumber,
  name: assets.name,
  serial: assets.serial,
  manufacturer: assets.manufacturer,
  model: assets.model,
  status: assets.status,
  siteId: assets.siteId,
  roomId: assets.roomId,
  assignedPerson: assets.assignedPerson,
  purchaseDate: assets.purchaseDate,
  costCents: assets.costCents,
  supplier: assets.supplier,
  warrantyEnd: assets.warrantyEnd,
  fundingReference: assets.fundingReference,
  usefulLifeMonths: assets.usefulLifeMonths,
  disposedAt: assets.disposedAt,
  attributes: assets.attributes,
  notes: assets.notes,
  importId: assets.importId,
  createdAt: assets.createdAt,
  updatedAt: assets.updatedAt,
};
