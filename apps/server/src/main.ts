#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Role } from '@verbund/shared';
import { Command, InvalidArgumentError } from 'commander';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DatabaseLockedError, type Database } from './platform/db/client.js';
import { runMigrations } from './platform/db/migrate.js';
import { LocalFileStore } from './platform/files/index.js';
import { openDatabase, resolveSessionSecret } from './platform/db/open.js';
import { createUserCli } from './seed/users-cli.js';
import { isEmpty, printLogins, seedDemo } from './seed/demo.js';
import { SCENARIO_NAMES, seedScenarios, type ScenarioName } from './seed/scenarios/index.js';
import { DirectoryFormatError, ensureDirectory, formatReport, importDirectory, readDirectory } from './modules/reference/index.js';
import { syncPopulationFromDirectory } from './modules/members/index.js';
import { deliverDue, registerMailNotifications, startMailIn, startSender, smtpTransport } from './modules/mail/index.js';
import { withSystem } from './platform/db/tenant.js';
import { sql } from 'drizzle-orm';
import { autoClose as autoCloseTickets, slaCheck as slaCheckTickets } from './modules/tickets/index.js';
import { IngestService as BackupIngest } from './modules/backups/index.js';
import { runJobOnce, startScheduler } from './platform/jobs/index.js';
import { backgroundJobs } from './jobs.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function config(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

