import { z } from 'zod';
import { PageQuery } from '../../platform/http/pagination.js';
import { CalendarDate } from '../agreements/agreements.dto.js';
import { TASK_STATUSES } from './onboarding.schema.js';

export const TaskStatus = z.enum(TASK_STATUSES);

export const TemplateTask = z.strictObject({
  title: z.string().trim().min(1).max(200),
  /** Due this many days after the onboarding starts; none when null or omitted. */
  dueAfterDays: z.number().int().min(0).max(3650).nullable().optional(),
});

export const TemplateQuery = z.strictObject({
  /** Needed only by someone who works for several providers. */
  providerId: z.uuid().optional(),
});

export const TemplateUpdateRequest = z.strictObject({
  tasks: z.array(TemplateTask).min(1).max(100),
});
export type TemplateUpdateRequest = z.infer<typeof TemplateUpdateRequest>;

export const TemplateResponse = z.object({
  providerId: z.uuid(),
  /** True while the provider has not saved its own checklist yet. */
  isDefault: z.boolean(),
  tasks: z.array(z.object({ title: z.string(), dueAfterDays: z.number().int().nullable() })),
  updatedAt: z.iso.datetime().nullable(),
});
export type TemplateResponse = z.infer<typeof TemplateResponse>;

export const OnboardingStartRequest = z.strictObject({
  /** Defaults to today. */
  startedAt: CalendarDate.optional(),
});

export const OrgIdParams = z.strictObject({ id: z.uuid() });
export const TaskParams = z.strictObject({ id: z.uuid(), tid: z.uuid() });

export const TaskUpdateRequest = z
  .strictObject({
    status: TaskStatus.optional(),
    ownerUserId: z.uuid().nullable().optional(),
    dueDate: CalendarDate.nullable().optional(),
    notes: z.string().max(5000).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type TaskUpdateRequest = z.infer<typeof TaskUpdateRequest>;

export const TaskResponse = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: TaskStatus,
  doneAt: z.iso.datetime().nullable(),
  notes: z.string().nullable(),
  overdue: z.boolean(),
});

export const OnboardingResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  agreementId: z.uuid().nullable(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  /** Share of tasks done or not applicable, 0–100. */
  progressPercent: z.number().int(),
  counts: z.object({ total: z.number().int(), open: z.number().int(), done: z.number().int(), notApplicable: z.number().int() }),
  tasks: z.array(TaskResponse),
  abilities: z.object({ manage: z.boolean() }),
});
export type OnboardingResponse = z.infer<typeof OnboardingResponse>;

export const OnboardingListQuery = PageQuery.extend({
  /** `running` (default) or `completed`; `all` for both. */
  state: z.enum(['running', 'completed', 'all']).default('running'),
}).strict();
export type OnboardingListQuery = z.infer<typeof OnboardingListQuery>;

export const OnboardingSummary = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  agreementId: z.uuid().nullable(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  progressPercent: z.number().int(),
  counts: z.object({ total: z.number().int(), open: z.number().int(), done: z.number().int(), notApplicable: z.number().int() }),
  /** Earliest due date of an open task. */
  nextDue: z.string().nullable(),
});
export type OnboardingSummary = z.infer<typeof OnboardingSummary>;
