import { authOf } from '../../platform/auth/auth.plugin.js';
import { exportFormat, sendCsv, sendXlsx, type ExportColumn } from '../../platform/http/export.js';
import { pageResponse } from '../../platform/http/pagination.js';
import type { App } from '../../platform/http/types.js';
import {
  AgreementCreateRequest,
  AgreementIdParams,
  AgreementListQuery,
  AgreementResponse,
  AgreementTransitionRequest,
  AgreementUpdateRequest,
  OrgIdParams,
} from './agreements.dto.js';
import type { AgreementsService } from './agreements.service.js';

const tags = ['agreements'];
const AgreementPage = pageResponse(AgreementResponse);

const CSV_COLUMNS: ExportColumn<AgreementResponse>[] = [
  { header: 'id', value: (a) => a.id },
  { header: 'organisation', value: (a) => a.orgName },
  { header: 'kind', value: (a) => a.kind },
  { header: 'status', value: (a) => a.status },
  { header: 'title', value: (a) => a.title },
  { header: 'reference', value: (a) => a.reference },
  { header: 'intent_declared_at', value: (a) => a.intentDeclaredAt },
  { header: 'signed_at', value: (a) => a.signedAt },
  { header: 'active_since', value: (a) => a.activeSince },
  { header: 'effective_end', value: (a) => a.effectiveEnd },
  { header: 'allocation_key', value: (a) => a.allocationKey },
  { header: 'vat_treatment', value: (a) => a.vat.treatment },
  { header: 'share_count', value: (a) => a.shares?.count },
  { header: 'share_paid_cents', value: (a) => a.shares?.paidCents },
];

export function agreementsRoutes(app: App, service: AgreementsService) {
  app.get(
    '/api/v1/agreements',
    {
      schema: {
        tags,
        summary: 'Agreements across every organisation the caller may read, newest first; filters status, kind, q (CSV/XLSX with ?format=csv|xlsx)',
        querystring: AgreementListQuery,
        response: { 200: AgreementPage },
      },
    },
    async (req, reply) => {
      const result = await service.list(authOf(req), req.query);
      const format = exportFormat(req.query.format, req.headers.accept);
      if (format === 'csv') {
        return sendCsv(reply, 'vereinbarungen.csv', CSV_COLUMNS, result.items);
      }
      if (format === 'xlsx') {
        return sendXlsx(reply, 'vereinbarungen.xlsx', CSV_COLUMNS, result.items, 'Vereinbarungen');
      }
      return result;
    },
  );

  app.get(
    '/api/v1/organisations/:id/agreements',
    {
      schema: { tags, summary: 'Agreements of one organisation', params: OrgIdParams, querystring: AgreementListQuery, response: { 200: AgreementPage } },
    },
    async (req, reply) => {
      const result = await service.listOfOrg(authOf(req), req.params.id, req.query);
      const format = exportFormat(req.query.format, req.headers.accept);
      if (format === 'csv') {
        return sendCsv(reply, 'vereinbarungen.csv', CSV_COLUMNS, result.items);
      }
      if (format === 'xlsx') {
        return sendXlsx(reply, 'vereinbarungen.xlsx', CSV_COLUMNS, result.items, 'Vereinbarungen');
      }
      return result;
    },
  );

  app.post(
    '/api/v1/organisations/:id/agreements',
    {
      schema: {
        tags,
        summary: 'Record a member’s intent to join (a new agreement in status intent)',
        params: OrgIdParams,
        body: AgreementCreateRequest,
        response: { 201: AgreementResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(authOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/agreements/:aid',
    { schema: { tags, summary: 'One agreement', params: AgreementIdParams, response: { 200: AgreementResponse } } },
    async (req) => service.get(authOf(req), req.params.aid),
  );

  app.patch(
    '/api/v1/agreements/:aid',
    {
      schema: {
        tags,
        summary: 'Change the terms of an agreement (status changes go through /transitions)',
        params: AgreementIdParams,
        body: AgreementUpdateRequest,
        response: { 200: AgreementResponse },
      },
    },
    async (req) => service.update(authOf(req), req.params.aid, req.body),
  );

  app.post(
    '/api/v1/agreements/:aid/transitions',
    {
      schema: {
        tags,
        summary: 'Move an agreement to its next status; 409 with `allowed` when the step is not possible from here',
        params: AgreementIdParams,
        body: AgreementTransitionRequest,
        response: { 200: AgreementResponse },
      },
    },
    async (req) => service.transition(authOf(req), req.params.aid, req.body),
  );
}
