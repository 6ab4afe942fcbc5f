import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import type { App } from '../../platform/http/types.js';
import { PartnerCreateRequest, PartnerIdParams, PartnerListResponse, PartnerResponse } from './partners.dto.js';
import type { PartnersService } from './partners.service.js';

const tags = ['partners'];

export function partnersRoutes(app: App, service: PartnersService) {
  app.get(
    '/api/v1/partners',
    { schema: { tags, summary: 'Partner providers (georedundant sites) of the caller’s provider', response: { 200: PartnerListResponse } } },
    async (req) => service.list(authOf(req)),
  );

  app.post(
    '/api/v1/partners',
    {
      schema: {
        tags,
        summary: 'Link another provider as partner; both providers’ staff see the link',
        body: PartnerCreateRequest,
        response: { 201: PartnerResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(authOf(req), req.body)),
  );

  app.delete(
    '/api/v1/partners/:id',
    { schema: { tags, summary: 'End a partnership (for both sides)', params: PartnerIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.remove(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
