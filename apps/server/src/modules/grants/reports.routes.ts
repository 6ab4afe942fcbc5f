import type { FastifyReply } from 'fastify';
import { authOf } from '../../platform/auth/auth.plugin.js';
import { contentDisposition } from '../../platform/http/files.js';
import type { App } from '../../platform/http/types.js';
import { IdParams } from './grants.dto.js';
import type { GrantServices } from './grants.routes.js';
import {
  AssetLockInResponse,
  FundedAssetListResponse,
  ProofQuery,
  ProofResponse,
  ReferenceCostsPutRequest,
  ReferenceCostsResponse,
  SavingsQuery,
  SavingsResponse,
} from './reports.dto.js';

const tags = ['grants'];
const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A rendered document instead of the route's JSON (the reply is untyped here, as in platform/http/export). */
function sendDocument(reply: FastifyReply, type: string, filename: string, body: Buffer) {
  return reply
    .header('content-type', type)
    .header('content-disposition', contentDisposition(filename))
    .header('cache-control', 'private, no-store')
    .send(body);
}

/** `?format=` first, then `Accept`: PDF or XLSX; JSON otherwise. */
function proofFormat(format: string | undefined, accept: string | undefined): 'pdf' | 'xlsx' | 'json' {
  if (format) {
    return format as 'pdf' | 'xlsx' | 'json';
  }
  const a = accept ?? '';
  return a.startsWith(PDF) ? 'pdf' : a.startsWith(XLSX) ? 'xlsx' : 'json';
}

/** Proof of use (JSON, PDF, XLSX), funded assets and lock-ins, and the savings report. */
export function reportsRoutes(app: App, s: GrantServices) {
  app.get(
    '/api/v1/grants/:id/proof-of-use',
    {
      schema: {
        tags,
        summary: 'Proof of use (Verwendungsnachweis): JSON, or PDF / XLSX by Accept (or ?format=)',
        params: IdParams,
        querystring: ProofQuery,
        produces: ['application/json', PDF, XLSX],
        response: { 200: ProofResponse },
      },
    },
    async (req, reply) => {
      const format = proofFormat(req.query.format, req.headers.accept);
      if (format === 'json') {
        return s.proof.model(authOf(req), req.params.id);
      }
      const f =
        format === 'pdf'
          ? await s.proof.pdf(authOf(req), req.params.id)
          : await s.proof.xlsx(authOf(req), req.params.id);
      return sendDocument(reply, format === 'pdf' ? PDF : XLSX, f.filename, f.body);
    },
  );
  app.get(
    '/api/v1/grants/:id/assets',
    {
      schema: {
        tags,
        summary: 'Funded assets with their lock-in end; a disposal before it is flagged',
        params: IdParams,
        response: { 200: FundedAssetListResponse },
      },
    },
    async (req) => s.proof.fundedAssets(authOf(req), req.params.id),
  );

  app.get(
    '/api/v1/assets/:id/lock-ins',
    {
      schema: {
        tags,
        summary:
          'Grants that funded this asset and the end of its lock-in (Zweckbindung); a disposal before it is flagged',
        params: IdParams,
        response: { 200: AssetLockInResponse },
      },
    },
    async (req) => s.proof.assetLockIns(authOf(req), req.params.id),
  );

  app.get(
    '/api/v1/reports/savings',
    {
      schema: {
        tags,
        summary: 'Savings report: per member the allocated cost versus running alone',
        querystring: SavingsQuery,
        response: { 200: SavingsResponse },
      },
    },
    async (req) => s.savings.report(authOf(req), req.query),
  );
  app.put(
    '/api/v1/reports/savings/reference-costs',
    {
      schema: {
        tags,
        summary: 'Reference costs of running alone (per workstation, server, backup job, base per member)',
        body: ReferenceCostsPutRequest,
        response: { 200: ReferenceCostsResponse },
      },
    },
    async (req) => s.savings.putReferenceCosts(authOf(req), req.body),
  );
}
