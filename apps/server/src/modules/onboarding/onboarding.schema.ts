import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { organisations } from '../organisations/organisations.schema.js';
import { users } from '../users/users.schema.js';

export const TASK_STATUSES = ['open', 'done', 'not_applicable'] as const;

export interface TemplateTask {
  title: string;
  /** Days after the start of an onboarding that the task is due; none when null. */
  dueAfterDays: number | null;
}

/** The onboarding checklist of a provider (`org_id` = the provider); each onboarding gets a copy. */
export const onboardingTemplates = pgTable(
  'onboarding_templates',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    tasks: jsonb('tasks').$type<TemplateTask[]>().notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('onboarding_templates_org_uq').on(t.orgId)],
);

/** The onboarding of one member (`org_id`), started explicitly or when an agreement enters onboarding. */
export const onboardings = pgTable(
  'onboardings',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** The agreement that started it, if any (no FK: the agreements module owns that table). */
    agreementId: uuid('agreement_id'),
    startedAt: date('started_at').notNull(),
    /** Set when the last open task is done or not applicable. */
    completedAt: date('completed_at'),
    ...timestamps(),
  },
  (t) => [
    // One running onboarding per member.
    uniqueIndex('onboardings_open_uq').on(t.orgId).where(sql`${t.completedAt} is null`),
  ],
);

export const onboardingTasks = pgTable(
  'onboarding_tasks',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    onboardingId: uuid('onboarding_id')
      .notNull()
      .references(() => onboardings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    dueDate: date('due_date'),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    notes: text('notes'),
    ...timestamps(),
  },
  (t) => [
    index('onboarding_tasks_onboarding_idx').on(t.onboardingId, t.position),
    check('onboarding_tasks_status_chk', sql`${t.status} in ('open', 'done', 'not_applicable')`),
  ],
);

export type OnboardingRow = typeof onboardings.$inferSelect;
export type OnboardingTaskRow = typeof onboardingTasks.$inferSelect;
