import { z } from 'zod';
import { bicError, ibanError, vatIdError } from '../members/index.js';
import { PageQuery } from '../../platform/http/pagination.js';
import { BUDGET_SYSTEMS, EXPENSE_KINDS, INVOICE_STATUSES, POOL_CATEGORIES, POOL_KEYS, RUN_KINDS, RUN_STATUSES } from './billing.schema.js';

const IsoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => text(max).nullable().optional();
/** Money in integer cents (never a float); up to 10 billion euro. */
const Cents = z.number().int().min(0).max(1_000_000_000_000);
const SignedCents = z.number().int();
const compact = (s: string) => s.replace(/\s+/g, '').toUpperCase();
const checked = (check: (s: string) => string | null, max: number) =>
  z
    .string()
    .max(max)
    .transform(compact)
    .superRefine((v, ctx) => {
      const e = check(v);
      if (e) {
        ctx.addIssue({ code: 'custom', message: e });
      }
    });

export const ProviderQuery = z.strictObject({ providerId: z.uuid().optional() });
export const IdParams = z.strictObject({ id: z.uuid() });
export const PoolParams = z.strictObject({ id: z.uuid(), poolId: z.uuid() });

// ---- seller settings and budget mapping ----------------------------------------------------------

export const BillingSettingsPutRequest = z
  .strictObject({
    sellerName: text(200),
    street: text(200),
    postalCode: z.string().trim().regex(/^[0-9]{5}$/, 'five digits'),
    city: text(100),
    countryCode: z.string().regex(/^[A-Z]{2}$/).default('DE'),
    vatId: checked(vatIdError, 20).nullable().optional(),
    taxNumber: optionalText(30),
    iban: checked(ibanError, 50),
    bic: checked(bicError, 20).nullable().optional(),
    bankName: optionalText(200),
    contactName: text(200),
    contactPhone: text(50),
    contactEmail: z.email().max(200),
    electronicAddress: text(200),
    electronicAddressScheme: z.string().regex(/^[0-9A-Z]{2,4}$/).default('EM'),
    paymentTermsDays: z.number().int().min(0).max(365).default(30),
    numberPrefix: z.string().regex(/^[A-Z]{1,6}$/, '1–6 capital letters').default('RE'),
    exemptVatex: z.string().regex(/^VATEX-[A-Z0-9-]+$/).default('VATEX-EU-132-1I'),
  })
  .refine((v) => Boolean(v.vatId || v.taxNumber), { message: 'Give the VAT id or the tax number.', path: ['vatId'] });
export type BillingSettingsPutRequest = z.infer<typeof BillingSettingsPutRequest>;

export const BillingSettingsResponse = z.object({
  providerId: z.uuid(),
  sellerName: z.string(),
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
  countryCode: z.string(),
  vatId: z.string().nullable(),
  taxNumber: z.string().nullable(),
  iban: z.string(),
  bic: z.string().nullable(),
  bankName: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string(),
  electronicAddress: z.string(),
  electronicAddressScheme: z.string(),
  paymentTermsDays: z.number().int(),
  numberPrefix: z.string(),
  exemptVatex: z.string(),
  updatedAt: z.iso.datetime(),
});
export type BillingSettingsResponse = z.infer<typeof BillingSettingsResponse>;

export const BudgetMappingPutRequest = z
  .strictObject({
    system: z.enum(BUDGET_SYSTEMS),
    product: optionalText(50),
    account: optionalText(50),
    costCentre: optionalText(50),
    budgetLine: optionalText(50),
    expenseKind: z.enum(EXPENSE_KINDS).default('consumptive'),
  })
  .refine((v) => (v.system === 'doppik' ? Boolean(v.product && v.account) : Boolean(v.budgetLine)), {
    message: 'Doppik needs product and account; Kameralistik needs the budget line.',
    path: ['system'],
  });
export type BudgetMappingPutRequest = z.infer<typeof BudgetMappingPutRequest>;

