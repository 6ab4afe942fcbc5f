/**
 * GET /api/v1/organisations?limit=50 under load, on PGlite and on PostgreSQL, against the same read
 * as one raw SQL statement. Prints a Markdown table and writes it to bench/results/.
 *
 *   npm run bench                       (from the repo root; runs the workspace benches first)
 *   npx tsx --conditions=source bench/organisations.bench.ts
 *
 * Environment: BENCH_POSTGRES_URL (admin URL, default postgres://postgres@127.0.0.1:5432/test;
 * "off" skips PostgreSQL), BENCH_DURATION (measured seconds per figure, default 10),
 * BENCH_PROFILE=1 (also print where a request's time goes), BENCH_NO_WRITE=1 (no results file).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { openPostgres, wrapPglite, type Database } from '../apps/server/src/platform/db/client.js';
import { runMigrations } from '../apps/server/src/platform/db/migrate.js';
import { CONNECTIONS, loadHttp, loadRaw, merge, served, settled, stopLoader, type LoadResult } from './lib/load.js';
import { profileRequests, type Profile } from './lib/profile.js';
import { loadAverage, ms, pgliteVersion, revision, table, TARGET_P95_MS, TARGET_RATIO, verdict, type Row } from './lib/report.js';
import { seed, type BenchUser } from './lib/seed.js';
import type { Stats } from './lib/stats.js';
import { getPage, LIMIT, PATH, verify, type RawQuery, type RawRow } from './lib/verify.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DURATION = Math.max(1, Number(process.env.BENCH_DURATION ?? 10));
/** API and raw SQL take turns in this many rounds, so a busy spell on the machine hits both alike. */
const ROUNDS = Math.min(5, DURATION);
const WARMUP = Math.min(2, DURATION);
const CALIBRATION = Math.min(2, DURATION);
const SECRET = 'bench-session-secret-0123456789abcdef';

/**
 * The same read as the API, as one statement: the caller's visible organisations (grants, with
 * include_descendants expanded down the tree), the API's columns and child count, ordered by name
 * then id, limit + 1 rows, and the total. What the API adds on top is the session lookup, the
 * tenant transaction with RLS, HTTP, validation and JSON.
 */
const RAW_SQL = `
with recursive tree(org_id, deep) as (
  select g.org_id, g.include_descendants from role_grants g where g.user_id = $1
  union all
  select o.id, t.deep from tree t join organisations o on o.parent_id = t.org_id where t.deep
), visible as (select distinct org_id as id from tree)
select o.id, o.parent_id, o.provider_id, o.kind, o.type, o.name, o.short_name, o.ags, o.ars,
       o.street, o.postal_code, o.city, o.email, o.phone, o.website, o.created_at, o.updated_at,
       (select count(*)::int from organisations c where c.parent_id = o.id) as child_count,
       count(*) over ()::int as total
  from organisations o join visible v on v.id = o.id
 order by o.name, o.id
 limit ${LIMIT + 1}`;

const benchStart = performance.now();
function log(msg: string) {
  process.stderr.write(`[bench +${((performance.now() - benchStart) / 1000).toFixed(0)}s] ${msg}\n`);
}

interface DbRun {
  rows: Row[];
  findings: string[];
  /** What this machine gives any request right now: no database, no session. */
  floorHttp: Stats;
  /** One round trip to the database (`select 1`) at the same concurrency. */
  floorDb: Stats;
}

/** Runs statements in order on one connection (PostgreSQL; for the profile's replay). */
type Replay = (statements: { text: string; values: unknown[] }[]) => Promise<void>;

