import { z } from 'zod';
import { PageQuery } from '../../platform/http/pagination.js';
import { isCalendarDate } from './depreciation.js';
import { ASSET_STATUSES, ASSET_TYPES, RELATION_TYPES } from './assets.schema.js';

export const AssetType = z.enum(ASSET_TYPES);
export const AssetStatus = z.enum(ASSET_STATUSES);
export const RelationType = z.enum(RELATION_TYPES);

export const CalendarDate = z.string().refine(isCalendarDate, 'a calendar date (YYYY-MM-DD)');
/** Net cost in euro cents (integer minor units; never a float). */
const Cents = z.number().int().min(0).max(100_000_000_000);
const Text = (max = 300) => z.string().trim().min(1).max(max);
const Attributes = z.record(z.string(), z.unknown()).meta({ description: 'Per-type attributes; see GET /api/v1/asset-types.' });

const AssetFields = {
  name: Text(200).nullable().optional(),
  serial: Text(200).nullable().optional(),
  manufacturer: Text(200).nullable().optional(),
  model: Text(200).nullable().optional(),
  siteId: z.uuid().nullable().optional(),
  roomId: z.uuid().nullable().optional(),
  assignedPerson: Text(200).nullable().optional(),
  purchaseDate: CalendarDate.nullable().optional(),
  costCents: Cents.nullable().optional(),
  supplier: Text(200).nullable().optional(),
  warrantyEnd: CalendarDate.nullable().optional(),
  fundingReference: Text(500).nullable().optional(),
  usefulLifeMonths: z.number().int().min(1).max(600).nullable().optional(),
  attributes: Attributes.optional(),
  notes: z.string().max(10_000).nullable().optional(),
};

export const AssetCreateRequest = z.strictObject({
  type: AssetType,
  /** Whose balance sheet carries it: the provider or a member. A member owner is also the using member. */
  ownerOrgId: z.uuid(),
  /** The member that uses it (null: the provider's own, e.g. a data-centre server). */
  usingMemberId: z.uuid().nullable().optional(),
  /** Omit to draw the next number from the provider's pattern. */
  inventoryNumber: Text(60).optional(),
  /** Initial status; later changes go through /transitions. */
  status: z.enum(['ordered', 'in_stock', 'deployed']).optional(),
  ...AssetFields,
});
export type AssetCreateRequest = z.infer<typeof AssetCreateRequest>;

export const AssetUpdateRequest = z
  .strictObject({
    ...AssetFields,
    ownerOrgId: z.uuid().optional(),
    usingMemberId: z.uuid().nullable().optional(),
    inventoryNumber: Text(60).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type AssetUpdateRequest = z.infer<typeof AssetUpdateRequest>;

export const AssetTransitionRequest = z.strictObject({
  to: AssetStatus,
  /** Day of the step; for `disposed` the disposal date (default: today, Europe/Berlin). */
  date: CalendarDate.optional(),
  note: z.string().trim().max(1000).optional(),
});
export type AssetTransitionRequest = z.infer<typeof AssetTransitionRequest>;

const csvFlag = z.enum(['csv', 'xlsx', 'json']).optional();

export const AssetListQuery = PageQuery.extend({
  type: AssetType.optional(),
  status: AssetStatus.optional(),
  ownerOrgId: z.uuid().optional(),
  memberId: z.uuid().optional(),
  siteId: z.uuid().optional(),
  /** Warranty ends on or before this day (and is not over before `warrantyFrom`). */
  warrantyEndingBefore: CalendarDate.optional(),
  warrantyFrom: CalendarDate.optional(),
  /** Inventory number, serial, name or model (prefix/substring). */
  q: z.string().trim().min(1).max(100).optional(),
  format: csvFlag,
});
export type AssetListQuery = z.infer<typeof AssetListQuery>;

export const LabelsQuery = AssetListQuery.omit({ limit: true, cursor: true, format: true }).extend({
  /** Comma-separated asset ids; when given, the other filters are ignored. */
  ids: z.string().max(20_000).optional(),
});
export type LabelsQuery = z.infer<typeof LabelsQuery>;

export const Depreciation = z.object({
  asOf: z.string(),
  classification: z.enum(['fixed_asset', 'low_value', 'not_depreciable']),
  usefulLifeMonths: z.number().int().nullable(),
  lowValueThresholdCents: z.number().int(),
  monthsDepreciated: z.number().int(),
  monthlyCents: z.number().int(),
  accumulatedCents: z.number().int(),
  bookValueCents: z.number().int(),
  writtenOffCents: z.number().int(),
  fullyDepreciatedOn: z.string().nullable(),
});
export type Depreciation = z.infer<typeof Depreciation>;

export const AssetResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  providerId: z.uuid(),
  ownerOrgId: z.uuid(),
  ownerName: z.string().nullable(),
  ownerIsProvider: z.boolean(),
  usingMemberId: z.uuid().nullable(),
  usingMemberName: z.string().nullable(),
  type: AssetType,
  inventoryNumber: z.string(),
  name: z.string().nullable(),
  serial: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  status: AssetStatus,
  siteId: z.uuid().nullable(),
  siteName: z.string().nullable(),
  roomId: z.uuid().nullable(),
  roomName: z.string().nullable(),
  assignedPerson: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  costCents: z.number().int().nullable(),
  supplier: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  fundingReference: z.string().nullable(),
  usefulLifeMonths: z.number().int().nullable(),
  disposedAt: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  notes: z.string().nullable(),
  allowedTransitions: z.array(AssetStatus),
  depreciation: Depreciation,
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean(), transition: z.boolean(), relate: z.boolean() }),
});
export type AssetResponse = z.infer<typeof AssetResponse>;

