import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { organisations } from '../organisations/organisations.schema.js';
import { users } from '../users/users.schema.js';
import { contacts } from '../members/members.schema.js';
import { services } from '../catalog/catalog.schema.js';

export const TICKET_TYPES = ['incident', 'request', 'security_incident'] as const;
export const TICKET_STATUSES = ['new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
export const LEVELS = ['low', 'medium', 'high'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const VISIBILITIES = ['public', 'internal'] as const;
export const LINK_KINDS = ['related', 'duplicate_of', 'parent_of'] as const;

export type TicketType = (typeof TICKET_TYPES)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type Level = (typeof LEVELS)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Visibility = (typeof VISIBILITIES)[number];

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A stretch of time the SLA clock stood still (status waiting); `to` null while it still does. */
export interface PausePeriod {
  from: string;
  to: string | null;
}

/** Security incident details (type security_incident only). */
export interface SecurityDetails {
  detectedAt: string | null;
  affectedSystems: string[];
  affectedMemberIds: string[];
  personalData: boolean;
  /** Reported to the CERT / Land authority at. */
  reportedAt: string | null;
  /** Art. 33 GDPR: the supervisory authority was notified at. */
  authorityNotifiedAt: string | null;
  checklist: { label: string; phase: 'containment' | 'recovery'; done: boolean; doneAt: string | null }[];
}

/**
 * A service-desk ticket of a member (`org_id`), numbered per provider. Timestamps of each step of
 * the workflow are kept; the SLA due dates are computed in business time (sla.ts) and stored, so
 * lists can sort and filter on them.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    providerId: uuid('provider_id').notNull(),
    /** T-<year>-<seq>, seq zero-padded to 6 digits. */
    number: text('number').notNull(),
    type: text('type', { enum: TICKET_TYPES }).notNull(),
    title: text('title').notNull(),
    /** Markdown; rendered with raw HTML disabled. */
    description: text('description').notNull().default(''),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('new'),
    impact: text('impact', { enum: LEVELS }).notNull(),
    urgency: text('urgency', { enum: LEVELS }).notNull(),
    priority: text('priority', { enum: PRIORITIES }).notNull(),
    requesterUserId: uuid('requester_user_id').references(() => users.id, { onDelete: 'set null' }),
    requesterContactId: uuid('requester_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /** Display name of the requester (a user, a contact, or an e-mail sender). */
    requesterName: text('requester_name'),
    requesterEmail: text('requester_email'),
    /** Catalogue service the ticket is about (null: unknown or none). */
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'set null' }),
    categoryId: uuid('category_id').references((): AnyPgColumn => ticketCategories.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    groupName: text('group_name'),
    watcherIds: uuid('watcher_ids').array().notNull().default(sql`'{}'::uuid[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    channel: text('channel', { enum: ['portal', 'agent', 'email', 'system', 'api'] }).notNull().default('portal'),
    /** One open system ticket per key (backups and other automatic reporters). */
    dedupeKey: text('dedupe_key'),
    slaProfileId: uuid('sla_profile_id').references((): AnyPgColumn => slaProfiles.id, { onDelete: 'set null' }),
    responseDueAt: timestamp('response_due_at', { withTimezone: true }),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    pauses: jsonb('pauses').$type<PausePeriod[]>().notNull().default([]),
    slaWarnedAt: timestamp('sla_warned_at', { withTimezone: true }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    inProgressAt: timestamp('in_progress_at', { withTimezone: true }),
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    reopenCount: integer('reopen_count').notNull().default(0),
    security: jsonb('security').$type<SecurityDetails>(),
    /** Title, description and public replies (what a member may search). */
    searchPublic: tsvector('search_public'),
    /** Internal notes (agents' search only). */
    searchInternal: tsvector('search_internal'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('tickets_number_uq').on(t.providerId, t.number),
    uniqueIndex('tickets_dedupe_uq').on(t.orgId, t.dedupeKey).where(sql`${t.dedupeKey} is not null and ${t.status} not in ('resolved', 'closed')`),
    index('tickets_org_status_idx').on(t.orgId, t.status, t.id),
    index('tickets_provider_status_idx').on(t.providerId, t.status, t.id),
    // A member's open queue, newest first: (org_id, status, id) returns the open tickets of four
    // statuses unordered by id, so a member with 1,500 open tickets sorted them all for each page.
    // The predicate is the queue's own status filter (planned with its values, so it matches).
    index('tickets_org_open_idx').on(t.orgId, t.id).where(sql`${t.status} in ('new', 'assigned', 'in_progress', 'waiting')`),
    // A member user's own tickets in the portal, newest first: the visibility rule (requester or
    // watcher) cannot use the requester index, so without this every ticket of the member was
    // read and sorted for each page.
    index('tickets_org_id_idx').on(t.orgId, t.id),
    index('tickets_assignee_idx').on(t.assigneeId, t.status).where(sql`${t.assigneeId} is not null`),
    index('tickets_requester_idx').on(t.requesterUserId, t.id).where(sql`${t.requesterUserId} is not null`),
    index('tickets_due_idx').on(t.resolutionDueAt).where(sql`${t.status} not in ('resolved', 'closed', 'waiting')`),
    index('tickets_search_public_idx').using('gin', t.searchPublic),
    index('tickets_search_internal_idx').using('gin', t.searchInternal),
    check('tickets_type_chk', sql`${t.type} in ('incident', 'request', 'security_incident')`),
    check('tickets_status_chk', sql`${t.status} in ('new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed')`),
    check('tickets_levels_chk', sql`${t.impact} in ('low', 'medium', 'high') and ${t.urgency} in ('low', 'medium', 'high')`),
    check('tickets_priority_chk', sql`${t.priority} in ('P1', 'P2', 'P3', 'P4')`),
    check('tickets_number_chk', sql`${t.number} ~ '^T-[0-9]{4}-[0-9]{6,}$'`),
    check('tickets_security_chk', sql`${t.security} is null or ${t.type} = 'security_incident'`),
  ],
);

/** Public replies and internal notes; members never read `internal` rows (service + repository filter). */
export const ticketComments = pgTable(
  'ticket_comments',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    visibility: text('visibility', { enum: VISIBILITIES }).notNull(),
    body: text('body').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name'),
    /** Whether the author spoke for the provider (first response) or the member. */
    fromProvider: boolean('from_provider').notNull(),
    channel: text('channel', { enum: ['portal', 'agent', 'email', 'system', 'api'] }).notNull().default('portal'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ticket_comments_ticket_idx').on(t.ticketId, t.createdAt),
    check('ticket_comments_visibility_chk', sql`${t.visibility} in ('public', 'internal')`),
  ],
);

/** Everything else on the timeline: status changes, assignments, field changes, links, files. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    visibility: text('visibility', { enum: VISIBILITIES }).notNull().default('public'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorName: text('actor_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.createdAt)],
);

export const ticketAttachments = pgTable(
  'ticket_attachments',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    commentId: uuid('comment_id').references(() => ticketComments.id, { onDelete: 'set null' }),
    visibility: text('visibility', { enum: VISIBILITIES }).notNull().default('public'),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ticket_attachments_ticket_idx').on(t.ticketId)],
);

/** related (both ways), duplicate_of (source duplicates target), parent_of (source is the parent). */
export const ticketLinks = pgTable(
  'ticket_links',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    targetId: uuid('target_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: LINK_KINDS }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ticket_links_uq').on(t.ticketId, t.targetId, t.kind),
    index('ticket_links_target_idx').on(t.targetId),
    check('ticket_links_kind_chk', sql`${t.kind} in ('related', 'duplicate_of', 'parent_of')`),
    check('ticket_links_self_chk', sql`${t.ticketId} <> ${t.targetId}`),
  ],
);

/** A user's saved queue filter (`org_id` is the user's home organisation). */
export const ticketSavedFilters = pgTable(
  'ticket_saved_filters',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, string>>().notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('ticket_saved_filters_uq').on(t.userId, t.name)],
);

/**
 * Service hours per ISO weekday ("1" Monday … "7" Sunday) as local Europe/Berlin times; an empty
 * list is a day off. "24:00" ends a day at midnight.
 */
export type ServiceHours = Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', { start: string; end: string }[]>;
/** Minutes of business time per priority. */
export type Targets = Record<Priority, { responseMinutes: number; resolutionMinutes: number }>;

/**
 * Provider configuration tables carry `provider_id` instead of `org_id`: members of the provider
 * read them (SLA targets, categories), only the provider writes them (policies in the custom
 * migration).
 */
export const slaProfiles = pgTable(
  'sla_profiles',
  {
    id: idColumn(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    hours: jsonb('hours').$type<ServiceHours>().notNull(),
    targets: jsonb('targets').$type<Targets>().notNull(),
    /** Public holidays of the member's Land (and Kreis region) stop the clock. */
    observeHolidays: boolean('observe_holidays').notNull().default(true),
    /** Warn this many business minutes before a due date. */
    warnBeforeMinutes: integer('warn_before_minutes').notNull().default(60),
    isDefault: boolean('is_default').notNull().default(false),
    /** Services (catalogue ids) this profile applies to. */
    serviceIds: uuid('service_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Members for which this is the default. */
    memberIds: uuid('member_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('sla_profiles_name_uq').on(t.providerId, t.name),
    uniqueIndex('sla_profiles_default_uq').on(t.providerId).where(sql`${t.isDefault}`),
    check('sla_profiles_warn_chk', sql`${t.warnBeforeMinutes} between 0 and 10080`),
  ],
);

export const ticketCategories = pgTable(
  'ticket_categories',
  {
    id: idColumn(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => ticketCategories.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    ...timestamps(),
  },
  (t) => [uniqueIndex('ticket_categories_name_uq').on(t.providerId, t.parentId, t.name), index('ticket_categories_parent_idx').on(t.parentId)],
);

/** Per provider: the impact × urgency matrix, auto-close delay and agent groups. */
export const ticketSettings = pgTable('ticket_settings', {
  providerId: uuid('provider_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  /** matrix[impact][urgency] → priority. */
  priorityMatrix: jsonb('priority_matrix').$type<Record<Level, Record<Level, Priority>>>().notNull(),
  autoCloseDays: integer('auto_close_days').notNull().default(7),
  groups: text('groups').array().notNull().default(sql`'{}'::text[]`),
  ...timestamps(),
});

/**
 * Per provider and year, where numbering starts: tickets draw their numbers from a sequence per
 * provider and year (`verbund_next_ticket_seq`, migration 0032), which begins after this value
 * when it is made. Seeds and imports raise both through `verbund_raise_ticket_seq`. The request
 * role has no grant here.
 */
export const ticketCounters = pgTable(
  'ticket_counters',
  {
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.year] })],
);

export type TicketRow = typeof tickets.$inferSelect;
export type TicketCommentRow = typeof ticketComments.$inferSelect;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export type SlaProfileRow = typeof slaProfiles.$inferSelect;
export type TicketCategoryRow = typeof ticketCategories.$inferSelect;
export type TicketSettingsRow = typeof ticketSettings.$inferSelect;
