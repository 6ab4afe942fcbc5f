import { z } from 'zod';
import { Money, Warning } from './grants.dto.js';

const optText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

// ---- proof of use, assets ---------------------------------------------------------------------

export const ProofQuery = z.strictObject({ format: z.enum(['json', 'pdf', 'xlsx']).optional() });

export const ProofResponse = z.object({
  grantId: z.uuid(),
  title: z.string(),
  programmeName: z.string(),
  authority: z.string(),
  fileReference: z.string(),
  noticeDate: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  reportText: z.string().nullable(),
  lines: z.array(z.object({ code: z.string(), title: z.string(), budget: z.string(), actual: z.string(), difference: z.string(), count: z.number().int() })),
  receipts: z.array(
    z.object({ no: z.number().int(), date: z.string(), payee: z.string(), purpose: z.string(), invoiceNumber: z.string().nullable(), lineCode: z.string(), amount: z.string(), receipt: z.boolean() }),
  ),
  totalBudget: z.string(),
  totalActual: z.string(),
  grantAmount: z.string(),
  drawn: z.string(),
  received: z.string(),
  warnings: z.array(Warning),
  generatedAt: z.string(),
});
export type ProofResponse = z.infer<typeof ProofResponse>;

export const FundedAssetResponse = z.object({
  assetId: z.uuid(),
  inventoryNumber: z.string(),
  name: z.string().nullable(),
  status: z.string(),
  acquired: z.string(),
  lockInEnd: z.string(),
  disposedOn: z.string().nullable(),
  /** Disposed before the end of its lock-in: the authority may reclaim the grant. */
  warning: z.boolean(),
  amount: z.string(),
});
export const FundedAssetListResponse = z.object({ items: z.array(FundedAssetResponse) });
export const AssetLockInResponse = z.object({
  items: z.array(
    z.object({
      grantId: z.uuid(),
      title: z.string(),
      fileReference: z.string(),
      acquired: z.string(),
      lockInEnd: z.string(),
      disposedOn: z.string().nullable(),
      warning: z.boolean(),
    }),
  ),
});

// ---- savings report ---------------------------------------------------------------------------

export const SavingsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  providerId: z.uuid().optional(),
});
export const ReferenceCostsPutRequest = z.strictObject({
  providerId: z.uuid().optional(),
  year: z.number().int().min(2000).max(2100),
  perWorkstation: Money,
  perServer: Money,
  perBackupJob: Money,
  basePerMember: Money.default('0.00'),
  source: optText(500),
});
export type ReferenceCostsPutRequest = z.infer<typeof ReferenceCostsPutRequest>;
export const ReferenceCostsResponse = z.object({
  year: z.number().int(),
  perWorkstation: z.string(),
  perServer: z.string(),
  perBackupJob: z.string(),
  basePerMember: z.string(),
  source: z.string().nullable(),
});
export const SavingsResponse = z.object({
  providerId: z.uuid(),
  year: z.number().int(),
  reference: ReferenceCostsResponse.nullable(),
  /** Where the allocated cost comes from: the year's cost plan (planned basis). */
  planId: z.uuid().nullable(),
  members: z.array(
    z.object({
      orgId: z.uuid(),
      orgName: z.string(),
      workstations: z.number().int(),
      servers: z.number().int(),
      backupJobs: z.number().int(),
      allocated: z.string(),
      alone: z.string(),
      saving: z.string(),
      savingPercent: z.string(),
    }),
  ),
  totalAllocated: z.string(),
  totalAlone: z.string(),
  totalSaving: z.string(),
  warnings: z.array(z.string()),
});
export type SavingsResponse = z.infer<typeof SavingsResponse>;