export const BudgetMappingResponse = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  system: z.enum(BUDGET_SYSTEMS).nullable(),
  product: z.string().nullable(),
  account: z.string().nullable(),
  costCentre: z.string().nullable(),
  budgetLine: z.string().nullable(),
  expenseKind: z.enum(EXPENSE_KINDS),
});
export type BudgetMappingResponse = z.infer<typeof BudgetMappingResponse>;
export const BudgetMappingList = z.object({ items: z.array(BudgetMappingResponse) });

// ---- cost plans ------------------------------------------------------------------------------

export const CostPlanCreateRequest = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  title: text(200),
  notes: optionalText(5000),
});
export const CostPlanUpdateRequest = z
  .strictObject({ title: text(200).optional(), notes: optionalText(5000) })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');

const PoolFields = {
  name: text(200),
  category: z.enum(POOL_CATEGORIES),
  plannedCents: Cents,
  actualCents: Cents.nullable().optional(),
  key: z.enum(POOL_KEYS),
  referenceDate: IsoDate.nullable().optional(),
  serviceIds: z.array(z.uuid()).max(100).optional(),
  /** Member id → millionths of the pool (10000 = 1 %); must add up to 1,000,000 for key `fixed`. */
  fixedShares: z.record(z.uuid(), z.number().int().min(0).max(1_000_000)).optional(),
  position: z.number().int().min(0).max(1000).optional(),
};
export const CostPoolCreateRequest = z.strictObject(PoolFields);
export type CostPoolCreateRequest = z.infer<typeof CostPoolCreateRequest>;
export const CostPoolUpdateRequest = z
  .strictObject({ ...PoolFields, name: PoolFields.name.optional(), category: PoolFields.category.optional(), plannedCents: Cents.optional(), key: PoolFields.key.optional() })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type CostPoolUpdateRequest = z.infer<typeof CostPoolUpdateRequest>;

export const CostPoolResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  category: z.enum(POOL_CATEGORIES),
  plannedCents: z.number().int(),
  actualCents: z.number().int().nullable(),
  key: z.enum(POOL_KEYS),
  referenceDate: z.string().nullable(),
  serviceIds: z.array(z.string()),
  fixedShares: z.record(z.string(), z.number().int()),
  position: z.number().int(),
});
export const CostPlanResponse = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  year: z.number().int(),
  title: z.string(),
  notes: z.string().nullable(),
  plannedCents: z.number().int(),
  actualCents: z.number().int().nullable(),
  pools: z.array(CostPoolResponse),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  abilities: z.object({ manage: z.boolean() }),
});
export type CostPlanResponse = z.infer<typeof CostPlanResponse>;
export const CostPlanList = z.object({ items: z.array(CostPlanResponse) });
export const CostPlanListQuery = z.strictObject({ providerId: z.uuid().optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

export const PreviewQuery = z.strictObject({
  basis: z.enum(['planned', 'actual']).default('planned'),
  periodStart: IsoDate.optional(),
  periodEnd: IsoDate.optional(),
});

const PreviewMember = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  /** The key's base figure (inhabitants, workstations, quantity-days, 1, millionths). */
  keyValue: z.string(),
  days: z.number().int(),
  sharePercent: z.string(),
  amountCents: z.number().int(),
});
export const PreviewResponse = z.object({
  planId: z.uuid(),
  year: z.number().int(),
  basis: z.enum(['planned', 'actual']),
  periodStart: z.string(),
  periodEnd: z.string(),
  pools: z.array(
    z.object({
      poolId: z.uuid(),
      name: z.string(),
      key: z.enum(POOL_KEYS),
      referenceDate: z.string().nullable(),
      grossCents: z.number().int(),
      reductionCents: z.number().int(),
      /** The base figure split among members: after grants, cut to the period. */
      baseCents: z.number().int(),
      unassignedCents: z.number().int(),
      members: z.array(PreviewMember),
    }),
  ),
  members: z.array(z.object({ orgId: z.uuid(), orgName: z.string(), from: z.string().nullable(), to: z.string().nullable(), totalCents: z.number().int() })),
  totalCents: z.number().int(),
  warnings: z.array(z.string()),
});
export type PreviewResponse = z.infer<typeof PreviewResponse>;

// ---- billing runs --------------------------------------------------------------------------

