import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import type { App } from '../../platform/http/types.js';
import {
  BillingSettingsPutRequest,
  BillingSettingsResponse,
  BudgetMappingList,
  BudgetMappingPutRequest,
  BudgetMappingResponse,
  CostPlanCreateRequest,
  CostPlanList,
  CostPlanListQuery,
  CostPlanResponse,
  CostPlanUpdateRequest,
  CostPoolCreateRequest,
  CostPoolUpdateRequest,
  IdParams,
  PoolParams,
  PreviewQuery,
  PreviewResponse,
  ProviderQuery,
} from './billing.dto.js';
import type { CostPlansService } from './cost-plans.service.js';
import type { SettingsService } from './settings.service.js';

const tags = ['billing'];

/** Seller settings, budget mappings and cost plans (provider finance). */
export function billingRoutes(app: App, settings: SettingsService, plans: CostPlansService) {
  app.get(
    '/api/v1/billing-settings',
    { schema: { tags, summary: 'Seller data and payment terms of the provider (404 until entered)', querystring: ProviderQuery, response: { 200: BillingSettingsResponse } } },
    async (req) => settings.get(authOf(req), req.query.providerId),
  );
  app.put(
    '/api/v1/billing-settings',
    { schema: { tags, summary: 'Enter or replace the seller data (BG-4 of every invoice)', querystring: ProviderQuery, body: BillingSettingsPutRequest, response: { 200: BillingSettingsResponse } } },
    async (req) => settings.put(authOf(req), req.body, req.query.providerId),
  );
  app.get(
    '/api/v1/budget-mappings',
    { schema: { tags, summary: 'Every member with its budget mapping (Doppik or Kameralistik)', querystring: ProviderQuery, response: { 200: BudgetMappingList } } },
    async (req) => settings.mappings(authOf(req), req.query.providerId),
  );
  app.put(
    '/api/v1/budget-mappings/:id',
    { schema: { tags, summary: 'Set the budget mapping of a member', params: IdParams, body: BudgetMappingPutRequest, response: { 200: BudgetMappingResponse } } },
    async (req) => settings.putMapping(authOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/cost-plans',
    { schema: { tags, summary: 'Cost plans of the provider, newest year first', querystring: CostPlanListQuery, response: { 200: CostPlanList } } },
    async (req) => plans.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/cost-plans',
    { schema: { tags, summary: 'Start the cost plan of a year (one per year)', querystring: ProviderQuery, body: CostPlanCreateRequest, response: { 201: CostPlanResponse } } },
    async (req, reply) => reply.code(201).send(await plans.create(authOf(req), req.body, req.query.providerId)),
  );
  app.get(
    '/api/v1/cost-plans/:id',
    { schema: { tags, summary: 'One cost plan with its pools', params: IdParams, response: { 200: CostPlanResponse } } },
    async (req) => plans.get(authOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/cost-plans/:id',
    { schema: { tags, summary: 'Change title or notes of a cost plan', params: IdParams, body: CostPlanUpdateRequest, response: { 200: CostPlanResponse } } },
    async (req) => plans.update(authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/cost-plans/:id/pools',
    { schema: { tags, summary: 'Add a cost pool with its amount (cents) and allocation key', params: IdParams, body: CostPoolCreateRequest, response: { 201: CostPlanResponse } } },
    async (req, reply) => reply.code(201).send(await plans.addPool(authOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/v1/cost-plans/:id/pools/:poolId',
    { schema: { tags, summary: 'Change a cost pool (planned or actual amount, key, …)', params: PoolParams, body: CostPoolUpdateRequest, response: { 200: CostPlanResponse } } },
    async (req) => plans.updatePool(authOf(req), req.params.id, req.params.poolId, req.body),
  );
  app.delete(
    '/api/v1/cost-plans/:id/pools/:poolId',
    { schema: { tags, summary: 'Remove a cost pool', params: PoolParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await plans.deletePool(authOf(req), req.params.id, req.params.poolId);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/cost-plans/:id/preview',
    {
      schema: {
        tags,
        summary: 'Allocation preview: every member’s amount per pool with key value, share and days; sums to each pool to the cent',
        params: IdParams,
        querystring: PreviewQuery,
        response: { 200: PreviewResponse },
      },
    },
    async (req) => plans.preview(authOf(req), req.params.id, req.query),
  );
}