async function withDatabase<T>(cfg: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  let database: Database;
  try {
    database = await openDatabase(cfg);
  } catch (e) {
    if (e instanceof DatabaseLockedError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** The shipped Gemeindeverzeichnis, loaded once into an empty database. */
async function loadReferenceData(database: Database): Promise<void> {
  const report = await ensureDirectory(database.db);
  if (report) {
    console.log(formatReport(report));
  }
}

/** The provider whose review queue gets mails of unknown senders; exits 2 when it is not clear. */
async function mailInProvider(database: Database, wanted: string | undefined): Promise<string> {
  const providers = await withSystem(database.db, (tx) => tx.execute<{ id: string }>(sql`select id from organisations where kind = 'provider' order by created_at`));
  const ids = providers.rows.map((r) => r.id);
  if (wanted && !ids.includes(wanted)) {
    console.error(`mail-in: no provider with id ${wanted}`);
    process.exit(2);
  }
  if (!wanted && ids.length !== 1) {
    console.error(`There are ${ids.length} providers; name the one for mails of unknown senders (--provider <id> or MAIL_IN_PROVIDER).`);
    process.exit(2);
  }
  return wanted ?? ids[0]!;
}

const logFiled = (r: { status: string; ticketNumber: string | null; from: string }) =>
  console.log(`${new Date().toISOString()} ${r.from}: ${r.status}${r.ticketNumber ? ` ${r.ticketNumber}` : ''}`);

const program = new Command('verbund').description('Verbund: IT platform for inter-municipal IT service providers');
// Every command that changes tickets (serve, mail-in, tickets sla-check/auto-close, seed) writes
// the notification mails of those changes into the outbox, whoever runs it.
program.hook('preAction', () => {
  registerMailNotifications({ publicUrl: config().publicUrl });
});

program
  .command('serve')
  .description('migrate, seed the demo on a fresh embedded database, and serve web + API')
  .action(async () => {
    const cfg = config();
    const database = await openDatabase(cfg).catch((e: unknown) => {
      if (e instanceof DatabaseLockedError) {
        console.error(e.message);
        process.exit(2);
      }
      throw e;
    });
    await runMigrations(database);
    await loadReferenceData(database);
    // Only the embedded database gets demo data by itself; PostgreSQL only via `verbund seed`.
    if (database.kind === 'pglite' && (await isEmpty(database.db))) {
      // The small demo tree plus the four provider scenarios (about 6 s on a laptop).
      printLogins([...(await seedDemo(database.db)), ...(await seedScenarios(database.db, ['all'], { files: new LocalFileStore(cfg.filesDir) }))]);
    }
    const app = await buildApp({
      database,
      sessionSecret: resolveSessionSecret(cfg),
      secureCookies: cfg.secureCookies,
      logLevel: cfg.logLevel,
      publicUrl: cfg.publicUrl,
      trustProxy: cfg.trustProxy,
      webDist: cfg.webDist ?? path.resolve(here, '../../web/dist'),
      files: new LocalFileStore(cfg.filesDir),
      maxUploadBytes: cfg.maxUploadBytes,
      smtpConfigured: cfg.smtp !== undefined,
    });
    // Without SMTP the notification mails stay in the outbox (admins read them in the web app).
    const stopSender = cfg.smtp
      ? startSender(database.db, smtpTransport(cfg.smtp), { from: cfg.mailFrom, onError: (e) => app.log.error(e, 'mail sender') })
      : undefined;
    // RPO check, SLA warnings, auto-close and pruning run here; a lease keeps them to one process.
    const stopJobs = startScheduler(database.db, backgroundJobs(database.db), {
      onError: (job, e) => app.log.error(e, `job ${job}`),
    });
    // With MAIL_IN_PORT, serve receives mail itself (PGlite belongs to one process).
    const mailIn = cfg.mailIn
      ? await startMailIn(database.db, new LocalFileStore(cfg.filesDir), {
          port: cfg.mailIn.port,
          host: cfg.mailIn.host,
          defaultProviderId: await mailInProvider(database, cfg.mailIn.providerId),
          maxMessageBytes: cfg.maxUploadBytes + 5 * 1024 * 1024,
          onFiled: logFiled,
          onError: (e) => app.log.error(e, 'mail-in'),
        })
      : undefined;
    const close = async () => {
      await stopJobs();
      await mailIn?.close();
      await stopSender?.();
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void close());
    process.once('SIGTERM', () => void close());
    await app.listen({ port: cfg.port, host: cfg.host });
    console.log(`Verbund läuft auf ${process.env.PUBLIC_URL ? cfg.publicUrl : `http://localhost:${cfg.port}`} (${database.kind === 'pglite' ? `eingebettete Datenbank in ${cfg.dataDir}` : 'PostgreSQL'})`);
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    await withDatabase(config(), async (db) => {
      await runMigrations(db);
      await loadReferenceData(db);
      console.log('Migrations applied.');
    });
  });

program
  .command('seed')
  .description('load the demo (refuses a database that has organisations), or with --scenario a provider scenario (kept when already loaded)')
  .option('--scenario <name>', `one of ${[...SCENARIO_NAMES, 'all'].join(', ')}`, (v) => {
    if (v !== 'all' && !(SCENARIO_NAMES as string[]).includes(v)) {
      throw new InvalidArgumentError(`one of ${[...SCENARIO_NAMES, 'all'].join(', ')}`);
    }
    return v as ScenarioName | 'all';
  })
  .action(async (o: { scenario?: ScenarioName | 'all' }) => {
    const cfg = config();
    await withDatabase(cfg, async (db) => {
      await runMigrations(db);
      await loadReferenceData(db);
      if (o.scenario) {
        const logins = await seedScenarios(db.db, [o.scenario], { files: new LocalFileStore(cfg.filesDir) });
        if (logins.length === 0) {
          console.log(`Scenario ${o.scenario} is loaded already.`);
        } else {
          printLogins(logins);
        }
        return;
      }
      if (!(await isEmpty(db.db))) {
        console.error('The database has organisations already; the demo is only loaded into an empty one.');
        process.exit(1);
      }
      printLogins(await seedDemo(db.db));
    });
  });

const importCmd = program.command('import').description('load official reference data');
importCmd
  .command('gemeindeverzeichnis [dir]')
  .description('load or update the Destatis Gemeindeverzeichnis from its CSV files (default: the shipped edition); idempotent, reports new/changed/removed; then gives members the population of its reference date')
  .option('--population-date <date>', 'reference date of the population figures (default: dataset.json beside the CSVs, else 31.12. of the year before the Gebietsstand)', (v) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      throw new InvalidArgumentError('YYYY-MM-DD');
    }
    return v;
  })
  .action(async (dir: string | undefined, o: { populationDate?: string }) => {
    await withDatabase(config(), async (db) => {
      await runMigrations(db);
      try {
        const data = readDirectory(dir ? path.resolve(dir) : undefined);
        if (o.populationDate) {
          data.populationDate = o.populationDate;
        }
        console.log(formatReport(await importDirectory(db.db, data)));
        const p = await syncPopulationFromDirectory(db.db);
        console.log(
          `  Einwohner der Mitglieder zum ${p.populationDate}: neu ${p.inserted}, aktualisiert ${p.updated}, von Hand gepflegt und belassen ${p.keptManual}`,
        );
      } catch (e) {
        if (e instanceof DirectoryFormatError) {
          console.error(e.message);
          process.exit(1);
        }
        throw e;
      }
    });
  });

program
  .command('mail-in')
  .description('receive e-mail over SMTP (behind the site MTA): known senders open tickets, replies with [T-…] in the subject become comments, unknown senders go to the review queue')
  .option('--port <port>', 'SMTP port to listen on', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      throw new InvalidArgumentError('a port number');
    }
    return n;
  }, 2525)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--provider <id>', 'provider whose review queue gets mails of unknown senders (default: the only provider)')
  .action(async (o: { port: number; host: string; provider?: string }) => {
    const cfg = config();
    const database = await openDatabase(cfg);
    await runMigrations(database);
    const providerId = await mailInProvider(database, o.provider);
    const listener = await startMailIn(database.db, new LocalFileStore(cfg.filesDir), {
      port: o.port,
      host: o.host,
      defaultProviderId: providerId,
      maxMessageBytes: cfg.maxUploadBytes + 5 * 1024 * 1024,
      onFiled: logFiled,
      onError: (e) => console.error(e instanceof Error ? e.message : e),
    });
    console.log(`mail-in listening on ${o.host}:${listener.port}`);
    const close = async () => {
      await listener.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void close());
    process.once('SIGTERM', () => void close());
  });

