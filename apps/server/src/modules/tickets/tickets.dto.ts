import { z } from 'zod';
import { LEVELS, LINK_KINDS, PRIORITIES, TICKET_STATUSES, TICKET_TYPES, VISIBILITIES } from './tickets.schema.js';

export const TicketType = z.enum(TICKET_TYPES);
export const TicketStatus = z.enum(TICKET_STATUSES);
export const Level = z.enum(LEVELS);
export const Priority = z.enum(PRIORITIES);
export const Visibility = z.enum(VISIBILITIES);
export const LinkKind = z.enum(LINK_KINDS);
const SlaState = z.enum(['ok', 'warning', 'breached', 'met', 'paused', 'none']);

const Tag = z.string().trim().min(1).max(50);
const Instant = z.iso.datetime({ offset: true });

export const SecurityInput = z.strictObject({
  detectedAt: Instant.nullable().optional(),
  affectedSystems: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  affectedMemberIds: z.array(z.uuid()).max(500).optional(),
  personalData: z.boolean().optional(),
  reportedAt: Instant.nullable().optional(),
  authorityNotifiedAt: Instant.nullable().optional(),
  checklist: z
    .array(z.strictObject({ label: z.string().trim().min(1).max(300), phase: z.enum(['containment', 'recovery']), done: z.boolean() }))
    .max(100)
    .optional(),
});

export const TicketCreateRequest = z.strictObject({
  /** The member the ticket is about. */
  orgId: z.uuid(),
  type: TicketType.default('incident'),
  title: z.string().trim().min(3).max(300),
  /** Markdown. */
  description: z.string().max(50_000).default(''),
  impact: Level.optional(),
  urgency: Level.optional(),
  serviceId: z.uuid().nullable().optional(),
  categoryId: z.uuid().nullable().optional(),
  /** Agents: the user on whose behalf the ticket is recorded. */
  requesterUserId: z.uuid().nullable().optional(),
  /** Agents: a contact of the member (no user account) on whose behalf the ticket is recorded. */
  requesterContactId: z.uuid().nullable().optional(),
  assigneeId: z.uuid().nullable().optional(),
  groupName: z.string().trim().min(1).max(100).nullable().optional(),
  tags: z.array(Tag).max(20).optional(),
  watcherIds: z.array(z.uuid()).max(50).optional(),
  security: SecurityInput.optional(),
});
export type TicketCreateRequest = z.infer<typeof TicketCreateRequest>;

export const TicketUpdateRequest = z
  .strictObject({
    title: z.string().trim().min(3).max(300).optional(),
    description: z.string().max(50_000).optional(),
    type: TicketType.optional(),
    status: TicketStatus.optional(),
    impact: Level.optional(),
    urgency: Level.optional(),
    serviceId: z.uuid().nullable().optional(),
    categoryId: z.uuid().nullable().optional(),
    assigneeId: z.uuid().nullable().optional(),
    groupName: z.string().trim().min(1).max(100).nullable().optional(),
    tags: z.array(Tag).max(20).optional(),
    watcherIds: z.array(z.uuid()).max(50).optional(),
    security: SecurityInput.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type TicketUpdateRequest = z.infer<typeof TicketUpdateRequest>;

export const TicketBulkRequest = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(200),
  assigneeId: z.uuid().nullable().optional(),
  status: z.enum(['resolved', 'closed', 'in_progress']).optional(),
});
export type TicketBulkRequest = z.infer<typeof TicketBulkRequest>;

export const TicketListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  /** Comma-separated statuses, or `open` for every open one. */
  status: z
    .string()
    .regex(/^(open|[a-z_]+(,[a-z_]+)*)$/)
    .optional(),
  member: z.uuid().optional(),
  /** A user id, `me`, or `none` (unassigned). */
  assignee: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
  /** `me`: tickets the caller opened. */
  requester: z.enum(['me']).optional(),
  priority: Priority.optional(),
  type: TicketType.optional(),
  category: z.uuid().optional(),
  service: z.uuid().optional(),
  group: z.string().max(100).optional(),
  tag: z.string().max(50).optional(),
  /** `breached`: resolution due date passed and still open; `at_risk`: due within 4 hours. */
  sla: z.enum(['breached', 'at_risk']).optional(),
  /** German full text over title, description and replies (internal notes for agents). */
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(['newest', 'oldest', 'due']).default('newest'),
  /** Count all matches (costs a second query). */
  total: z.enum(['true', 'false']).optional(),
  format: z.enum(['json', 'csv']).optional(),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

