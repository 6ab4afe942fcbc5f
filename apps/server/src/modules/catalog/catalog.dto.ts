import { z } from 'zod';
import { PageQuery } from '../../platform/http/pagination.js';
import { CHARGE_UNITS, SERVICE_STATUSES, SERVICE_VAT_TREATMENTS, TIER_MODES } from './catalog.schema.js';
import { normalise4, parse4 } from './money.js';
import { REC20_CODES } from './unit-codes.js';

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();
const IsoDate = z.iso.date();

/**
 * A decimal as string (JSON numbers would pass through a float), up to 4 fraction digits, not
 * negative; answered in canonical 4-digit form. A comma is taken as decimal separator.
 */
export const Decimal4 = z
  .string()
  .trim()
  .max(20)
  .transform((s, ctx) => {
    const n = normalise4(s.replace(',', '.'));
    if (n === undefined || parse4(n)! < 0n) {
      ctx.addIssue({ code: 'custom', message: 'a decimal ≥ 0 with at most 4 fraction digits, as a string, e.g. "12.5"' });
      return z.NEVER;
    }
    return n;
  })
  .meta({ type: 'string', example: '12.5000', description: 'decimal, up to 4 fraction digits' });

export const ChargeUnit = z.enum(CHARGE_UNITS);
export const ServiceVatTreatment = z.enum(SERVICE_VAT_TREATMENTS);
export const ServiceStatus = z.enum(SERVICE_STATUSES);
export const TierMode = z.enum(TIER_MODES);

export const UnitCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => REC20_CODES.has(c), 'not a UN/ECE Rec 20 unit code allowed in EN 16931 (e.g. C62, H87, HUR, E34, LS)');

const VatexCode = z.string().trim().toUpperCase().regex(/^VATEX-[A-Z]{2}-[0-9A-Z-]{1,20}$/, 'a VATEX code, e.g. VATEX-EU-132-1I');

export const IdParams = z.strictObject({ id: z.uuid() });

// ---- services --------------------------------------------------------------------------------

const ServiceFields = {
  code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'letters, digits, . _ - (up to 32)'),
  nameDe: z.string().trim().min(1).max(200),
  nameEn: optionalText(200),
  descriptionDe: optionalText(4000),
  descriptionEn: optionalText(4000),
  category: z.string().trim().min(1).max(100),
  chargeUnit: ChargeUnit,
  unitCode: UnitCode,
  vatTreatment: ServiceVatTreatment,
  vatExemptionCode: VatexCode.nullable().optional(),
  vatExemptionReason: optionalText(500),
};

export const ServiceCreateRequest = z.strictObject({ providerId: z.uuid(), ...ServiceFields, vatTreatment: ServiceVatTreatment.default('taxable_19') });
export type ServiceCreateRequest = z.infer<typeof ServiceCreateRequest>;

export const ServiceUpdateRequest = z
  .strictObject({ ...ServiceFields, status: ServiceStatus })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type ServiceUpdateRequest = z.infer<typeof ServiceUpdateRequest>;

export const ServiceListQuery = PageQuery.extend({
  providerId: z.uuid().optional(),
  status: ServiceStatus.optional(),
  category: z.string().max(100).optional(),
  /** Code or name contains. */
  q: z.string().trim().max(100).optional(),
  format: z.enum(['json', 'csv']).optional(),
}).strict();
export type ServiceListQuery = z.infer<typeof ServiceListQuery>;

export const ServiceResponse = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  code: z.string(),
  nameDe: z.string(),
  nameEn: z.string().nullable(),
  descriptionDe: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  category: z.string(),
  chargeUnit: ChargeUnit,
  unitCode: z.string(),
  vatTreatment: ServiceVatTreatment,
  vatExemptionCode: z.string().nullable(),
  vatExemptionReason: z.string().nullable(),
  status: ServiceStatus,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  abilities: z.object({ update: z.boolean() }),
});
export type ServiceResponse = z.infer<typeof ServiceResponse>;

export const UnitCodesResponse = z.object({
  common: z.array(z.object({ code: z.string(), de: z.string(), en: z.string() })),
  /** Number of codes the validation accepts (EN 16931 BR-CL-23). */
  allowedCount: z.number().int(),
});

// ---- price lists -----------------------------------------------------------------------------

export const PriceListCreateRequest = z.strictObject({
  providerId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  name: z.string().trim().min(1).max(200),
  notes: optionalText(2000),
});
export type PriceListCreateRequest = z.infer<typeof PriceListCreateRequest>;