/**
 * A warning about a status step that still went through, e.g. a disposal during the lock-in
 * (Zweckbindung) of a grant that paid for the asset. Other modules supply them (see `LifecycleWarnings`).
 */
export const AssetWarning = z.object({
  code: z.string(),
  grantId: z.uuid().optional(),
  lockInEnd: z.string().optional(),
  message_de: z.string(),
});
export type AssetWarning = z.infer<typeof AssetWarning>;

export const AssetTransitionResponse = AssetResponse.extend({ warnings: z.array(AssetWarning) });

export const AssetIdParams = z.strictObject({ id: z.uuid() });
export const RelationIdParams = z.strictObject({ id: z.uuid(), rid: z.uuid() });
export const OrgIdParams = z.strictObject({ id: z.uuid() });

export const RelationCreateRequest = z
  .strictObject({
    type: RelationType,
    toAssetId: z.uuid().optional(),
    toServiceId: z.uuid().optional(),
    note: z.string().trim().max(500).optional(),
  })
  .refine((v) => (v.toAssetId === undefined) !== (v.toServiceId === undefined), 'Give either toAssetId or toServiceId.');
export type RelationCreateRequest = z.infer<typeof RelationCreateRequest>;

export const RelationResponse = z.object({
  id: z.uuid(),
  type: RelationType,
  /** `outgoing`: this asset → target; `incoming`: another asset → this one. */
  direction: z.enum(['outgoing', 'incoming']),
  kind: z.enum(['asset', 'service']),
  /** The other end (asset or service id). */
  otherId: z.uuid(),
  /** Inventory number and name, or service code and name; null when the caller may not see it. */
  otherLabel: z.string().nullable(),
  otherType: z.string().nullable(),
  otherStatus: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  canDelete: z.boolean(),
});
export const RelationList = z.object({ items: z.array(RelationResponse) });

export const HistoryEntry = z.object({
  id: z.uuid(),
  action: z.string(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
  /** Fields that changed: before → after (only the differing ones). */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export const HistoryList = z.object({ items: z.array(HistoryEntry), nextCursor: z.string().nullable() });

export const AssetTypeInfo = z.object({
  type: AssetType,
  defaultUsefulLifeMonths: z.number().int().nullable(),
  fields: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['text', 'integer', 'decimal', 'boolean', 'date', 'enum']),
      options: z.array(z.string()).optional(),
      min: z.number().optional(),
      max: z.number().optional(),
    }),
  ),
});
export const AssetTypeList = z.object({ items: z.array(AssetTypeInfo) });

export const AssetSettingsResponse = z.object({
  providerId: z.uuid(),
  inventoryPattern: z.string(),
  lowValueThresholdCents: z.number().int(),
  /** Effective useful life per type in months (provider table over defaults); null: not depreciated. */
  usefulLifeMonths: z.record(z.string(), z.number().int().nullable()),
  /** Only the provider's own entries. */
  overrides: z.record(z.string(), z.number().int()),
  canManage: z.boolean(),
});

