import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import type { Db } from '../../platform/db/client.js';
import { sendCsv, wantsCsv, type ExportColumn } from '../../platform/http/export.js';
import { pageResponse } from '../../platform/http/pagination.js';
import type { App } from '../../platform/http/types.js';
import {
  IdParams,
  ImportQuery,
  ImportRequest,
  ImportResponse,
  PriceListCopyRequest,
  PriceListCreateRequest,
  PriceListDetailResponse,
  PriceListListQuery,
  PriceListResponse,
  PriceListUpdateRequest,
  PriceParams,
  PricePutRequest,
  PriceResponse,
  QuantityParams,
  QuantityPutRequest,
  ServiceCreateRequest,
  ServiceListQuery,
  ServiceResponse,
  ServiceUpdateRequest,
  SubscriptionCreateRequest,
  SubscriptionDetailResponse,
  SubscriptionListQuery,
  SubscriptionResponse,
  SubscriptionUpdateRequest,
  UnitCodesResponse,
} from './catalog.dto.js';
import { PriceListsService } from './price-lists.service.js';
import { ServicesService } from './services.service.js';
import { SubscriptionsService } from './subscriptions.service.js';
import { COMMON_UNIT_CODES, REC20_CODES } from './unit-codes.js';

const SERVICE_CSV: ExportColumn<ServiceResponse>[] = [
  { header: 'code', value: (s) => s.code },
  { header: 'name', value: (s) => s.nameDe },
  { header: 'category', value: (s) => s.category },
  { header: 'charge_unit', value: (s) => s.chargeUnit },
  { header: 'unit_code', value: (s) => s.unitCode },
  { header: 'vat_treatment', value: (s) => s.vatTreatment },
  { header: 'status', value: (s) => s.status },
];

const SUBSCRIPTION_CSV: ExportColumn<SubscriptionResponse>[] = [
  { header: 'member_id', value: (s) => s.memberId },
  { header: 'mitglied', value: (s) => s.memberName },
  { header: 'leistung', value: (s) => s.serviceCode },
  { header: 'bezeichnung', value: (s) => s.serviceName },
  { header: 'gueltig_ab', value: (s) => s.validFrom },
  { header: 'gueltig_bis', value: (s) => s.validTo },
  { header: 'menge', value: (s) => s.quantity },
  { header: 'stichtag', value: (s) => s.quantityDate },
];

