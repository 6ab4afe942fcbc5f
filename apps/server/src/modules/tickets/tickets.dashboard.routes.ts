import { authOf } from '../../platform/auth/auth.plugin.js';
import type { App } from '../../platform/http/types.js';
import { DashboardQuery, DashboardResponse, type TicketsDashboardService } from './tickets.dashboard.js';

export function ticketsDashboardRoutes(app: App, service: TicketsDashboardService) {
  app.get(
    '/api/v1/service-desk/dashboard',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Service desk dashboard: open tickets by priority and member, SLA at risk, created vs solved per week (provider staff)',
        querystring: DashboardQuery,
        response: { 200: DashboardResponse },
      },
    },
    async (req) => service.dashboard(authOf(req), req.query),
  );
}
