import { z } from 'zod';
import { Level, Priority } from './tickets.dto.js';

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const Window = z.strictObject({ start: Clock, end: Clock }).refine((w) => w.start < w.end, 'start before end');
const Day = z.array(Window).max(4);
export const ServiceHours = z.strictObject({ '1': Day, '2': Day, '3': Day, '4': Day, '5': Day, '6': Day, '7': Day });
const Target = z
  .strictObject({ responseMinutes: z.number().int().min(1).max(525_600), resolutionMinutes: z.number().int().min(1).max(525_600) })
  .refine((t) => t.resolutionMinutes >= t.responseMinutes, 'resolution not before response');
export const Targets = z.strictObject({ P1: Target, P2: Target, P3: Target, P4: Target });

export const SlaProfileRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  hours: ServiceHours,
  targets: Targets,
  observeHolidays: z.boolean().default(true),
  warnBeforeMinutes: z.number().int().min(0).max(10_080).default(60),
  isDefault: z.boolean().default(false),
  serviceIds: z.array(z.uuid()).max(500).default([]),
  memberIds: z.array(z.uuid()).max(5000).default([]),
});
export type SlaProfileRequest = z.infer<typeof SlaProfileRequest>;

export const SlaProfileResponse = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  name: z.string(),
  hours: ServiceHours,
  targets: Targets,
  observeHolidays: z.boolean(),
  warnBeforeMinutes: z.number().int(),
  isDefault: z.boolean(),
  serviceIds: z.array(z.uuid()),
  memberIds: z.array(z.uuid()),
  updatedAt: z.string(),
});
export const SlaProfileList = z.object({ items: z.array(SlaProfileResponse), canManage: z.boolean() });

export const ProviderQuery = z.object({ provider: z.uuid().optional() });
export const ProfileIdParams = z.strictObject({ id: z.uuid() });

export const CategoryRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  parentId: z.uuid().nullable().default(null),
  sort: z.number().int().min(0).max(10_000).default(0),
});
export const CategoryUpdateRequest = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  parentId: z.uuid().nullable().optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
});
export const CategoryResponse = z.object({ id: z.uuid(), parentId: z.uuid().nullable(), name: z.string(), sort: z.number().int(), path: z.string() });
export const CategoryList = z.object({ items: z.array(CategoryResponse) });

const Row = z.strictObject({ low: Priority, medium: Priority, high: Priority });
export const PriorityMatrix = z.strictObject({ low: Row, medium: Row, high: Row });
export const DeskSettings = z.object({
  providerId: z.uuid(),
  /** priorityMatrix[impact][urgency]. */
  priorityMatrix: PriorityMatrix,
  autoCloseDays: z.number().int().min(1).max(365),
  groups: z.array(z.string().trim().min(1).max(100)).max(100),
  canManage: z.boolean(),
});
export const DeskSettingsRequest = z.strictObject({
  priorityMatrix: PriorityMatrix.optional(),
  autoCloseDays: z.number().int().min(1).max(365).optional(),
  groups: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
});

export const SavedFilterRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  query: z.record(z.string().regex(/^[a-z]+$/).max(20), z.string().max(200)).refine((q) => Object.keys(q).length <= 20, 'at most 20 keys'),
});
export const SavedFilterResponse = z.object({ id: z.uuid(), name: z.string(), query: z.record(z.string(), z.string()) });
export const SavedFilterList = z.object({ items: z.array(SavedFilterResponse) });

export const SlaReportQuery = z.object({
  member: z.uuid().optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  provider: z.uuid().optional(),
});
const ReportRow = z.object({
  priority: z.union([Priority, z.literal('all')]),
  tickets: z.number().int(),
  responseMet: z.number().int(),
  responseBreached: z.number().int(),
  /** Share met of those decided (met + breached), 0–100 with one decimal; null when none decided. */
  responseMetPct: z.number().nullable(),
  resolutionMet: z.number().int(),
  resolutionBreached: z.number().int(),
  resolutionMetPct: z.number().nullable(),
  /** Medians in business minutes (pauses excluded). */
  medianResponseMinutes: z.number().nullable(),
  medianResolutionMinutes: z.number().nullable(),
});
export const SlaReport = z.object({
  month: z.string(),
  member: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  rows: z.array(ReportRow),
});
export { Level };
