import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { v7 as uuidv7 } from 'uuid';
import { apiTokenRoutes, ApiTokensService } from './platform/auth/api-tokens.js';
import { authPlugin } from './platform/auth/auth.plugin.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { AuthService } from './platform/auth/auth.service.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import type { Database } from './platform/db/client.js';
import { healthRoutes } from './platform/http/health.js';
import { documentProblems, problemHandler, registerProblemHandler } from './platform/http/problem.js';
import type { App } from './platform/http/types.js';
import { registerMetrics } from './platform/metrics/metrics.js';
import { serializerCompiler } from './platform/http/serializer.js';
import { OrganisationsService, organisationsRoutes } from './modules/organisations/index.js';
import { UsersService, usersRoutes } from './modules/users/index.js';
import { ReferenceService, referenceRoutes } from './modules/reference/index.js';
import { ContactsService, contactsRoutes, FromDirectoryService, LeitwegService, MembersService, membersRoutes } from './modules/members/index.js';
import { AgreementsService, agreementsRoutes, DocumentsService, documentsRoutes } from './modules/agreements/index.js';
import { OnboardingService, onboardingRoutes } from './modules/onboarding/index.js';
import { PartnersService, partnersRoutes } from './modules/partners/index.js';
import { catalogRoutes } from './modules/catalog/index.js';
import { AssetsService, assetsRoutes, ImportService, InventoryService, RelationsService } from './modules/assets/index.js';
import { KnowledgeService, knowledgeRoutes } from './modules/knowledge/index.js';
import { MailService, mailRoutes, registerMailNotifications } from './modules/mail/index.js';
import { BillingRunsService, billingRoutes, CostPlansService, InvoicesService, invoicesRoutes, RunExportsService, runsRoutes, SettingsService } from './modules/billing/index.js';
import { DrawdownsService, grantLockInWarnings, grantPoolReductions, GrantsService, grantsRoutes, PlanExpensesService, ProofService, SavingsService } from './modules/grants/index.js';
import { LocalFileStore, type FileStore } from './platform/files/index.js';
import { PlacementsService, SitesService, sitesRoutes } from './modules/sites/index.js';
import { backupsRoutes, EvidenceService, IngestService, JobsService, ReportService, RestoreService } from './modules/backups/index.js';
import { DeskConfigService, deskConfigRoutes, SlaReportService, TicketExtrasService, TicketsService, ticketsRoutes } from './modules/tickets/index.js';
// The dashboard files live in the tickets folder but are not part of its index (see tickets.dashboard.ts).
import { TicketsDashboardService } from './modules/tickets/tickets.dashboard.js';
import { ticketsDashboardRoutes } from './modules/tickets/tickets.dashboard.routes.js';

export interface AppOptions {
  database: Database;
  /** Where uploaded files go; default a local directory under the system temp dir (tests, OpenAPI). */
  files?: FileStore;
  /** Largest accepted upload (MAX_UPLOAD_MB); default 20 MB. */
  maxUploadBytes?: number;
  sessionSecret: string;
  secureCookies?: boolean;
  logLevel?: string;
  /** Built web app to serve at /, when present. */
  webDist?: string;
  publicUrl?: string;
  trustProxy?: boolean | number | string;
  /** Whether outgoing mail is configured (the outbox page says so); the sender runs in `serve`. */
  smtpConfigured?: boolean;
}

/** Request bodies above this are refused with 413; no endpoint needs more. */
export const BODY_LIMIT = 1024 * 1024;