program
  .command('mail-send')
  .description('send the due mails of the outbox once (serve does this every 15 s when SMTP is configured)')
  .action(async () => {
    const cfg = config();
    if (!cfg.smtp) {
      console.error('SMTP is not configured (SMTP_URL or SMTP_HOST); mails stay in the outbox.');
      process.exit(2);
    }
    await withDatabase(cfg, async (db) => {
      const transport = smtpTransport(cfg.smtp!);
      try {
        const r = await deliverDue(db.db, transport, { from: cfg.mailFrom, batch: 500 });
        console.log(`sent ${r.sent}, retry later ${r.retried}, failed ${r.failed}`);
      } finally {
        transport.close();
      }
    });
  });

const users = program.command('users').description('manage user accounts');
users
  .command('create')
  .description('create a user with a role; --provider creates the provider organisation too')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .requiredOption('--password <password>')
  .option('--org <id>', 'organisation id (home organisation and where the role is granted)')
  .option('--provider <name>', 'create a new provider organisation with this name')
  .option('--role <role>', 'role to grant', (v) => {
    const r = Role.safeParse(v);
    if (!r.success) {
      throw new InvalidArgumentError(`one of ${Role.options.join(', ')}`);
    }
    return r.data;
  }, 'provider_admin' as Role)
  .option('--no-descendants', 'grant on this organisation only, not its subtree')
  .action(async (o: { email: string; name: string; password: string; org?: string; provider?: string; role: Role; descendants: boolean }) => {
    await withDatabase(config(), async (db) => {
      await runMigrations(db);
      const r = await createUserCli(db.db, o);
      console.log(`User ${o.email} created (${r.userId}) with ${o.role} on ${r.orgId}.`);
    });
  });

program
  .command('backups-rpo-check')
  .description('open (or update) the one ticket of every backup job whose RPO is violated (serve does this every 10 min)')
  .action(async () => {
    await withDatabase(config(), async (db) => {
      const { violated } = await new BackupIngest(db.db).checkRpo('all');
      console.log(`${violated} Sicherungsaufträge mit neu überschrittenem RPO`);
    });
  });

const jobsCmd = program.command('jobs').description("serve's periodic jobs: their last runs, or one run now");
jobsCmd
  .command('list', { isDefault: true })
  .description('every job with its interval, last start, last result or error')
  .action(async () => {
    await withDatabase(config(), async (db) => {
      await runMigrations(db);
      const last = await withSystem(db.db, (tx) =>
        tx.execute<{ name: string; last_started_at: string | null; last_result: string | null; last_error: string | null }>(
          sql`select name, last_started_at, last_result, last_error from job_leases`,
        ),
      );
      const byName = new Map(last.rows.map((r) => [r.name, r]));
      for (const job of backgroundJobs(db.db)) {
        const r = byName.get(job.name);
        const when = r?.last_started_at ? new Date(r.last_started_at).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' }) : 'noch nie';
        console.log(`${job.name.padEnd(22)} alle ${String(job.everyMs / 60_000).padStart(3)} min  zuletzt ${when}  ${r?.last_error ? `FEHLER: ${r.last_error}` : (r?.last_result ?? '')}`);
      }
    });
  });
jobsCmd
  .command('run <name>')
  .description('run one job now (waits for nobody: a job held by a serve process is skipped)')
  .action(async (name: string) => {
    await withDatabase(config(), async (db) => {
      await runMigrations(db);
      const job = backgroundJobs(db.db).find((j) => j.name === name);
      if (!job) {
        console.error(`Unbekannter Job ${name}; bekannt: ${backgroundJobs(db.db).map((j) => j.name).join(', ')}`);
        process.exit(2);
      }
      const ran = await runJobOnce(db.db, job, `cli:${process.pid}`);
      console.log(ran ? `${name} ausgeführt` : `${name} läuft gerade in einem anderen Prozess`);
    });
  });

const ticketsCmd = program.command('tickets').description('service desk jobs (run from cron or a timer)');
ticketsCmd
  .command('auto-close')
  .description('close resolved tickets after the provider’s auto-close delay')
  .action(async () => {
    await withDatabase(config(), async (db) => {
      const closed = await autoCloseTickets(db.db);
      console.log(`${closed.length} Tickets geschlossen${closed.length ? `: ${closed.join(', ')}` : ''}`);
    });
  });
ticketsCmd
  .command('sla-check')
  .description('warn about tickets near or past their SLA due date (events for the e-mail notifications)')
  .action(async () => {
    await withDatabase(config(), async (db) => {
      const warned = await slaCheckTickets(db.db);
      console.log(`${warned.length} SLA-Warnungen${warned.length ? `: ${warned.map((w) => `${w.number} (${w.which})`).join(', ')}` : ''}`);
    });
  });

program.parseAsync().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