async function runOn(
  kind: 'PGlite' | 'PostgreSQL',
  database: Database,
  raw: RawQuery,
  ping: () => Promise<unknown>,
  profiles: Profile[],
  replayOn?: Replay,
): Promise<DbRun> {
  log(`${kind}: migrating`);
  await runMigrations(database);
  log(`${kind}: seeding`);
  const s = await seed(database.db);
  const app = await buildApp({ database, sessionSecret: SECRET, logLevel: 'silent' });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const rows: Row[] = [];
  const findings = new Set<string>();
  try {
    const callers: [BenchUser, string[]][] = [
      [s.agent, s.main.orgIds],
      [s.member, [s.memberOrg]],
    ];
    log(`${kind}: checking API against raw SQL and isolation`);
    for (const [user, expected] of callers) {
      for (const f of await verify(address, s, user, expected, raw)) {
        findings.add(`${kind} / ${f}`);
      }
    }
    log(`${kind}: calibration (GET /health/live, select 1)`);
    const floorHttp = merge([await loadHttp(`${address}/health/live`, '', CALIBRATION)]);
    const floorDb = merge([await loadRaw(ping, CALIBRATION)]);
    for (const [user, expected] of callers) {
      log(`${kind} / ${user.label}: warm-up ${WARMUP}s, then ${ROUNDS} rounds of API and raw SQL, ${DURATION}s each in all, c=${CONNECTIONS}`);
      await loadHttp(address + PATH, user.token, WARMUP);
      await loadRaw(() => raw(user.id), 0.5);
      const api: LoadResult[] = [];
      const rawRuns: LoadResult[] = [];
      let cpuMicros = 0;
      let rawCpuMicros = 0;
      let handled = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const before = await served(address);
        const cpu = process.cpuUsage();
        api.push(await loadHttp(address + PATH, user.token, DURATION / ROUNDS));
        // autocannon stops with requests in flight; the server still finishes them. Count CPU
        // until it has, per request it served.
        const after = await settled(address);
        const used = process.cpuUsage(cpu);
        cpuMicros += used.user + used.system;
        handled += after - before;
        const cpuRaw = process.cpuUsage();
        rawRuns.push(await loadRaw(() => raw(user.id), DURATION / ROUNDS));
        const usedRaw = process.cpuUsage(cpuRaw);
        rawCpuMicros += usedRaw.user + usedRaw.system;
      }
      const apiStats = merge(api);
      const rawStats = merge(rawRuns);
      rows.push({
        db: kind,
        caller: user.label,
        visible: expected.length,
        api: apiStats,
        raw: rawStats,
        cpuPerRequest: cpuMicros / 1000 / handled,
        cpuPerQuery: rawCpuMicros / 1000 / rawStats.requests,
      });
      if (process.env.BENCH_PROFILE) {
        log(`${kind} / ${user.label}: profiling`);
        profiles.push(
          await profileRequests({
            kind,
            caller: user.label,
            visible: expected.length,
            database,
            load: async (seconds) => (await loadHttp(address + PATH, user.token, seconds)).times.length,
            request: async () => {
              await getPage(address, user.token);
            },
            replay: replayOn
              ? async (statements, seconds) => {
                  const api = merge([await loadHttp(address + PATH, user.token, seconds)]).mean;
                  await settled(address);
                  const replayed = merge([await loadRaw(() => replayOn(statements), seconds)]).mean;
                  const rawMean = merge([await loadRaw(() => raw(user.id), seconds)]).mean;
                  return { api, replay: replayed, raw: rawMean };
                }
              : undefined,
          }),
        );
      }
    }
    return { rows, findings: [...findings], floorHttp, floorDb };
  } finally {
    await app.close();
  }
}

async function onPglite(profiles: Profile[]): Promise<DbRun> {
  const client = await PGlite.create();
  const database = wrapPglite(client);
  try {
    const raw: RawQuery = async (userId) => (await client.query<RawRow>(RAW_SQL, [userId])).rows;
    return await runOn('PGlite', database, raw, () => client.query('select 1'), profiles);
  } finally {
    await database.close();
  }
}

