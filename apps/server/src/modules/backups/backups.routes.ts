import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import { exportFormat, sendCsv, sendXlsx, type ExportColumn } from '../../platform/http/export.js';
import { pageResponse } from '../../platform/http/pagination.js';
import { consumeUpload, contentDisposition, multipartValidator, oneFile, sendStoredFile } from '../../platform/http/files.js';
import type { App } from '../../platform/http/types.js';
import {
  IdParams,
  JobCreateRequest,
  JobListQuery,
  JobResponse,
  JobUpdateRequest,
  OverviewQuery,
  OverviewResponse,
  PlanItemCreateRequest,
  PlanQuery,
  PlanResponse,
  ReportParams,
  ReportQuery,
  RestoreTestCreateRequest,
  RestoreTestListQuery,
  RestoreTestListResponse,
  RestoreTestResponse,
  RunImportQuery,
  RunIngestRequest,
  RunIngestResponse,
  RunListQuery,
  RunResponse,
} from './backups.dto.js';
import type { EvidenceService } from './evidence.service.js';
import type { IngestService } from './ingest.service.js';
import type { JobsService } from './jobs.service.js';
import type { ReportService } from './report.service.js';
import type { RestoreService } from './restore.service.js';

const tags = ['backups'];
/** A CSV of runs may be larger than a JSON request (100,000 runs ≈ 12 MB). */
const CSV_LIMIT = 16 * 1024 * 1024;

const jobColumns: ExportColumn<z.infer<typeof JobResponse>>[] = [
  { header: 'Mitglied', value: (j) => j.orgName },
  { header: 'Auftrag', value: (j) => j.name },
  {
    header: 'Gegenstand',
    value: (j) => (j.asset ? `${j.asset.inventoryNumber ?? ''} ${j.asset.name}`.trim() : (j.service?.name ?? '')),
  },
  { header: 'Zeitplan', value: (j) => j.schedule },
  { header: 'Ziel', value: (j) => j.primarySite.name },
  { header: 'Kopie', value: (j) => j.copySite?.name ?? '' },
  { header: 'Aufbewahrung (Tage)', value: (j) => j.retentionDays },
  { header: 'RPO (h)', value: (j) => j.rpoHours },
  { header: 'Letzter Lauf', value: (j) => j.lastRunAt ?? '' },
  { header: 'Status letzter Lauf', value: (j) => j.lastRunStatus ?? '' },
  { header: 'Letzte Sicherung', value: (j) => j.lastSuccessAt ?? '' },
  { header: 'RPO-Status', value: (j) => j.rpo.state },
];
const runColumns: ExportColumn<z.infer<typeof RunResponse>>[] = [
  { header: 'jobId', value: (r) => r.jobId },
  { header: 'job', value: (r) => r.jobName },
  { header: 'status', value: (r) => r.status },
  { header: 'startedAt', value: (r) => r.startedAt },
  { header: 'endedAt', value: (r) => r.endedAt ?? '' },
  { header: 'bytes', value: (r) => r.bytes ?? '' },
  { header: 'message', value: (r) => r.message ?? '' },
];

export interface BackupServices {
  jobs: JobsService;
  ingest: IngestService;
  evidence: EvidenceService;
  restore: RestoreService;
  report: ReportService;
}

