import { authOf } from '../../platform/auth/auth.plugin.js';
import { sendStoredFile } from '../../platform/http/files.js';
import type { App } from '../../platform/http/types.js';
import {
  AttachmentParams,
  InboundAssignRequest,
  InboundListResponse,
  InboundMailResponse,
  InboundQuery,
  MailIdParams,
  OutboxListResponse,
  OutboxMailResponse,
  OutboxQuery,
} from './mail.dto.js';
import type { MailService } from './mail.service.js';

const tags = ['mail'];

export function mailRoutes(app: App, service: MailService) {
  app.get(
    '/api/v1/mail/outbox',
    { schema: { tags, summary: 'Notification mails of the provider, newest first (provider administrators)', querystring: OutboxQuery, response: { 200: OutboxListResponse } } },
    async (req) => service.outbox(authOf(req), req.query),
  );

  app.post(
    '/api/v1/mail/outbox/:id/retry',
    { schema: { tags, summary: 'Send a failed mail again', params: MailIdParams, response: { 200: OutboxMailResponse } } },
    async (req) => service.retry(authOf(req), req.params.id),
  );

  app.get(
    '/api/v1/mail/inbound',
    { schema: { tags, summary: 'Received mails by status; default the review queue (unknown senders)', querystring: InboundQuery, response: { 200: InboundListResponse } } },
    async (req) => service.inbound(authOf(req), req.query),
  );

  app.get(
    '/api/v1/mail/inbound/:id',
    { schema: { tags, summary: 'One received mail', params: MailIdParams, response: { 200: InboundMailResponse } } },
    async (req) => service.inboundOne(authOf(req), req.params.id),
  );

  app.get(
    '/api/v1/mail/inbound/:id/attachments/:index',
    { schema: { tags, summary: 'Download an attachment of a received mail', params: AttachmentParams } },
    async (req, reply) => sendStoredFile(reply, await service.attachment(authOf(req), req.params.id, req.params.index)),
  );

  app.post(
    '/api/v1/mail/inbound/:id/assign',
    { schema: { tags, summary: 'Open a ticket for a member from a mail of the review queue', params: MailIdParams, body: InboundAssignRequest, response: { 200: InboundMailResponse } } },
    async (req) => service.assign(authOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/mail/inbound/:id/discard',
    { schema: { tags, summary: 'Discard a mail of the review queue (its attachments are deleted)', params: MailIdParams, response: { 200: InboundMailResponse } } },
    async (req) => service.discard(authOf(req), req.params.id),
  );
}
