import fastifyMultipart, { type MultipartValue } from '@fastify/multipart';
import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import { sendCsv, wantsCsv, type ExportColumn } from '../../platform/http/export.js';
import { HttpError } from '../../platform/http/errors.js';
import { pageResponse } from '../../platform/http/pagination.js';
import { consumeUpload, contentDisposition, multipartValidator, oneFile } from '../../platform/http/files.js';
import type { App } from '../../platform/http/types.js';
import {
  AttachmentList,
  AttachmentResponse,
  CommentCreateRequest,
  LinkCreateRequest,
  LinkList,
  TicketBulkRequest,
  TicketChildParams,
  TicketCreateRequest,
  TicketIdParams,
  TicketListQuery,
  TicketResponse,
  TicketSummary,
  TicketUpdateRequest,
  Timeline,
  TimelineEntry,
  Visibility,
} from './tickets.dto.js';
import type { TicketExtrasService } from './ticket-extras.service.js';
import type { TicketsService } from './tickets.service.js';

const tags = ['tickets'];
/** Ticket writes never change who sees what: the session cache stays (see auth.plugin). */
const keepSessions = { sessionsUnchanged: true };

const CSV_COLUMNS: ExportColumn<TicketSummary>[] = [
  { header: 'number', value: (t) => t.number },
  { header: 'member', value: (t) => t.orgName },
  { header: 'type', value: (t) => t.type },
  { header: 'title', value: (t) => t.title },
  { header: 'status', value: (t) => t.status },
  { header: 'priority', value: (t) => t.priority },
  { header: 'assignee', value: (t) => t.assigneeName },
  { header: 'group', value: (t) => t.groupName },
  { header: 'requester', value: (t) => t.requesterName },
  { header: 'created_at', value: (t) => t.createdAt },
  { header: 'resolution_due_at', value: (t) => t.sla.resolutionDueAt },
  { header: 'sla_resolution', value: (t) => t.sla.resolution },
];