const SlaInfo = z.object({
  profileId: z.uuid().nullable(),
  profileName: z.string().nullable(),
  responseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  response: SlaState,
  resolution: SlaState,
  paused: z.boolean(),
});

export const TicketSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  type: TicketType,
  title: z.string(),
  status: TicketStatus,
  priority: Priority,
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  groupName: z.string().nullable(),
  requesterName: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  sla: SlaInfo,
});
export type TicketSummary = z.infer<typeof TicketSummary>;

export const SecurityResponse = z.object({
  detectedAt: z.string().nullable(),
  affectedSystems: z.array(z.string()),
  affectedMemberIds: z.array(z.string()),
  personalData: z.boolean(),
  reportedAt: z.string().nullable(),
  authorityNotifiedAt: z.string().nullable(),
  /** Art. 33 GDPR: 72 hours from detection, when personal data is affected. */
  gdprDeadline: z.string().nullable(),
  checklist: z.array(z.object({ label: z.string(), phase: z.enum(['containment', 'recovery']), done: z.boolean(), doneAt: z.string().nullable() })),
});

export const TicketResponse = TicketSummary.extend({
  providerId: z.uuid(),
  description: z.string(),
  /** The description rendered from Markdown with raw HTML disabled. */
  descriptionHtml: z.string(),
  impact: Level,
  urgency: Level,
  serviceId: z.uuid().nullable(),
  categoryId: z.uuid().nullable(),
  categoryName: z.string().nullable(),
  requesterUserId: z.uuid().nullable(),
  requesterContactId: z.uuid().nullable(),
  requesterEmail: z.string().nullable(),
  watcherIds: z.array(z.uuid()),
  channel: z.string(),
  firstResponseAt: z.string().nullable(),
  assignedAt: z.string().nullable(),
  inProgressAt: z.string().nullable(),
  waitingSince: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenCount: z.number().int(),
  security: SecurityResponse.nullable(),
  allowedTransitions: z.array(TicketStatus),
  abilities: z.object({
    update: z.boolean(),
    comment: z.boolean(),
    internalNote: z.boolean(),
    attach: z.boolean(),
    link: z.boolean(),
  }),
});
export type TicketResponse = z.infer<typeof TicketResponse>;

export const CommentCreateRequest = z.strictObject({
  body: z.string().trim().min(1).max(50_000),
  visibility: Visibility.default('public'),
});

export const TimelineEntry = z.object({
  id: z.uuid(),
  at: z.string(),
  kind: z.enum(['comment', 'event']),
  visibility: Visibility,
  actorName: z.string().nullable(),
  fromProvider: z.boolean().nullable(),
  /** Comment text (Markdown) and its rendering. */
  body: z.string().nullable(),
  bodyHtml: z.string().nullable(),
  /** Event kind (created, status, assigned, updated, link, attachment) and its data. */
  event: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export const Timeline = z.object({ items: z.array(TimelineEntry) });

export const LinkCreateRequest = z.strictObject({ targetId: z.uuid(), kind: LinkKind });
export const LinkResponse = z.object({
  id: z.uuid(),
  kind: z.string(),
  /** As seen from this ticket: related, duplicate_of, duplicated_by, parent_of, child_of. */
  role: z.enum(['related', 'duplicate_of', 'duplicated_by', 'parent_of', 'child_of']),
  ticketId: z.uuid(),
  number: z.string(),
  title: z.string(),
  status: TicketStatus,
});
export const LinkList = z.object({ items: z.array(LinkResponse) });

export const AttachmentResponse = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  visibility: Visibility,
  createdAt: z.string(),
});
export const AttachmentList = z.object({ items: z.array(AttachmentResponse) });

export const TicketIdParams = z.strictObject({ id: z.uuid() });
export const TicketChildParams = z.strictObject({ id: z.uuid(), childId: z.uuid() });
