import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import type { App } from '../../platform/http/types.js';
import {
  ContactCreateRequest,
  ContactInviteRequest,
  ContactParams,
  ContactResponse,
  ContactUpdateRequest,
  LeitwegCreateRequest,
  LeitwegParams,
  LeitwegResponse,
  LeitwegUpdateRequest,
  OrgParams,
} from './members.dto.js';
import type { ContactsService } from './contacts.service.js';
import type { LeitwegService } from './leitweg.service.js';

const tags = ['members'];
const base = '/api/v1/organisations/:id';

const InviteResponse = z.object({
  contact: ContactResponse,
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }).loose(),
});

export function contactsRoutes(app: App, contacts: ContactsService, leitweg: LeitwegService) {
  app.get(
    `${base}/contacts`,
    { schema: { tags, summary: 'Contact persons of a member', params: OrgParams, response: { 200: z.object({ items: z.array(ContactResponse) }) } } },
    async (req) => contacts.list(authOf(req), req.params.id),
  );
  app.post(
    `${base}/contacts`,
    { schema: { tags, summary: 'Add a contact person', params: OrgParams, body: ContactCreateRequest, response: { 201: ContactResponse } } },
    async (req, reply) => reply.code(201).send(await contacts.create(authOf(req), req.params.id, req.body)),
  );
  app.patch(
    `${base}/contacts/:cid`,
    { schema: { tags, summary: 'Change a contact person', params: ContactParams, body: ContactUpdateRequest, response: { 200: ContactResponse } } },
    async (req) => contacts.update(authOf(req), req.params.id, req.params.cid, req.body),
  );
  app.delete(
    `${base}/contacts/:cid`,
    { schema: { tags, summary: 'Remove a contact person', params: ContactParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await contacts.remove(authOf(req), req.params.id, req.params.cid);
      return reply.code(204).send(null);
    },
  );
  app.post(
    `${base}/contacts/:cid/invite`,
    {
      schema: {
        tags,
        summary: 'Make the contact a user of the member (member_user by default), linked to the contact',
        params: ContactParams,
        body: ContactInviteRequest,
        response: { 201: InviteResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await contacts.invite(authOf(req), req.params.id, req.params.cid, req.body)),
  );

  app.get(
    `${base}/leitweg-ids`,
    { schema: { tags, summary: 'Leitweg-IDs of a member', params: OrgParams, response: { 200: z.object({ items: z.array(LeitwegResponse) }) } } },
    async (req) => leitweg.list(authOf(req), req.params.id),
  );
  app.post(
    `${base}/leitweg-ids`,
    {
      schema: {
        tags,
        summary: 'Add a Leitweg-ID (structure and MOD 97-10 check digits validated; unique per provider)',
        params: OrgParams,
        body: LeitwegCreateRequest,
        response: { 201: LeitwegResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await leitweg.create(authOf(req), req.params.id, req.body)),
  );
  app.patch(
    `${base}/leitweg-ids/:lid`,
    { schema: { tags, summary: 'Change a Leitweg-ID or make it the default', params: LeitwegParams, body: LeitwegUpdateRequest, response: { 200: LeitwegResponse } } },
    async (req) => leitweg.update(authOf(req), req.params.id, req.params.lid, req.body),
  );
  app.delete(
    `${base}/leitweg-ids/:lid`,
    { schema: { tags, summary: 'Remove a Leitweg-ID (the default passes to the oldest other one)', params: LeitwegParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await leitweg.remove(authOf(req), req.params.id, req.params.lid);
      return reply.code(204).send(null);
    },
  );
}