function field(fields: Record<string, unknown>, name: string): string | undefined {
  const f = fields[name] as MultipartValue<unknown> | MultipartValue<unknown>[] | undefined;
  const v = Array.isArray(f) ? f[0]?.value : f?.value;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

const UploadBody = z.object({
  visibility: Visibility.optional(),
  file: z.string().meta({ format: 'binary', description: 'PDF, PNG or JPEG; after the other fields.' }),
});

export async function ticketsRoutes(app: App, service: TicketsService, extras: TicketExtrasService) {
  app.get(
    '/api/v1/tickets',
    {
      schema: {
        tags,
        summary: 'Tickets the caller may see (agents: their members; member admins: their organisation; users: their own), cursor-paginated; CSV with ?format=csv',
        querystring: TicketListQuery,
        response: { 200: pageResponse(TicketSummary) },
      },
    },
    async (req, reply) => {
      const result = await service.list(authOf(req), req.query);
      if (wantsCsv(req.query.format, req.headers.accept)) {
        return sendCsv(reply, 'tickets.csv', CSV_COLUMNS, result.items);
      }
      return result;
    },
  );

  app.post(
    '/api/v1/tickets',
    { config: keepSessions, schema: { tags, summary: 'Open a ticket for a member (portal or service desk)', body: TicketCreateRequest, response: { 201: TicketResponse } } },
    async (req, reply) => reply.code(201).send(await service.create(authOf(req), req.body)),
  );

  app.post(
    '/api/v1/tickets/bulk',
    {
      config: keepSessions,
      schema: {
        tags,
        summary: 'Assign or move several tickets at once; each ticket succeeds or fails on its own',
        body: TicketBulkRequest,
        response: { 200: z.object({ updated: z.array(z.uuid()), failed: z.array(z.object({ id: z.string(), status: z.number().int(), detail: z.string() })) }) },
      },
    },
    async (req) => service.bulk(authOf(req), req.body),
  );

  app.get('/api/v1/tickets/:id', { schema: { tags, summary: 'One ticket', params: TicketIdParams, response: { 200: TicketResponse } } }, async (req) =>
    service.get(authOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/tickets/:id',
    {
      config: keepSessions,
      schema: {
        tags,
        summary: 'Change fields (service desk) or move the status; 409 with `allowed` when the workflow does not allow the step',
        params: TicketIdParams,
        body: TicketUpdateRequest,
        response: { 200: TicketResponse },
      },
    },
    async (req) => service.update(authOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/tickets/:id/timeline',
    { schema: { tags, summary: 'Replies, internal notes (agents only) and changes, oldest first', params: TicketIdParams, response: { 200: Timeline } } },
    async (req) => service.timeline(authOf(req), req.params.id),
  );

  app.get(
    '/api/v1/tickets/:id/comments',
    { schema: { tags, summary: 'Replies and internal notes (agents only), oldest first', params: TicketIdParams, response: { 200: Timeline } } },
    async (req) => {
      const all = await service.timeline(authOf(req), req.params.id);
      return { items: all.items.filter((i) => i.kind === 'comment') };
    },
  );

  app.post(
    '/api/v1/tickets/:id/comments',
    {
      config: keepSessions,
      schema: {
        tags,
        summary: 'Reply (public) or add an internal note (needs ticket.internal)',
        params: TicketIdParams,
        body: CommentCreateRequest,
        response: { 201: TimelineEntry },
      },
    },
    async (req, reply) => reply.code(201).send(await service.comment(authOf(req), req.params.id, req.body)),
  );

  app.get('/api/v1/tickets/:id/links', { schema: { tags, summary: 'Linked tickets', params: TicketIdParams, response: { 200: LinkList } } }, async (req) =>
    extras.links(authOf(req), req.params.id),
  );

  app.post(
    '/api/v1/tickets/:id/links',
    { config: keepSessions, schema: { tags, summary: 'Link to another ticket (related, duplicate_of, parent_of)', params: TicketIdParams, body: LinkCreateRequest, response: { 201: LinkList } } },
    async (req, reply) => reply.code(201).send(await extras.link(authOf(req), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/tickets/:id/links/:childId',
    { config: keepSessions, schema: { tags, summary: 'Remove a link', params: TicketChildParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await extras.unlink(authOf(req), req.params.id, req.params.childId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/tickets/:id/attachments',
    { schema: { tags, summary: 'Attachments (internal ones for agents only)', params: TicketIdParams, response: { 200: AttachmentList } } },
    async (req) => extras.attachments(authOf(req), req.params.id),
  );

  app.get(
    '/api/v1/tickets/:id/attachments/:childId',
    { schema: { tags, summary: 'Download an attachment', params: TicketChildParams } },
    async (req, reply) => {
      const { row, stream } = await extras.download(authOf(req), req.params.id, req.params.childId);
      return reply
        .type(row.contentType)
        .header('content-disposition', contentDisposition(row.filename))
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );

  await app.register(async (scope: App) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: extras.maxUploadBytes + 1, files: 1, fields: 3, fieldSize: 100, parts: 4 } });
    scope.post(
      '/api/v1/tickets/:id/attachments',
      {
        config: keepSessions,
        validatorCompiler: multipartValidator,
        schema: {
          tags,
          summary: 'Attach a file (multipart/form-data: field `visibility` before the part `file`; PDF, PNG, JPEG)',
          params: TicketIdParams,
          consumes: ['multipart/form-data'],
          body: UploadBody,
          response: { 201: AttachmentResponse },
        },
      },
      async (req, reply) => {
        const auth = authOf(req);
        const file = await oneFile(req);
        const vis = Visibility.safeParse(field(file.fields, 'visibility') ?? 'public');
        if (!vis.success) {
          file.file.resume();
          throw new HttpError(400, 'Bad Request', 'The request has invalid fields.', { errors: [{ field: 'body/visibility', message: 'public or internal' }] });
        }
        const created = await consumeUpload(file, extras.maxUploadBytes, () =>
          extras.upload(auth, req.params.id, { filename: file.filename, visibility: vis.data }, file.file),
        );
        return reply.code(201).send(created);
      },
    );
  });
}