export const PriceListUpdateRequest = z
  .strictObject({ name: z.string().trim().min(1).max(200), notes: optionalText(2000), published: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type PriceListUpdateRequest = z.infer<typeof PriceListUpdateRequest>;

export const PriceListCopyRequest = z.strictObject({
  /** Default: the next year. */
  year: z.number().int().min(2000).max(2100).optional(),
  name: z.string().trim().min(1).max(200).optional(),
});
export type PriceListCopyRequest = z.infer<typeof PriceListCopyRequest>;

export const PriceListListQuery = z.strictObject({
  providerId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const TierDto = z.object({ aboveQuantity: Decimal4, unitPrice: Decimal4 });

export const PricePutRequest = z.strictObject({
  unitPrice: Decimal4,
  tierMode: TierMode.default('graduated'),
  tiers: z.array(TierDto).max(20).default([]),
});
export type PricePutRequest = z.infer<typeof PricePutRequest>;

export const PriceParams = z.strictObject({ id: z.uuid(), serviceId: z.uuid() });

export const PriceResponse = z.object({
  serviceId: z.uuid(),
  serviceCode: z.string(),
  serviceName: z.string(),
  category: z.string(),
  chargeUnit: ChargeUnit,
  unitCode: z.string(),
  serviceStatus: ServiceStatus,
  unitPrice: z.string(),
  tierMode: TierMode,
  tiers: z.array(z.object({ aboveQuantity: z.string(), unitPrice: z.string() })),
});
export type PriceResponse = z.infer<typeof PriceResponse>;

export const PriceListResponse = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  year: z.number().int(),
  name: z.string(),
  notes: z.string().nullable(),
  publishedAt: z.iso.datetime().nullable(),
  frozenAt: z.iso.datetime().nullable(),
  copiedFromId: z.uuid().nullable(),
  itemCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  abilities: z.object({ update: z.boolean(), copy: z.boolean() }),
});
export type PriceListResponse = z.infer<typeof PriceListResponse>;

export const PriceListDetailResponse = PriceListResponse.extend({ prices: z.array(PriceResponse) });
export type PriceListDetailResponse = z.infer<typeof PriceListDetailResponse>;

// ---- subscriptions ---------------------------------------------------------------------------

export const SubscriptionCreateRequest = z
  .strictObject({
    memberId: z.uuid(),
    serviceId: z.uuid(),
    validFrom: IsoDate,
    validTo: IsoDate.nullable().optional(),
    quantity: Decimal4,
    notes: optionalText(1000),
  })
  .refine((v) => !v.validTo || v.validTo >= v.validFrom, { message: 'on or after validFrom', path: ['validTo'] });
export type SubscriptionCreateRequest = z.infer<typeof SubscriptionCreateRequest>;

export const SubscriptionUpdateRequest = z
  .strictObject({ validTo: IsoDate.nullable(), notes: optionalText(1000) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type SubscriptionUpdateRequest = z.infer<typeof SubscriptionUpdateRequest>;

export const QuantityParams = z.strictObject({ id: z.uuid(), date: IsoDate });
export const QuantityPutRequest = z.strictObject({ quantity: Decimal4, note: optionalText(500) });
export type QuantityPutRequest = z.infer<typeof QuantityPutRequest>;

export const SubscriptionListQuery = PageQuery.extend({
  memberId: z.uuid().optional(),
  serviceId: z.uuid().optional(),
  providerId: z.uuid().optional(),
  /** Only subscriptions running on this date; the quantity shown is the one of this date (default today). */
  activeOn: IsoDate.optional(),
  format: z.enum(['json', 'csv']).optional(),
}).strict();
export type SubscriptionListQuery = z.infer<typeof SubscriptionListQuery>;

export const SegmentDto = z.object({ from: z.iso.date(), to: z.iso.date().nullable(), quantity: z.string() });

export const SubscriptionResponse = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  memberName: z.string(),
  providerId: z.uuid(),
  serviceId: z.uuid(),
  serviceCode: z.string(),
  serviceName: z.string(),
  chargeUnit: ChargeUnit,
  unitCode: z.string(),
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable(),
  /** Quantity on the asked date (activeOn, default today); null when none applies that day. */
  quantity: z.string().nullable(),
  quantityDate: z.iso.date(),
  notes: z.string().nullable(),
  abilities: z.object({ update: z.boolean() }),
});
export type SubscriptionResponse = z.infer<typeof SubscriptionResponse>;

export const SubscriptionDetailResponse = SubscriptionResponse.extend({
  /** Effective-dated quantity changes, oldest first. */
  changes: z.array(z.object({ validFrom: z.iso.date(), quantity: z.string(), note: z.string().nullable(), updatedAt: z.iso.datetime() })),
  /** The history as segments (equal neighbours merged), oldest first. */
  segments: z.array(SegmentDto),
});
export type SubscriptionDetailResponse = z.infer<typeof SubscriptionDetailResponse>;

// ---- bulk import -----------------------------------------------------------------------------

export const ImportQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });

export const ImportRequest = z.strictObject({
  providerId: z.uuid(),
  filename: z.string().trim().min(1).max(200),
  /** The CSV (UTF-8, `;` or `,`) or XLSX file, base64-encoded. */
  contentBase64: z.string().min(1).max(7_000_000),
});
export type ImportRequest = z.infer<typeof ImportRequest>;

export const ImportRowResult = z.object({
  row: z.number().int(),
  memberId: z.uuid().nullable(),
  memberName: z.string().nullable(),
  serviceCode: z.string().nullable(),
  validFrom: z.iso.date().nullable(),
  validTo: z.iso.date().nullable(),
  quantity: z.string().nullable(),
  quantityBefore: z.string().nullable(),
  action: z.enum(['create', 'change', 'unchanged', 'error']),
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
});
export type ImportRowResult = z.infer<typeof ImportRowResult>;

export const ImportResponse = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  summary: z.object({ rows: z.number().int(), create: z.number().int(), change: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
  rows: z.array(ImportRowResult),
});
export type ImportResponse = z.infer<typeof ImportResponse>;
