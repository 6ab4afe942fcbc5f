import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { services } from '../catalog/catalog.schema.js';
import { organisations } from '../organisations/organisations.schema.js';
import { siteRooms, sites } from '../sites/sites.schema.js';

export const ASSET_TYPES = [
  'workstation',
  'laptop',
  'monitor',
  'printer',
  'server',
  'virtual_machine',
  'firewall',
  'switch',
  'router',
  'storage',
  'backup_appliance',
  'phone',
  'tablet',
  'licence',
] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

export const ASSET_STATUSES = ['ordered', 'in_stock', 'deployed', 'in_repair', 'retired', 'disposed'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

export const RELATION_TYPES = ['runs_on', 'connected_to', 'backed_up_by', 'depends_on'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(', '));

/**
 * One piece of inventory (CMDB item). `org_id` is the tenant key: the using member when there is
 * one, else the owner — so a member sees exactly the assets it owns or uses (an owner that is a
 * member is always the using member too; the service enforces it). `owner_org_id` says whose
 * balance sheet carries the asset (provider or member). Per-type attributes live in `attributes`,
 * validated on write by the zod union in asset-types.ts.
 */
export const assets = pgTable(
  'assets',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    usingMemberId: uuid('using_member_id').references(() => organisations.id, { onDelete: 'restrict' }),
    type: text('type', { enum: ASSET_TYPES }).notNull(),
    inventoryNumber: text('inventory_number').notNull(),
    /** Host name or a short label people use ("FW Rathaus"). */
    name: text('name'),
    serial: text('serial'),
    manufacturer: text('manufacturer'),
    model: text('model'),
    status: text('status', { enum: ASSET_STATUSES }).notNull().default('in_stock'),
    /** Site and room (modules/sites). */
    siteId: uuid('site_id').references(() => sites.id, { onDelete: 'set null' }),
    roomId: uuid('room_id').references(() => siteRooms.id, { onDelete: 'set null' }),
    assignedPerson: text('assigned_person'),
    purchaseDate: date('purchase_date'),
    /** Acquisition cost, net, in euro cents. */
    costCents: bigint('cost_cents', { mode: 'number' }),
    supplier: text('supplier'),
    warrantyEnd: date('warranty_end'),
    fundingReference: text('funding_reference'),
    /** Overrides the provider's useful life for this type (months). */
    usefulLifeMonths: integer('useful_life_months'),
    /** Set when the asset moves to `disposed`; depreciation stops and book value becomes 0. */
    disposedAt: date('disposed_at'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    notes: text('notes'),
    /** The CSV/XLSX import that created the asset: its one audit event (`asset_import`) carries who, when and how many. */
    importId: uuid('import_id'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('assets_inventory_number_uq').on(t.providerId, t.inventoryNumber),
    index('assets_org_idx').on(t.orgId, t.id),
    index('assets_owner_idx').on(t.ownerOrgId, t.id),
    index('assets_provider_idx').on(t.providerId, t.id),
    index('assets_site_idx').on(t.siteId),
    index('assets_warranty_idx').on(t.providerId, t.warrantyEnd),
    check('assets_type_chk', sql`${t.type} in (${list(ASSET_TYPES)})`),
    check('assets_status_chk', sql`${t.status} in (${list(ASSET_STATUSES)})`),
    check('assets_cost_chk', sql`${t.costCents} >= 0`),
    check('assets_life_chk', sql`${t.usefulLifeMonths} between 1 and 600`),
    check('assets_tenant_chk', sql`${t.orgId} = coalesce(${t.usingMemberId}, ${t.ownerOrgId})`),
    check('assets_disposed_chk', sql`(${t.status} = 'disposed') = (${t.disposedAt} is not null)`),
  ],
);

/**
 * Per-provider inventory settings: the inventory number pattern, the low-value (GWG) threshold and
 * the useful life per asset type (months). Absent row or absent type: the defaults in depreciation.ts.
 */
export const assetSettings = pgTable(
  'asset_settings',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    inventoryPattern: text('inventory_pattern').notNull().default('INV-{YYYY}-{seq:6}'),
    /** Net euro cents; 80000 (§ 6 (2) EStG) or 100000 (some Länder's GemHVO). */
    lowValueThresholdCents: bigint('low_value_threshold_cents', { mode: 'number' }).notNull().default(80000),
    usefulLifeMonths: jsonb('useful_life_months').$type<Partial<Record<AssetType, number>>>().notNull().default({}),
    ...timestamps(),
  },
  (t) => [check('asset_settings_threshold_chk', sql`${t.lowValueThresholdCents} > 0`)],
);

/** Last sequence number handed out per provider and year (numbers need not be gapless). */
export const assetNumberCounters = pgTable(
  'asset_number_counters',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    last: bigint('last', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year] })],
);

/**
 * A typed link from an asset to another asset or to a catalogue service ("VM runs on host",
 * "server backed up by appliance"). `org_id` is the source asset's tenant key.
 */
export const assetRelations = pgTable(
  'asset_relations',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    providerId: uuid('provider_id').notNull(),
    fromAssetId: uuid('from_asset_id')
      .notNull()
      .references((): AnyPgColumn => assets.id, { onDelete: 'cascade' }),
    type: text('type', { enum: RELATION_TYPES }).notNull(),
    toAssetId: uuid('to_asset_id').references((): AnyPgColumn => assets.id, { onDelete: 'cascade' }),
    /** A catalogue service (modules/catalog). */
    toServiceId: uuid('to_service_id').references(() => services.id, { onDelete: 'cascade' }),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('asset_relations_from_idx').on(t.fromAssetId),
    index('asset_relations_to_asset_idx').on(t.toAssetId),
    index('asset_relations_to_service_idx').on(t.toServiceId),
    uniqueIndex('asset_relations_asset_uq').on(t.fromAssetId, t.type, t.toAssetId).where(sql`${t.toAssetId} is not null`),
    uniqueIndex('asset_relations_service_uq').on(t.fromAssetId, t.type, t.toServiceId).where(sql`${t.toServiceId} is not null`),
    check('asset_relations_type_chk', sql`${t.type} in (${list(RELATION_TYPES)})`),
    check('asset_relations_target_chk', sql`(${t.toAssetId} is null) <> (${t.toServiceId} is null)`),
    check('asset_relations_self_chk', sql`${t.toAssetId} is null or ${t.toAssetId} <> ${t.fromAssetId}`),
  ],
);

export type AssetRow = typeof assets.$inferSelect;
export type AssetInsert = typeof assets.$inferInsert;
export type AssetSettingsRow = typeof assetSettings.$inferSelect;
export type AssetRelationRow = typeof assetRelations.$inferSelect;
