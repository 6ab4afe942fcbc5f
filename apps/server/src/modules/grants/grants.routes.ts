import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import { exportFormat, sendCsv, sendXlsx, type ExportColumn } from '../../platform/http/export.js';
import { consumeUpload, multipartValidator, oneFile, sendStoredFile } from '../../platform/http/files.js';
import type { App } from '../../platform/http/types.js';
import type { DrawdownsService } from './drawdowns.service.js';
import {
  BeneficiariesPutRequest,
  DrawdownComputationResponse,
  DrawdownCreateRequest,
  DrawdownListResponse,
  DrawdownParams,
  DrawdownPreviewQuery,
  DrawdownResponse,
  DrawdownStatusRequest,
  ExpenseCreateRequest,
  ExpenseListResponse,
  ExpenseParams,
  ExpenseResponse,
  GrantCreateRequest,
  GrantListQuery,
  GrantListResponse,
  GrantResponse,
  type GrantSummary,
  GrantUpdateRequest,
  IdParams,
  LineParams,
  PlanLineCreateRequest,
  PlanLineUpdateRequest,
  PlanResponse,
  ProgrammeCreateRequest,
  ProgrammeListResponse,
  ProgrammeResponse,
} from './grants.dto.js';
import type { GrantsService } from './grants.service.js';
import type { PlanExpensesService } from './plan-expenses.service.js';
import type { ProofService } from './proof.service.js';
import { reportsRoutes } from './reports.routes.js';
import type { SavingsService } from './savings.service.js';

const tags = ['grants'];
const PDF = 'application/pdf';

/**
 * The grant list for the Kämmerei's spreadsheet: amounts as decimal strings in euros (exact, as
 * the API gives them), dates as ISO days. A member's rows hold only its own share.
 */
const GRANT_COLUMNS: ExportColumn<GrantSummary>[] = [
  { header: 'title', value: (g) => g.title },
  { header: 'programme', value: (g) => g.programmeName },
  { header: 'authority', value: (g) => g.authority },
  { header: 'file_reference', value: (g) => g.fileReference },
  { header: 'notice_date', value: (g) => g.noticeDate },
  { header: 'funding_type', value: (g) => g.fundingType },
  { header: 'rate_percent', value: (g) => g.ratePercent },
  { header: 'amount_eur', value: (g) => g.amount },
  { header: 'eligible_cost_eur', value: (g) => g.eligibleCost },
  { header: 'own_share_eur', value: (g) => g.ownShare },
  { header: 'spent_eur', value: (g) => g.spent },
  { header: 'drawn_eur', value: (g) => g.drawn },
  { header: 'received_eur', value: (g) => g.received },
  { header: 'period_start', value: (g) => g.periodStart },
  { header: 'period_end', value: (g) => g.periodEnd },
  { header: 'interim_proof_due', value: (g) => g.interimProofDue },
  { header: 'final_proof_due', value: (g) => g.finalProofDue },
  // Whether the row is the whole grant (the provider) or one beneficiary's share of it.
  { header: 'scope', value: (g) => (g.full ? 'grant' : 'member_share') },
];

export interface GrantServices {
  grants: GrantsService;
  plan: PlanExpensesService;
  drawdowns: DrawdownsService;
  proof: ProofService;
  savings: SavingsService;
}

