import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import type { App } from '../../platform/http/types.js';
import {
  CategoryList,
  CategoryRequest,
  CategoryResponse,
  CategoryUpdateRequest,
  DeskSettings,
  DeskSettingsRequest,
  ProfileIdParams,
  ProviderQuery,
  SavedFilterList,
  SavedFilterRequest,
  SavedFilterResponse,
  SlaProfileList,
  SlaProfileRequest,
  SlaProfileResponse,
  SlaReport,
  SlaReportQuery,
} from './desk-config.dto.js';
import type { DeskConfigService } from './desk-config.service.js';
import type { SlaReportService } from './sla-report.js';

const tags = ['service desk configuration'];

export function deskConfigRoutes(app: App, service: DeskConfigService, reports: SlaReportService) {
  app.get(
    '/api/v1/sla-profiles',
    { schema: { tags, summary: 'SLA profiles of the provider (members read their provider’s targets)', querystring: ProviderQuery, response: { 200: SlaProfileList } } },
    async (req) => service.listProfiles(authOf(req), req.query.provider),
  );
  app.post(
    '/api/v1/sla-profiles',
    { schema: { tags, summary: 'Create an SLA profile (sla.manage)', querystring: ProviderQuery, body: SlaProfileRequest, response: { 201: SlaProfileResponse } } },
    async (req, reply) => reply.code(201).send(await service.createProfile(authOf(req), req.body, req.query.provider)),
  );
  app.put(
    '/api/v1/sla-profiles/:id',
    { schema: { tags, summary: 'Replace an SLA profile (sla.manage); open tickets keep their due dates', params: ProfileIdParams, body: SlaProfileRequest, response: { 200: SlaProfileResponse } } },
    async (req) => service.updateProfile(authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/sla-profiles/:id',
    { schema: { tags, summary: 'Delete an SLA profile (sla.manage)', params: ProfileIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteProfile(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/ticket-categories',
    { schema: { tags, summary: 'The provider’s category tree (flat, with paths)', querystring: ProviderQuery, response: { 200: CategoryList } } },
    async (req) => service.listCategories(authOf(req), req.query.provider),
  );
  app.post(
    '/api/v1/ticket-categories',
    { schema: { tags, summary: 'Add a category (sla.manage)', querystring: ProviderQuery, body: CategoryRequest, response: { 201: CategoryResponse } } },
    async (req, reply) => reply.code(201).send(await service.createCategory(authOf(req), req.body, req.query.provider)),
  );
  app.patch(
    '/api/v1/ticket-categories/:id',
    { schema: { tags, summary: 'Rename or move a category (sla.manage)', params: ProfileIdParams, body: CategoryUpdateRequest, response: { 200: CategoryResponse } } },
    async (req) => service.updateCategory(authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/ticket-categories/:id',
    { schema: { tags, summary: 'Delete a category and its sub-categories (sla.manage)', params: ProfileIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteCategory(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/ticket-settings',
    { schema: { tags, summary: 'Priority matrix (impact × urgency), auto-close delay and agent groups', querystring: ProviderQuery, response: { 200: DeskSettings } } },
    async (req) => service.settings(authOf(req), req.query.provider),
  );
  app.put(
    '/api/v1/ticket-settings',
    { schema: { tags, summary: 'Change the priority matrix, auto-close delay or groups (sla.manage)', querystring: ProviderQuery, body: DeskSettingsRequest, response: { 200: DeskSettings } } },
    async (req) => service.updateSettings(authOf(req), req.body, req.query.provider),
  );

  app.get(
    '/api/v1/ticket-filters',
    { schema: { tags, summary: 'The caller’s saved queue filters', response: { 200: SavedFilterList } } },
    async (req) => service.listFilters(authOf(req)),
  );
  app.post(
    '/api/v1/ticket-filters',
    { schema: { tags, summary: 'Save a queue filter (same name replaces it)', body: SavedFilterRequest, response: { 201: SavedFilterResponse } } },
    async (req, reply) => reply.code(201).send(await service.saveFilter(authOf(req), req.body)),
  );
  app.delete(
    '/api/v1/ticket-filters/:id',
    { schema: { tags, summary: 'Delete a saved filter', params: ProfileIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteFilter(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/reports/sla',
    {
      schema: {
        tags,
        summary: 'SLA report of one month (Europe/Berlin) for a member, or for all members of the provider: % met per priority, median business times',
        querystring: SlaReportQuery,
        response: { 200: SlaReport },
      },
    },
    async (req) => reports.report(authOf(req), req.query),
  );
}