export function catalogRoutes(app: App, db: Db) {
  const svc = new ServicesService(db);
  const lists = new PriceListsService(db);
  const subs = new SubscriptionsService(db);

  // ---- services --------------------------------------------------------------------------------
  let tags = ['catalog'];
  app.get(
    '/api/v1/services',
    { schema: { tags, summary: 'Services of the catalogues the caller may read, by code (CSV with ?format=csv)', querystring: ServiceListQuery, response: { 200: pageResponse(ServiceResponse) } } },
    async (req, reply) => {
      const result = await svc.list(authOf(req), req.query);
      return wantsCsv(req.query.format, req.headers.accept) ? sendCsv(reply, 'leistungen.csv', SERVICE_CSV, result.items) : result;
    },
  );
  app.post(
    '/api/v1/services',
    { schema: { tags, summary: 'Add a service to a provider’s catalogue', body: ServiceCreateRequest, response: { 201: ServiceResponse } } },
    async (req, reply) => reply.code(201).send(await svc.create(authOf(req), req.body)),
  );
  app.get(
    '/api/v1/services/:id',
    { schema: { tags, summary: 'One service', params: IdParams, response: { 200: ServiceResponse } } },
    async (req) => svc.get(authOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/services/:id',
    { schema: { tags, summary: 'Change a service (status retired: no new subscriptions, not copied to next year’s list)', params: IdParams, body: ServiceUpdateRequest, response: { 200: ServiceResponse } } },
    async (req) => svc.update(authOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/unit-codes',
    { schema: { tags, summary: 'Common UN/ECE Rec 20 unit codes with labels (any code of EN 16931 BR-CL-23 is accepted)', response: { 200: UnitCodesResponse } } },
    async (req) => {
      authOf(req);
      return { common: [...COMMON_UNIT_CODES], allowedCount: REC20_CODES.size };
    },
  );

  // ---- price lists -------------------------------------------------------------------------------
  tags = ['price-lists'];
  app.get(
    '/api/v1/price-lists',
    { schema: { tags, summary: 'Price lists, newest year first (members see published lists only)', querystring: PriceListListQuery, response: { 200: z.object({ items: z.array(PriceListResponse) }) } } },
    async (req) => lists.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/price-lists',
    { schema: { tags, summary: 'Create an empty price list for a year (one per provider and year)', body: PriceListCreateRequest, response: { 201: PriceListResponse } } },
    async (req, reply) => reply.code(201).send(await lists.create(authOf(req), req.body)),
  );
  app.get(
    '/api/v1/price-lists/:id',
    { schema: { tags, summary: 'A price list with every price and its tiers', params: IdParams, response: { 200: PriceListDetailResponse } } },
    async (req) => lists.get(authOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/price-lists/:id',
    { schema: { tags, summary: 'Rename, annotate, publish or unpublish a list (409 when frozen)', params: IdParams, body: PriceListUpdateRequest, response: { 200: PriceListResponse } } },
    async (req) => lists.update(authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/price-lists/:id',
    { schema: { tags, summary: 'Delete a list that no invoice used (409 when frozen)', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await lists.remove(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/price-lists/:id/copy',
    { schema: { tags, summary: 'Copy a list to another year (default the next) for editing; 409 if that year has a list', params: IdParams, body: PriceListCopyRequest, response: { 201: PriceListDetailResponse } } },
    async (req, reply) => reply.code(201).send(await lists.copy(authOf(req), req.params.id, req.body ?? {})),
  );
  app.put(
    '/api/v1/price-lists/:id/prices/:serviceId',
    { schema: { tags, summary: 'Set the price of a service with its volume tiers (replaces the tiers; 409 when frozen)', params: PriceParams, body: PricePutRequest, response: { 200: PriceResponse } } },
    async (req) => lists.putPrice(authOf(req), req.params.id, req.params.serviceId, req.body),
  );
  app.delete(
    '/api/v1/price-lists/:id/prices/:serviceId',
    { schema: { tags, summary: 'Remove a service’s price from a list (409 when frozen)', params: PriceParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await lists.removePrice(authOf(req), req.params.id, req.params.serviceId);
      return reply.code(204).send(null);
    },
  );

  // ---- subscriptions -----------------------------------------------------------------------------
  tags = ['subscriptions'];
  app.get(
    '/api/v1/subscriptions',
    {
      schema: {
        tags,
        summary: 'Subscriptions the caller may read, by member and service; quantity as of activeOn (default today, Europe/Berlin); CSV with ?format=csv',
        querystring: SubscriptionListQuery,
        response: { 200: pageResponse(SubscriptionResponse) },
      },
    },
    async (req, reply) => {
      const result = await subs.list(authOf(req), req.query);
      return wantsCsv(req.query.format, req.headers.accept) ? sendCsv(reply, 'abonnements.csv', SUBSCRIPTION_CSV, result.items) : result;
    },
  );
  app.post(
    '/api/v1/subscriptions',
    { schema: { tags, summary: 'Subscribe a member to a service with a starting quantity (409 if it overlaps another)', body: SubscriptionCreateRequest, response: { 201: SubscriptionDetailResponse } } },
    async (req, reply) => reply.code(201).send(await subs.create(authOf(req), req.body)),
  );
  app.post(
    '/api/v1/subscriptions/import',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Bulk edit from CSV/XLSX (columns member_id|ags|mitglied, leistung, menge, gueltig_ab, optional gueltig_bis). ?dryRun=true previews every row; otherwise all rows or none (422 with per-row errors)',
        querystring: ImportQuery,
        body: ImportRequest,
        response: { 200: ImportResponse },
      },
    },
    async (req) => subs.import(authOf(req), req.body, req.query.dryRun),
  );
  app.get(
    '/api/v1/subscriptions/:id',
    { schema: { tags, summary: 'One subscription with its quantity history', params: IdParams, response: { 200: SubscriptionDetailResponse } } },
    async (req) => subs.get(authOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/subscriptions/:id',
    { schema: { tags, summary: 'End (validTo) or annotate a subscription', params: IdParams, body: SubscriptionUpdateRequest, response: { 200: SubscriptionDetailResponse } } },
    async (req) => subs.update(authOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/v1/subscriptions/:id/quantities/:date',
    { schema: { tags, summary: 'Set the quantity from this date on (history kept)', params: QuantityParams, body: QuantityPutRequest, response: { 200: SubscriptionDetailResponse } } },
    async (req) => subs.putQuantity(authOf(req), req.params.id, req.params.date, req.body),
  );
  app.delete(
    '/api/v1/subscriptions/:id/quantities/:date',
    { schema: { tags, summary: 'Remove a later quantity change', params: QuantityParams, response: { 200: SubscriptionDetailResponse } } },
    async (req) => subs.removeQuantity(authOf(req), req.params.id, req.params.date),
  );
}
