import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import { exportFormat, sendCsv, sendXlsx, type ExportColumn } from '../../platform/http/export.js';
import { pageResponse } from '../../platform/http/pagination.js';
import type { App } from '../../platform/http/types.js';
import {
  OrganisationCreateRequest,
  OrganisationIdParams,
  OrganisationListQuery,
  OrganisationResponse,
  OrganisationUpdateRequest,
} from './organisations.dto.js';
import type { OrganisationsService } from './organisations.service.js';

const tags = ['organisations'];
const OrganisationPage = pageResponse(OrganisationResponse);

const CSV_COLUMNS: ExportColumn<OrganisationResponse>[] = [
  { header: 'id', value: (o) => o.id },
  { header: 'parent_id', value: (o) => o.parentId },
  { header: 'kind', value: (o) => o.kind },
  { header: 'type', value: (o) => o.type },
  { header: 'name', value: (o) => o.name },
  { header: 'short_name', value: (o) => o.shortName },
  { header: 'ags', value: (o) => o.ags },
  { header: 'ars', value: (o) => o.ars },
  { header: 'street', value: (o) => o.street },
  { header: 'postal_code', value: (o) => o.postalCode },
  { header: 'city', value: (o) => o.city },
  { header: 'email', value: (o) => o.email },
  { header: 'phone', value: (o) => o.phone },
];

export function organisationsRoutes(app: App, service: OrganisationsService) {
  app.get(
    '/api/v1/organisations',
    {
      schema: {
        tags,
        summary: 'List the organisations the caller may see (CSV/XLSX with ?format=csv|xlsx)',
        querystring: OrganisationListQuery,
        response: { 200: OrganisationPage },
      },
    },
    async (req, reply) => {
      const result = await service.list(authOf(req), req.query);
      const format = exportFormat(req.query.format, req.headers.accept);
      if (format === 'csv') {
        return sendCsv(reply, 'organisationen.csv', CSV_COLUMNS, result.items);
      }
      if (format === 'xlsx') {
        return sendXlsx(reply, 'organisationen.xlsx', CSV_COLUMNS, result.items, 'Organisationen');
      }
      return result;
    },
  );

  app.post(
    '/api/v1/organisations',
    {
      schema: {
        tags,
        summary: 'Create a member organisation under a parent',
        body: OrganisationCreateRequest,
        response: { 201: OrganisationResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(authOf(req), req.body)),
  );

  app.get(
    '/api/v1/organisations/:id',
    { schema: { tags, summary: 'One organisation', params: OrganisationIdParams, response: { 200: OrganisationResponse } } },
    async (req) => service.get(authOf(req), req.params.id),
  );

  app.get(
    '/api/v1/organisations/:id/children',
    {
      schema: {
        tags,
        summary: 'Direct children of an organisation',
        params: OrganisationIdParams,
        querystring: OrganisationListQuery,
        response: { 200: OrganisationPage },
      },
    },
    async (req) => service.children(authOf(req), req.params.id, req.query),
  );

  app.patch(
    '/api/v1/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Change an organisation',
        params: OrganisationIdParams,
        body: OrganisationUpdateRequest,
        response: { 200: OrganisationResponse },
      },
    },
    async (req) => service.update(authOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/organisations/:id',
    { schema: { tags, summary: 'Delete a member organisation without children', params: OrganisationIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.remove(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
