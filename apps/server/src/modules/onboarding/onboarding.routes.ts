import { authOf } from '../../platform/auth/auth.plugin.js';
import type { App } from '../../platform/http/types.js';
import { pageResponse } from '../../platform/http/pagination.js';
import {
  OnboardingListQuery,
  OnboardingSummary,
  OnboardingResponse,
  OnboardingStartRequest,
  OrgIdParams,
  TaskParams,
  TaskUpdateRequest,
  TemplateQuery,
  TemplateResponse,
  TemplateUpdateRequest,
} from './onboarding.dto.js';
import type { OnboardingService } from './onboarding.service.js';

const tags = ['onboarding'];

export function onboardingRoutes(app: App, service: OnboardingService) {
  app.get(
    '/api/v1/onboarding/template',
    { schema: { tags, summary: 'The provider’s onboarding checklist (its default until saved)', querystring: TemplateQuery, response: { 200: TemplateResponse } } },
    async (req) => service.getTemplate(authOf(req), req.query.providerId),
  );

  app.put(
    '/api/v1/onboarding/template',
    {
      schema: {
        tags,
        summary: 'Replace the provider’s onboarding checklist (new onboardings get a copy)',
        querystring: TemplateQuery,
        body: TemplateUpdateRequest,
        response: { 200: TemplateResponse },
      },
    },
    async (req) => service.putTemplate(authOf(req), req.body, req.query.providerId),
  );

  app.get(
    '/api/v1/onboardings',
    {
      schema: { tags, summary: 'Onboardings across the caller’s organisations with progress (running by default)', querystring: OnboardingListQuery, response: { 200: pageResponse(OnboardingSummary) } },
    },
    async (req) => service.list(authOf(req), req.query),
  );

  app.get(
    '/api/v1/organisations/:id/onboarding',
    { schema: { tags, summary: 'The member’s onboarding with its tasks and progress', params: OrgIdParams, response: { 200: OnboardingResponse } } },
    async (req) => service.get(authOf(req), req.params.id),
  );

  app.post(
    '/api/v1/organisations/:id/onboarding',
    {
      schema: {
        tags,
        summary: 'Start an onboarding from the provider’s checklist (409 while one is running)',
        params: OrgIdParams,
        body: OnboardingStartRequest,
        response: { 201: OnboardingResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await service.start(authOf(req), req.params.id, req.body.startedAt)),
  );

  app.patch(
    '/api/v1/organisations/:id/onboarding/tasks/:tid',
    {
      schema: { tags, summary: 'Change a task: status, owner, due date, notes', params: TaskParams, body: TaskUpdateRequest, response: { 200: OnboardingResponse } },
    },
    async (req) => service.updateTask(authOf(req), req.params.id, req.params.tid, req.body),
  );
}