export const InventoryPattern = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine((p) => /\{seq(:\d)?\}/.test(p), 'must contain {seq} or {seq:N} (N = 1–9 digits)')
  .refine((p) => /^[A-Za-z0-9\-_/.{}:]+$/.test(p), 'only letters, digits, - _ / . and {YYYY} {YY} {seq:N}');

export const AssetSettingsUpdateRequest = z.strictObject({
  inventoryPattern: InventoryPattern.optional(),
  /** 80000 (800 €, § 6 (2) EStG) or 100000 (1,000 €, e.g. GemHVO RLP). */
  lowValueThresholdCents: z.union([z.literal(80_000), z.literal(100_000)]).optional(),
  usefulLifeMonths: z.partialRecord(AssetType, z.number().int().min(1).max(600)).optional(),
});
export type AssetSettingsUpdateRequest = z.infer<typeof AssetSettingsUpdateRequest>;

export const DepreciationQuery = z.strictObject({
  /** Only assets on this organisation's balance sheet (provider or member). */
  ownerOrgId: z.uuid(),
  /** Book values on this day (default: today). The AfA column is for the day's calendar year. */
  date: CalendarDate.optional(),
  format: csvFlag,
});

export const DepreciationRow = z.object({
  assetId: z.uuid(),
  inventoryNumber: z.string(),
  type: AssetType,
  name: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  usingMemberName: z.string().nullable(),
  siteName: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  costCents: z.number().int().nullable(),
  fundingReference: z.string().nullable(),
  classification: z.enum(['fixed_asset', 'low_value', 'not_depreciable']),
  usefulLifeMonths: z.number().int().nullable(),
  depreciationInYearCents: z.number().int(),
  accumulatedCents: z.number().int(),
  bookValueCents: z.number().int(),
  disposedAt: z.string().nullable(),
  writtenOffCents: z.number().int(),
});
export const DepreciationReport = z.object({
  ownerOrgId: z.uuid(),
  date: z.string(),
  items: z.array(DepreciationRow),
  totals: z.object({ costCents: z.number().int(), bookValueCents: z.number().int(), depreciationInYearCents: z.number().int() }),
});

export const IMPORT_FIELDS = [
  'type',
  'inventoryNumber',
  'name',
  'serial',
  'manufacturer',
  'model',
  'status',
  'member',
  'owner',
  'site',
  'assignedPerson',
  'purchaseDate',
  'cost',
  'supplier',
  'warrantyEnd',
  'fundingReference',
  'usefulLifeMonths',
  'notes',
] as const;

export const ImportQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).optional() });

export const AssetImportRequest = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  /** CSV text (`;` or `,` separated, header row), or the XLSX file as base64. */
  content: z.string().min(1).max(60_000_000),
  /**
   * Target field → column header of the file. Attribute columns map as `attributes.<key>`.
   * Omit (or leave fields out) to take columns whose header names the field (German or English).
   */
  mapping: z.record(z.string(), z.string().max(200)).optional(),
  /** The member the rows are for when the file has no `member` column. */
  usingMemberId: z.uuid().nullable().optional(),
  /** Owner when the file has no `owner` column: the provider (default) or the using member. */
  owner: z.enum(['provider', 'member']).optional(),
  /** `all_or_nothing` (default): any error imports nothing; `valid_rows`: import the valid rows. */
  mode: z.enum(['all_or_nothing', 'valid_rows']).optional(),
});
export type AssetImportRequest = z.infer<typeof AssetImportRequest>;

export const AssetImportResponse = z.object({
  dryRun: z.boolean(),
  columns: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  /** Columns of the file that map to no field (ignored). */
  unmappedColumns: z.array(z.string()),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  imported: z.number().int(),
  /** Id of the stored import (its audit event, and `importId` of each asset); null on a dry run. */
  importId: z.string().uuid().nullable(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
  /** First rows as they would be stored (inventory numbers are drawn on the real import). */
  preview: z.array(
    z.object({
      row: z.number().int(),
      type: z.string().nullable(),
      inventoryNumber: z.string().nullable(),
      name: z.string().nullable(),
      manufacturer: z.string().nullable(),
      model: z.string().nullable(),
      serial: z.string().nullable(),
      status: z.string().nullable(),
      member: z.string().nullable(),
      costCents: z.number().int().nullable(),
      ok: z.boolean(),
    }),
  ),
});
export type AssetImportResponse = z.infer<typeof AssetImportResponse>;