export async function grantsRoutes(app: App, s: GrantServices, maxUploadBytes: number) {
  app.get(
    '/api/v1/grant-programmes',
    {
      schema: {
        tags,
        summary: 'Funding programmes of the provider',
        querystring: z.strictObject({ providerId: z.uuid().optional() }),
        response: { 200: ProgrammeListResponse },
      },
    },
    async (req) => s.grants.listProgrammes(authOf(req), req.query.providerId),
  );
  app.post(
    '/api/v1/grant-programmes',
    {
      schema: {
        tags,
        summary: 'Create a funding programme',
        body: ProgrammeCreateRequest,
        response: { 201: ProgrammeResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await s.grants.createProgramme(authOf(req), req.body)),
  );

  app.get(
    '/api/v1/grants',
    {
      schema: {
        tags,
        summary: 'Grants: the provider sees all of its grants; a member those passed on to it, with only its share; CSV/XLSX with ?format=',
        querystring: GrantListQuery,
        response: { 200: GrantListResponse },
      },
    },
    async (req, reply) => {
      const result = await s.grants.list(authOf(req), req.query);
      const format = exportFormat(req.query.format, req.headers.accept);
      if (format === 'csv') {
        return sendCsv(reply, 'foerdermittel.csv', GRANT_COLUMNS, result.items);
      }
      if (format === 'xlsx') {
        return sendXlsx(reply, 'foerdermittel.xlsx', GRANT_COLUMNS, result.items, 'Fördermittel');
      }
      return result;
    },
  );
  app.post(
    '/api/v1/grants',
    {
      schema: {
        tags,
        summary: 'Record a grant (Zuwendungsbescheid) with its beneficiary members',
        body: GrantCreateRequest,
        response: { 201: GrantResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await s.grants.create(authOf(req), req.body)),
  );
  app.get(
    '/api/v1/grants/:id',
    {
      schema: {
        tags,
        summary: 'One grant with beneficiaries, totals and warnings',
        params: IdParams,
        response: { 200: GrantResponse },
      },
    },
    async (req) => s.grants.get(authOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/grants/:id',
    {
      schema: {
        tags,
        summary: 'Change a grant (notice data, deadlines, Sachbericht)',
        params: IdParams,
        body: GrantUpdateRequest,
        response: { 200: GrantResponse },
      },
    },
    async (req) => s.grants.update(authOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/v1/grants/:id/beneficiaries',
    {
      schema: {
        tags,
        summary: 'Replace the beneficiary members and their shares',
        params: IdParams,
        body: BeneficiariesPutRequest,
        response: { 200: GrantResponse },
      },
    },
    async (req) => s.grants.putBeneficiaries(authOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/grants/:id/plan-lines',
    {
      schema: {
        tags,
        summary: 'Financing plan: lines with budget, actual and the deviation check',
        params: IdParams,
        response: { 200: PlanResponse },
      },
    },
    async (req) => s.plan.plan(authOf(req), req.params.id),
  );
  app.post(
    '/api/v1/grants/:id/plan-lines',
    {
      schema: {
        tags,
        summary: 'Add a plan line',
        params: IdParams,
        body: PlanLineCreateRequest,
        response: { 201: PlanResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await s.plan.addLine(authOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/v1/grants/:id/plan-lines/:lineId',
    {
      schema: {
        tags,
        summary: 'Change a plan line (budget, deviation limit)',
        params: LineParams,
        body: PlanLineUpdateRequest,
        response: { 200: PlanResponse },
      },
    },
    async (req) => s.plan.updateLine(authOf(req), req.params.id, req.params.lineId, req.body),
  );
  app.delete(
    '/api/v1/grants/:id/plan-lines/:lineId',
    {
      schema: {
        tags,
        summary: 'Remove a plan line without expenses (409 otherwise)',
        params: LineParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await s.plan.removeLine(authOf(req), req.params.id, req.params.lineId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/grants/:id/expenses',
    {
      schema: {
        tags,
        summary: 'Expenses booked on the plan (a member: its own)',
        params: IdParams,
        response: { 200: ExpenseListResponse },
      },
    },
    async (req) => s.plan.listExpenses(authOf(req), req.params.id),
  );
  app.post(
    '/api/v1/grants/:id/expenses',
    {
      schema: {
        tags,
        summary: 'Book an expense on a plan line',
        params: IdParams,
        body: ExpenseCreateRequest,
        response: { 201: ExpenseResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await s.plan.addExpense(authOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/grants/:id/expenses/:expenseId',
    {
      schema: {
        tags,
        summary: 'Delete an expense not yet drawn down (409 otherwise)',
        params: ExpenseParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await s.plan.removeExpense(authOf(req), req.params.id, req.params.expenseId);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/grants/:id/expenses/:expenseId/receipt',
    { schema: { tags, summary: 'Download the receipt (PDF)', params: ExpenseParams, produces: [PDF] } },
    async (req, reply) => {
      const f = await s.plan.openReceipt(authOf(req), req.params.id, req.params.expenseId);
      return sendStoredFile(reply, { contentType: PDF, name: f.name, sha256: f.sha256, stream: f.stream });
    },
  );
  await app.register(async (scope: App) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: maxUploadBytes + 1, files: 1, fields: 0, parts: 1 } });
    scope.post(
      '/api/v1/grants/:id/expenses/:expenseId/receipt',
      {
        validatorCompiler: multipartValidator,
        schema: {
          tags,
          summary: 'Attach the receipt (multipart/form-data, part `file`, PDF); replaces an earlier one',
          params: ExpenseParams,
          consumes: ['multipart/form-data'],
          body: z.object({ file: z.string().meta({ format: 'binary' }) }),
          response: { 200: ExpenseResponse },
        },
      },
      async (req) => {
        const file = await oneFile(req);
        return consumeUpload(file, maxUploadBytes, () => s.plan.attachReceipt(authOf(req), req.params.id, req.params.expenseId, file.filename, file.file));
      },
    );
  });

  app.get(
    '/api/v1/grants/:id/drawdowns',
    {
      schema: {
        tags,
        summary: 'Drawdowns (a member: its own)',
        params: IdParams,
        response: { 200: DrawdownListResponse },
      },
    },
    async (req) => s.drawdowns.list(authOf(req), req.params.id),
  );
  app.get(
    '/api/v1/grants/:id/drawdowns/preview',
    {
      schema: {
        tags,
        summary:
          'What a drawdown may claim now: payments due within two months, pro rata with the own share, and warnings',
        params: IdParams,
        querystring: DrawdownPreviewQuery,
        response: { 200: DrawdownComputationResponse },
      },
    },
    async (req) => s.drawdowns.preview(authOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/grants/:id/drawdowns',
    {
      schema: {
        tags,
        summary: 'Request a drawdown; the due, unclaimed expenses are linked to it',
        params: IdParams,
        body: DrawdownCreateRequest,
        response: { 201: z.object({ drawdown: DrawdownResponse, computation: DrawdownComputationResponse }) },
      },
    },
    async (req, reply) => reply.code(201).send(await s.drawdowns.create(authOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/grants/:id/drawdowns/:drawdownId/status',
    {
      schema: {
        tags,
        summary: 'Approve or mark received (409 for any other step); received money can reduce a cost pool',
        params: DrawdownParams,
        body: DrawdownStatusRequest,
        response: { 200: DrawdownResponse },
      },
    },
    async (req) => s.drawdowns.setStatus(authOf(req), req.params.id, req.params.drawdownId, req.body),
  );
  reportsRoutes(app, s);
}
