import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import { exportFormat, sendCsv, sendXlsx, type ExportColumn } from '../../platform/http/export.js';
import type { App } from '../../platform/http/types.js';
import type { PlacementsService } from './placements.service.js';
import {
  DataCentreListResponse,
  DataCentrePartnerCreateRequest,
  FailoverResponse,
  IdParams,
  PartnerParams,
  PlacementCreateRequest,
  PlacementListQuery,
  PlacementListResponse,
  PlacementResponse,
  PlacementUpdateRequest,
  RoomCreateRequest,
  RoomParams,
  RoomResponse,
  RoomUpdateRequest,
  SiteCreateRequest,
  SiteDetailResponse,
  SiteListQuery,
  SiteListResponse,
  SiteUpdateRequest,
  type SiteResponse,
} from './sites.dto.js';
import type { SitesService } from './sites.service.js';

const tags = ['sites'];

const columns: ExportColumn<SiteResponse>[] = [
  { header: 'Organisation', value: (s) => s.orgName },
  { header: 'Art', value: (s) => s.kind },
  { header: 'Name', value: (s) => s.name },
  { header: 'Straße', value: (s) => s.street },
  { header: 'PLZ', value: (s) => s.postalCode },
  { header: 'Ort', value: (s) => s.city },
  { header: 'Partner', value: (s) => s.partnerProviderName },
  { header: 'Räume', value: (s) => s.roomCount },
];

export function sitesRoutes(app: App, sites: SitesService, placements: PlacementsService) {
  app.get(
    '/api/v1/sites',
    {
      schema: {
        tags,
        summary: 'Sites of the caller’s members and provider (CSV/XLSX with ?format=)',
        querystring: SiteListQuery,
        response: { 200: SiteListResponse },
      },
    },
    async (req, reply) => {
      const list = await sites.list(authOf(req), req.query);
      const format = exportFormat(req.query.format, req.headers.accept);
      if (format === 'csv') {
        return sendCsv(reply, 'standorte.csv', columns, list.items);
      }
      if (format === 'xlsx') {
        return sendXlsx(reply, 'standorte.xlsx', columns, list.items, 'Standorte');
      }
      return list;
    },
  );
  app.post(
    '/api/v1/sites',
    {
      schema: {
        tags,
        summary: 'Create a site (data centres only on the provider)',
        body: SiteCreateRequest,
        response: { 201: SiteDetailResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await sites.create(authOf(req), req.body)),
  );
  app.get(
    '/api/v1/sites/data-centres',
    {
      schema: {
        tags,
        summary: 'The provider’s data centres with their partner sites',
        response: { 200: DataCentreListResponse },
      },
    },
    async (req) => sites.dataCentres(authOf(req)),
  );
  app.get(
    '/api/v1/sites/failover',
    {
      schema: {
        tags,
        summary: 'What fails over where: placements by primary site, and replicas partners keep here',
        response: { 200: FailoverResponse },
      },
    },
    async (req) => placements.failover(authOf(req)),
  );
  app.get(
    '/api/v1/sites/placements',
    {
      schema: {
        tags,
        summary: 'Service placements: primary site and replica',
        querystring: PlacementListQuery,
        response: { 200: PlacementListResponse },
      },
    },
    async (req) => placements.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/sites/placements',
    {
      schema: {
        tags,
        summary: 'Place a service: primary data centre and replica site',
        body: PlacementCreateRequest,
        response: { 201: PlacementResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await placements.create(authOf(req), req.body)),
  );
  app.get(
    '/api/v1/sites/placements/:id',
    { schema: { tags, summary: 'One service placement', params: IdParams, response: { 200: PlacementResponse } } },
    async (req) => placements.get(authOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/sites/placements/:id',
    {
      schema: {
        tags,
        summary: 'Change a service placement',
        params: IdParams,
        body: PlacementUpdateRequest,
        response: { 200: PlacementResponse },
      },
    },
    async (req) => placements.update(authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/sites/placements/:id',
    { schema: { tags, summary: 'Remove a service placement', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await placements.remove(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/sites/:id',
    { schema: { tags, summary: 'A site with its rooms', params: IdParams, response: { 200: SiteDetailResponse } } },
    async (req) => sites.get(authOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/sites/:id',
    {
      schema: {
        tags,
        summary: 'Change a site',
        params: IdParams,
        body: SiteUpdateRequest,
        response: { 200: SiteDetailResponse },
      },
    },
    async (req) => sites.update(authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/sites/:id',
    {
      schema: {
        tags,
        summary: 'Delete a site (409 while assets, backup jobs or placements refer to it)',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await sites.remove(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/sites/:id/rooms',
    {
      schema: {
        tags,
        summary: 'Add a room to a site',
        params: IdParams,
        body: RoomCreateRequest,
        response: { 201: RoomResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await sites.addRoom(authOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/v1/sites/:id/rooms/:roomId',
    {
      schema: {
        tags,
        summary: 'Change a room',
        params: RoomParams,
        body: RoomUpdateRequest,
        response: { 200: RoomResponse },
      },
    },
    async (req) => sites.updateRoom(authOf(req), req.params.id, req.params.roomId, req.body),
  );
  app.delete(
    '/api/v1/sites/:id/rooms/:roomId',
    { schema: { tags, summary: 'Remove a room', params: RoomParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await sites.removeRoom(authOf(req), req.params.id, req.params.roomId);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/sites/:id/partners',
    {
      schema: {
        tags,
        summary: 'Link a partner data centre to one of the provider’s data centres',
        params: IdParams,
        body: DataCentrePartnerCreateRequest,
        response: { 201: DataCentreListResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await sites.addDcPartner(authOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/sites/:id/partners/:linkId',
    { schema: { tags, summary: 'Unlink a partner data centre', params: PartnerParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await sites.removeDcPartner(authOf(req), req.params.id, req.params.linkId);
      return reply.code(204).send(null);
    },
  );
}