/** Builds the HTTP app: plugins, then each module's routes. Used by `serve` and by the tests. */
export async function buildApp(opts: AppOptions): Promise<App> {
  const logger: FastifyServerOptions['logger'] =
    opts.logLevel === 'silent' ? false : { level: opts.logLevel ?? 'info', redact: ['req.headers.cookie', 'req.headers.authorization'] };
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT,
    genReqId: () => uuidv7(),
    requestIdHeader: false,
    // A hop count becomes Fastify's function form (trust the nearest n proxies).
    trustProxy: typeof opts.trustProxy === 'number' ? (_addr: string, hop: number) => hop < (opts.trustProxy as number) : (opts.trustProxy ?? false),
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors: problemHandler,
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only: a text/plain body is 415 like any other non-JSON type, not a string for the schema
  // to reject; it is also what a cross-site "simple" request would send.
  app.removeContentTypeParser('text/plain');

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webDist = opts.webDist && existsSync(path.join(opts.webDist, 'index.html')) ? path.resolve(opts.webDist) : undefined;
  // Client-side routes of the web app fall back to its index.html (see registerProblemHandler).
  registerProblemHandler(app, { spaFallback: webDist ? (_req, reply) => reply.type('text/html').sendFile('index.html') : undefined });
  documentProblems(app);
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Verbund API', version: '0.1.0', description: 'API of Verbund, the platform for inter-municipal IT service providers.' },
      servers: opts.publicUrl ? [{ url: opts.publicUrl }] : [],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'verbund_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const { db } = opts.database;
  const auth = new AuthService(db, opts.sessionSecret);
  await app.register(fastifyCookie);
  await app.register(authPlugin, { auth });
  registerMetrics(app, opts.database);

  healthRoutes(app, opts.database);
  authRoutes(app, { auth, db, secureCookies: opts.secureCookies ?? false });
  const onboarding = new OnboardingService(db);
  const agreements = new AgreementsService(db, (tx, auth, e) => onboarding.startForAgreement(tx, auth, e));
  organisationsRoutes(app, new OrganisationsService(db, (tx, auth, f) => agreements.orgIdsMatching(tx, auth, f)));
  const usersService = new UsersService(db);
  usersRoutes(app, usersService);
  apiTokenRoutes(app, new ApiTokensService(db));
  auditRoutes(app, db);
  referenceRoutes(app, new ReferenceService(db));
  membersRoutes(app, new MembersService(db), new FromDirectoryService(db));
  contactsRoutes(app, new ContactsService(db, usersService), new LeitwegService(db));
  agreementsRoutes(app, agreements);
  onboardingRoutes(app, onboarding);
  const maxUploadBytes = opts.maxUploadBytes ?? 20 * 1024 * 1024;
  const files = opts.files ?? new LocalFileStore(path.join(tmpdir(), 'verbund-files'));
  await documentsRoutes(app, new DocumentsService(db, files, maxUploadBytes), maxUploadBytes);
  partnersRoutes(app, new PartnersService(db));
  catalogRoutes(app, db);
  // Retiring or disposing an asset during a grant's lock-in answers with a warning (the grants hook of assets).
  assetsRoutes(app, { assets: new AssetsService(db, grantLockInWarnings), relations: new RelationsService(db), inventory: new InventoryService(db, opts.publicUrl), imports: new ImportService(db) });
  knowledgeRoutes(app, new KnowledgeService(db));
  sitesRoutes(app, new SitesService(db), new PlacementsService(db));
  const backupJobs = new JobsService(db);
  await backupsRoutes(
    app,
    { jobs: backupJobs, ingest: new IngestService(db), evidence: new EvidenceService(db, backupJobs), restore: new RestoreService(db, files, maxUploadBytes), report: new ReportService(db, backupJobs) },
    maxUploadBytes,
  );
  // Ticket events write their notification mails into the outbox, in the ticket's transaction.
  registerMailNotifications({ publicUrl: opts.publicUrl ?? 'http://localhost:3000' });
  mailRoutes(app, new MailService(db, files, opts.smtpConfigured ?? false));
  // Drawdowns received for a cost pool reduce it before allocation (the grants hook of billing).
  const costPlans = new CostPlansService(db, grantPoolReductions);
  billingRoutes(app, new SettingsService(db), costPlans);
  runsRoutes(app, new BillingRunsService(db, { grants: grantPoolReductions, log: (msg, err) => app.log.error({ err }, msg) }), new RunExportsService(db));
  await grantsRoutes(
    app,
    {
      grants: new GrantsService(db),
      plan: new PlanExpensesService(db, files, maxUploadBytes),
      drawdowns: new DrawdownsService(db),
      proof: new ProofService(db),
      savings: new SavingsService(db, costPlans),
    },
    maxUploadBytes,
  );
  invoicesRoutes(app, new InvoicesService(db));
  const ticketsService = new TicketsService(db);
  await ticketsRoutes(app, ticketsService, new TicketExtrasService(db, ticketsService, files, maxUploadBytes));
  const deskConfig = new DeskConfigService(db);
  deskConfigRoutes(app, deskConfig, new SlaReportService(db, deskConfig));
  ticketsDashboardRoutes(app, new TicketsDashboardService(db));

  if (webDist) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
  }
  return app;
}
