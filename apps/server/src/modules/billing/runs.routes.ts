import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import { sendCsv, sendXlsx } from '../../platform/http/export.js';
import { contentDisposition } from '../../platform/http/files.js';
import { pageResponse } from '../../platform/http/pagination.js';
import type { App } from '../../platform/http/types.js';
import {
  BillingRunCreateRequest,
  BillingRunList,
  BillingRunListQuery,
  BillingRunResponse,
  ExportQuery,
  IdParams,
  InvoiceListItem,
  InvoiceListQuery,
  InvoiceResponse,
  ProviderQuery,
  XmlQuery,
} from './billing.dto.js';
import type { BillingRunsService } from './billing-runs.service.js';
import type { InvoicesService } from './invoices.service.js';
import { BUDGET_COLUMNS, type RunExportsService } from './run-exports.js';


export function runsRoutes(app: App, runs: BillingRunsService, exports: RunExportsService) {
  const tags = ['billing'];
  app.get(
    '/api/v1/billing-runs',
    { schema: { tags, summary: 'Billing runs of the provider, newest first', querystring: BillingRunListQuery, response: { 200: BillingRunList } } },
    async (req) => runs.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/billing-runs',
    {
      schema: {
        tags,
        summary: 'Create a run (advance, settlement or usage) and compute its draft invoices',
        querystring: ProviderQuery,
        body: BillingRunCreateRequest,
        response: { 201: BillingRunResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await runs.create(authOf(req), req.body, req.query.providerId)),
  );
  app.get(
    '/api/v1/billing-runs/:id',
    { schema: { tags, summary: 'One run with its totals, missing Leitweg-IDs and progress (poll while issuing)', params: IdParams, response: { 200: BillingRunResponse } } },
    async (req) => runs.get(authOf(req), req.params.id),
  );
  app.delete(
    '/api/v1/billing-runs/:id',
    { schema: { tags, summary: 'Delete a draft run', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await runs.remove(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/billing-runs/:id/recompute',
    { schema: { tags, summary: 'Compute the draft invoices again (drafts only)', params: IdParams, response: { 200: BillingRunResponse } } },
    async (req) => runs.recompute(authOf(req), req.params.id),
  );
  app.post(
    '/api/v1/billing-runs/:id/issue',
    {
      schema: {
        tags,
        summary:
          'Issue the run: gapless numbers, validated XRechnung, all in one transaction; answers 202 at once (poll the run). 422 lists members without a Leitweg-ID.',
        params: IdParams,
        response: { 202: BillingRunResponse },
      },
    },
    async (req, reply) => reply.code(202).send(await runs.startIssue(authOf(req), req.params.id)),
  );
  app.get(
    '/api/v1/billing-runs/:id/zip',
    { schema: { tags, summary: 'ZIP of every XRechnung (UBL) and PDF of an issued run', params: IdParams } },
    async (req, reply) => {
      const z = await exports.zip(authOf(req), req.params.id);
      return reply.type('application/zip').header('content-disposition', contentDisposition(z.filename)).header('cache-control', 'private, no-store').send(z.content);
    },
  );
  app.get(
    '/api/v1/billing-runs/:id/budget-export',
    { schema: { tags, summary: 'Hand-over for the members’ budget systems, one row per invoice line with the budget mapping (?format=csv|xlsx)', params: IdParams, querystring: ExportQuery } },
    async (req, reply) => {
      const { filename, rows } = await exports.budgetRows(authOf(req), req.params.id);
      return req.query.format === 'xlsx' ? sendXlsx(reply, `${filename}.xlsx`, BUDGET_COLUMNS, rows, 'Haushalt') : sendCsv(reply, `${filename}.csv`, BUDGET_COLUMNS, rows);
    },
  );
}

export function invoicesRoutes(app: App, invoices: InvoicesService) {
  const tags = ['invoices'];
  app.get(
    '/api/v1/invoices',
    {
      schema: {
        tags,
        summary: 'Invoices and credit notes: members see their issued ones, provider finance also drafts',
        querystring: InvoiceListQuery,
        response: { 200: pageResponse(InvoiceListItem) },
      },
    },
    async (req) => invoices.list(authOf(req), req.query),
  );
  app.get(
    '/api/v1/invoices/:id',
    { schema: { tags, summary: 'One invoice with lines, explanation and document hashes', params: IdParams, response: { 200: InvoiceResponse } } },
    async (req) => invoices.get(authOf(req), req.params.id),
  );
  app.get(
    '/api/v1/invoices/:id/xrechnung',
    { schema: { tags, summary: 'The XRechnung 3.0 (UBL; ?syntax=cii for CII), validated', params: IdParams, querystring: XmlQuery } },
    async (req, reply) => {
      const d = await invoices.document(authOf(req), req.params.id, req.query.syntax);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', contentDisposition(d.filename))
        .header('etag', `"${d.sha256}"`)
        .header('cache-control', 'private, no-store')
        .send(d.content);
    },
  );
  app.get(
    '/api/v1/invoices/:id/pdf',
    { schema: { tags, summary: 'The human-readable PDF copy', params: IdParams } },
    async (req, reply) => {
      const d = await invoices.document(authOf(req), req.params.id, 'pdf');
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(d.filename))
        .header('etag', `"${d.sha256}"`)
        .header('cache-control', 'private, no-store')
        .send(d.content);
    },
  );
  app.get(
    '/api/v1/invoices/:id/view',
    { schema: { tags, summary: 'The XRechnung rendered as an HTML page (for the invoice view)', params: IdParams, querystring: z.strictObject({ lang: z.enum(['de', 'en']).default('de') }) } },
    async (req, reply) => {
      const html = await invoices.view(authOf(req), req.params.id, req.query.lang);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'")
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(html);
    },
  );
}