export const BillingRunCreateRequest = z
  .strictObject({
    kind: z.enum(RUN_KINDS),
    periodStart: IsoDate,
    periodEnd: IsoDate,
    /** Required for advance and settlement runs. */
    planId: z.uuid().optional(),
    title: optionalText(200),
    /** Defaults to the day of issue. */
    issueDate: IsoDate.optional(),
  })
  .refine((v) => v.periodEnd >= v.periodStart, { message: 'The period ends before it starts.', path: ['periodEnd'] })
  .refine((v) => v.periodStart.slice(0, 4) === v.periodEnd.slice(0, 4), { message: 'A run covers one calendar year at most.', path: ['periodEnd'] })
  .refine((v) => v.kind === 'usage' || v.planId, { message: 'Advance and settlement runs need a cost plan.', path: ['planId'] });
export type BillingRunCreateRequest = z.infer<typeof BillingRunCreateRequest>;

export const RunProgressResponse = z.object({ phase: z.enum(['compute', 'issue', 'pdf', 'done', 'failed']), done: z.number().int(), total: z.number().int() });

export const BillingRunResponse = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  kind: z.enum(RUN_KINDS),
  status: z.enum(RUN_STATUSES),
  year: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  planId: z.uuid().nullable(),
  title: z.string(),
  issueDate: z.string().nullable(),
  computedAt: z.iso.datetime().nullable(),
  issuedAt: z.iso.datetime().nullable(),
  progress: RunProgressResponse.nullable(),
  lastError: z.string().nullable(),
  summary: z.object({
    invoices: z.number().int(),
    creditNotes: z.number().int(),
    netCents: SignedCents,
    vatCents: SignedCents,
    grossCents: SignedCents,
    /** Members whose invoice has no Leitweg-ID: they block issuing. */
    missingLeitwegIds: z.array(z.object({ orgId: z.uuid(), orgName: z.string() })),
  }),
  abilities: z.object({ recompute: z.boolean(), issue: z.boolean(), delete: z.boolean() }),
  createdAt: z.iso.datetime(),
});
export type BillingRunResponse = z.infer<typeof BillingRunResponse>;
export const BillingRunListQuery = z.strictObject({
  providerId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.enum(RUN_KINDS).optional(),
  status: z.enum(RUN_STATUSES).optional(),
});
export const BillingRunList = z.object({ items: z.array(BillingRunResponse) });
export const ExportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') });

// ---- invoices ------------------------------------------------------------------------------

export const InvoiceLineResponse = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  quantity: z.string(),
  unitCode: z.string(),
  unitPrice: z.string(),
  netCents: SignedCents,
  vatCategory: z.enum(['S', 'O', 'E']),
  vatRate: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
});

export const InvoiceResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  providerId: z.uuid(),
  runId: z.uuid(),
  runKind: z.enum(RUN_KINDS),
  status: z.enum(INVOICE_STATUSES),
  typeCode: z.enum(['380', '381']),
  number: z.string().nullable(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  leitwegId: z.string().nullable(),
  netCents: SignedCents,
  vatCents: SignedCents,
  grossCents: SignedCents,
  precedingNumber: z.string().nullable(),
  lines: z.array(InvoiceLineResponse),
  explanation: z.array(
    z.object({
      poolName: z.string(),
      key: z.string(),
      baseCents: SignedCents,
      keyValue: z.string(),
      keyTotal: z.string(),
      share: z.string(),
      days: z.number().int().nullable(),
      amountCents: SignedCents,
      advancesCents: SignedCents.nullable(),
    }),
  ),
  documents: z.array(z.object({ kind: z.enum(['ubl', 'cii', 'pdf']), sha256: z.string(), sizeBytes: z.number().int() })),
});
export type InvoiceResponse = z.infer<typeof InvoiceResponse>;
export const InvoiceListQuery = PageQuery.extend({
  memberId: z.uuid().optional(),
  runId: z.uuid().optional(),
  status: z.enum(INVOICE_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
}).strict();
export type InvoiceListQuery = z.infer<typeof InvoiceListQuery>;
export const InvoiceListItem = InvoiceResponse.omit({ lines: true, explanation: true, documents: true });
export const XmlQuery = z.strictObject({ syntax: z.enum(['ubl', 'cii']).default('ubl') });