export async function backupsRoutes(app: App, s: BackupServices, maxUploadBytes: number) {
  app.get(
    '/api/v1/backup-jobs',
    {
      schema: {
        tags,
        summary: 'Backup jobs with last run and RPO state (CSV/XLSX with ?format=)',
        querystring: JobListQuery,
        response: { 200: pageResponse(JobResponse) },
      },
    },
    async (req, reply) => {
      const list = await s.jobs.list(authOf(req), req.query);
      const format = exportFormat(req.query.format, req.headers.accept);
      if (format === 'csv') {
        return sendCsv(reply, 'sicherungsauftraege.csv', jobColumns, list.items);
      }
      if (format === 'xlsx') {
        return sendXlsx(reply, 'sicherungsauftraege.xlsx', jobColumns, list.items, 'Sicherungsaufträge');
      }
      return list;
    },
  );
  app.post(
    '/api/v1/backup-jobs',
    {
      schema: {
        tags,
        summary: 'Create a backup job for a member (asset or catalogue service)',
        body: JobCreateRequest,
        response: { 201: JobResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await s.jobs.create(authOf(req), req.body)),
  );
  app.post(
    '/api/v1/backup-jobs/rpo-check',
    {
      schema: {
        tags,
        summary: 'Check RPOs now: every newly violated job opens (or updates) its one ticket',
        response: { 200: z.object({ violated: z.number().int() }) },
      },
    },
    async (req) => s.ingest.checkRpo(s.ingest.providersOf(authOf(req))),
  );
  app.get(
    '/api/v1/backup-jobs/:id',
    { schema: { tags, summary: 'One backup job', params: IdParams, response: { 200: JobResponse } } },
    async (req) => s.jobs.get(authOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/backup-jobs/:id',
    {
      schema: {
        tags,
        summary: 'Change a backup job (e.g. link it to an asset)',
        params: IdParams,
        body: JobUpdateRequest,
        response: { 200: JobResponse },
      },
    },
    async (req) => s.jobs.update(authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/backup-jobs/:id',
    { schema: { tags, summary: 'Delete a backup job with its runs', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await s.jobs.remove(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/backup-runs',
    {
      schema: {
        tags,
        summary:
          'Report backup runs (API token with backup.ingest): one run or {"runs": [...]} (≤ 1,000); idempotent on (job, start)',
        body: RunIngestRequest,
        response: { 200: RunIngestResponse },
      },
    },
    async (req) => s.ingest.ingest(authOf(req), req.body),
  );
  app.get(
    '/api/v1/backup-runs',
    {
      schema: {
        tags,
        summary: 'Backup runs, newest first (CSV with ?format=csv)',
        querystring: RunListQuery,
        response: { 200: pageResponse(RunResponse) },
      },
    },
    async (req, reply) => {
      const list = await s.evidence.runs(authOf(req), req.query);
      if (exportFormat(req.query.format, req.headers.accept) === 'csv') {
        return sendCsv(reply, 'sicherungslaeufe.csv', runColumns, list.items);
      }
      return list;
    },
  );
  await app.register(async (scope: App) => {
    scope.addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'string', bodyLimit: CSV_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.post(
      '/api/v1/backup-runs/import',
      {
        bodyLimit: CSV_LIMIT,
        schema: {
          tags,
          summary:
            'Import runs from CSV (text/csv; columns jobId;status;startedAt;endedAt;bytes;message). Any error refuses the whole file; ?dryRun=true only checks',
          querystring: RunImportQuery,
          consumes: ['text/csv'],
          body: z.string().min(1),
          response: { 200: RunIngestResponse.extend({ dryRun: z.boolean() }) },
        },
      },
      async (req) => s.ingest.importCsv(authOf(req), req.body, req.query.dryRun === 'true'),
    );
  });

  app.get(
    '/api/v1/backups/overview',
    {
      schema: {
        tags,
        summary: 'Dashboard: jobs, failures, RPO violations, timeline per day, per member',
        querystring: OverviewQuery,
        response: { 200: OverviewResponse },
      },
    },
    async (req) => s.evidence.overview(authOf(req), req.query),
  );

  app.get(
    '/api/v1/restore-tests',
    {
      schema: {
        tags,
        summary: 'Restore tests, newest first',
        querystring: RestoreTestListQuery,
        response: { 200: RestoreTestListResponse },
      },
    },
    async (req) => s.restore.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/restore-tests',
    {
      schema: {
        tags,
        summary: 'Record a restore test',
        body: RestoreTestCreateRequest,
        response: { 201: RestoreTestResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await s.restore.create(authOf(req), req.body)),
  );
  app.get(
    '/api/v1/restore-tests/:id',
    { schema: { tags, summary: 'One restore test', params: IdParams, response: { 200: RestoreTestResponse } } },
    async (req) => s.restore.get(authOf(req), req.params.id),
  );
  app.delete(
    '/api/v1/restore-tests/:id',
    {
      schema: {
        tags,
        summary: 'Delete a restore test and its evidence',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await s.restore.remove(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/restore-tests/:id/evidence',
    { schema: { tags, summary: 'Download the evidence PDF', params: IdParams } },
    async (req, reply) => {
      const f = await s.restore.openEvidence(authOf(req), req.params.id);
      return sendStoredFile(reply, { contentType: 'application/pdf', name: f.name, sha256: f.sha256, stream: f.stream });
    },
  );
  await app.register(async (scope: App) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: maxUploadBytes + 1, files: 1, fields: 0, parts: 1 } });
    scope.post(
      '/api/v1/restore-tests/:id/evidence',
      {
        validatorCompiler: multipartValidator,
        schema: {
          tags,
          summary: 'Attach the evidence PDF (multipart/form-data, part `file`); replaces an earlier one',
          params: IdParams,
          consumes: ['multipart/form-data'],
          body: z.object({ file: z.string().meta({ format: 'binary' }) }),
          response: { 200: RestoreTestResponse },
        },
      },
      async (req) => {
        const file = await oneFile(req);
        return consumeUpload(file, maxUploadBytes, () => s.restore.attachEvidence(authOf(req), req.params.id, file.filename, file.file));
      },
    );
  });

  app.get(
    '/api/v1/restore-test-plans',
    {
      schema: {
        tags,
        summary: 'A member’s restore-test plan for a year: planned vs done',
        querystring: PlanQuery,
        response: { 200: PlanResponse },
      },
    },
    async (req) => s.restore.plan(authOf(req), req.query.orgId, req.query.year),
  );
  app.post(
    '/api/v1/restore-test-plans',
    {
      schema: {
        tags,
        summary: 'Plan a restore test (month, what, optional job)',
        body: PlanItemCreateRequest,
        response: { 201: PlanResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await s.restore.addPlanItem(authOf(req), req.body)),
  );
  app.delete(
    '/api/v1/restore-test-plans/:id',
    {
      schema: {
        tags,
        summary: 'Remove a plan item (409 once a test fulfils it)',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await s.restore.removePlanItem(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/members/:id/backup-report',
    {
      schema: {
        tags,
        summary: '"Nachweis Datensicherung" of a member for a year (PDF)',
        params: ReportParams,
        querystring: ReportQuery,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const { filename, body } = await s.report.pdf(authOf(req), req.params.id, req.query.year);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(filename))
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );
}