async function onPostgres(profiles: Profile[]): Promise<(DbRun & { version: string }) | { skipped: string }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (e) {
    return { skipped: `PostgreSQL at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')} not reachable (${(e as Error).message}): not measured, targets not evaluated` };
  }
  const name = `verbund_bench_${Date.now()}`;
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  // The app's own pool (default size 10), and a separate one of the same size for the raw SQL.
  const database = openPostgres(url.toString());
  const pool = new pg.Pool({ connectionString: url.toString(), max: CONNECTIONS });
  pool.on('error', (e) => log(`raw pool: ${e.message}`));
  try {
    const raw: RawQuery = async (userId) => (await pool.query<RawRow>(RAW_SQL, [userId])).rows;
    const replay: Replay = async (statements) => {
      const client = await pool.connect();
      try {
        for (const q of statements) {
          await client.query(q.text, q.values);
        }
      } finally {
        client.release();
      }
    };
    return { ...(await runOn('PostgreSQL', database, raw, () => pool.query('select 1'), profiles, replay)), version };
  } finally {
    await pool.end();
    await database.close();
    // pg-pool's end() resolves before the backends have gone; a forced drop would then kill a
    // connection the pool still listens on. Wait for them to leave first.
    for (let i = 0; i < 50; i++) {
      const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0]!.n === 0) {
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function main() {
  const started = new Date();
  const loadBefore = loadAverage();
  const profiles: Profile[] = [];
  const rows: Row[] = [];
  const notes: string[] = [];
  const floors: string[] = [];
  const floor = (db: string, r: DbRun) =>
    `| ${db} | ${r.floorHttp.rps.toFixed(0)} | ${ms(r.floorHttp.p50)} | ${ms(r.floorHttp.p95)} | ${ms(r.floorHttp.mean)} | ${r.floorDb.rps.toFixed(0)} | ${ms(r.floorDb.mean)} |`;
  const lite = await onPglite(profiles);
  rows.push(...lite.rows);
  notes.push(...lite.findings);
  floors.push(floor('PGlite', lite));
  let pgVersion = 'not measured';
  let targetsNote = 'PostgreSQL not measured (BENCH_POSTGRES_URL=off): targets not evaluated.';
  if (ADMIN_URL !== 'off') {
    const r = await onPostgres(profiles);
    if ('skipped' in r) {
      targetsNote = r.skipped;
      log(r.skipped);
    } else {
      rows.push(...r.rows);
      notes.push(...r.findings);
      floors.push(floor('PostgreSQL', r));
      pgVersion = r.version;
    }
  }
  const loadAfter = loadAverage();
  const cores = os.cpus();
  const busy = Math.max(Number(loadBefore), Number(loadAfter)) > cores.length;
  const pgRows = rows.filter((r) => r.db === 'PostgreSQL');
  const targets = pgRows.length
    ? pgRows.map((r) => `- PostgreSQL / ${r.caller}: p95 ${ms(r.api.p95)} ms → ${verdict(r.api.p95 < TARGET_P95_MS)}; API ÷ raw ${(r.api.mean / r.raw.mean).toFixed(1)}× → ${verdict(r.api.mean / r.raw.mean <= TARGET_RATIO)}`)
    : [`- ${targetsNote}`];
  const out = [
    `# GET ${PATH}: API vs raw SQL`,
    '',
    `- Run: ${started.toISOString()}, code ${revision()}`,
    `- Machine: Node ${process.version}, ${cores.length} × ${cores[0]?.model.trim() ?? 'cpu'}, load average ${loadBefore} before / ${loadAfter} after${busy ? ' (**busy: more runnable work than cores, figures are pessimistic and noisy**)' : ''}`,
    `- Databases: PGlite ${pgliteVersion()} (in memory, same process); PostgreSQL ${pgVersion} on 127.0.0.1 (app pool 10, raw pool 10)`,
    `- Load: ${CONNECTIONS} connections; ${WARMUP} s warm-up, then ${ROUNDS} alternating rounds of API (autocannon, child process) and raw SQL (${CONNECTIONS} concurrent loops), ${DURATION} s of each in all. Server, load generator and database share the machine.`,
    '- Data: provider "KIT" with 300 member organisations (Verwaltungsgemeinschaften of 5–20 Gemeinden, towns with schools, Zweckverbände, Schulträger) and a second provider "RZV" with 150; ~680 other users with grants and sessions. provider_agent: grant with descendants on KIT; member_user: one Gemeinde.',
    '',
    table(rows),
    '',
    `Calibration at concurrency ${CONNECTIONS}, ${CALIBRATION} s each: what the machine gives a request that does nothing (\`GET /health/live\`: no session, no database) and what one database round trip (\`select 1\`) costs right now.`,
    '',
    '| database | /health/live req/s | p50 ms | p95 ms | mean ms | select 1 q/s | select 1 mean ms |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...floors,
    '',
    `Targets (PostgreSQL): p95 < ${TARGET_P95_MS} ms; API mean time per request ≤ ${TARGET_RATIO}× raw mean time per query, both at concurrency ${CONNECTIONS}.`,
    ...targets,
    ...(notes.length ? ['', 'Findings while checking that API and raw SQL return the same data:', ...notes.map((n) => `- ${n}`)] : []),
    ...(profiles.length ? ['', "## Where a request's time goes (BENCH_PROFILE=1)", '', ...profiles.map((p) => p.text)] : []),
    '',
  ].join('\n');
  process.stdout.write(`\n${out}`);
  if (!process.env.BENCH_NO_WRITE) {
    const dir = path.join(here, 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `organisations-${started.toISOString().slice(0, 10)}.md`);
    writeFileSync(file, out);
    log(`written to ${path.relative(process.cwd(), file)}`);
  }
}

main()
  .catch((e: unknown) => {
    process.stderr.write(`[bench] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    stopLoader();
    // Should a pool or socket linger after an error, do not hang the bench.
    setTimeout(() => process.exit(), 5000).unref();
  });
