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
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { SESSION_COOKIE } from '../apps/server/src/platform/auth/auth.plugin.js';
import { openPostgres, wrapPglite, type Database } from '../apps/server/src/platform/db/client.js';
import { runMigrations } from '../apps/server/src/platform/db/migrate.js';
import { profileRequests, type Profile } from './lib/profile.js';
import { seed, type BenchUser, type Seeded } from './lib/seed.js';
import { summarize, type Stats } from './lib/stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DURATION = Math.max(1, Number(process.env.BENCH_DURATION ?? 10));
/** API and raw SQL take turns in this many rounds, so a busy spell on the machine hits both alike. */
const ROUNDS = Math.min(5, DURATION);
const WARMUP = Math.min(2, DURATION);
const CALIBRATION = Math.min(2, DURATION);
const CONNECTIONS = 10;
const LIMIT = 50;
const PATH = `/api/v1/organisations?limit=${LIMIT}`;
const TARGET_P95_MS = 20;
const TARGET_RATIO = 3;
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

type RawRow = Record<string, unknown> & { id: string; total: number };
type RawQuery = (userId: string) => Promise<RawRow[]>;

interface Row {
  db: 'PGlite' | 'PostgreSQL';
  caller: string;
  visible: number;
  api: Stats;
  raw: Stats;
  /** CPU time of this process (server; for PGlite also the database) per API request. */
  cpuPerRequest: number;
  /** CPU time of this process per raw query (pg driver; for PGlite also the database). */
  cpuPerQuery: number;
}

const benchStart = performance.now();
function log(msg: string) {
  process.stderr.write(`[bench +${((performance.now() - benchStart) / 1000).toFixed(0)}s] ${msg}\n`);
}

interface LoadResult {
  times: number[];
  seconds: number;
}

let loader: ChildProcess | undefined;

/**
 * autocannon in a child process (forked once, reused), so the load generator does not steal the
 * server's event loop. Rejects when any response was not 2xx or failed.
 */
function loadHttp(url: string, token: string, seconds: number): Promise<LoadResult> {
  loader ??= fork(path.join(here, 'lib/load.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const child = loader;
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (m: LoadResult & { error?: string; non2xx: number; errors: number; timeouts: number }) => {
      child.off('exit', onExit);
      if (m.error) {
        reject(new Error(`load generator failed: ${m.error}`));
      } else if (m.non2xx > 0 || m.errors > 0 || m.timeouts > 0) {
        reject(new Error(`load run not clean: ${m.non2xx} non-2xx, ${m.errors} errors, ${m.timeouts} timeouts`));
      } else {
        resolve(m);
      }
    });
    child.send({ url, cookie: `${SESSION_COOKIE}=${token}`, connections: CONNECTIONS, duration: seconds });
  });
}

/** Organisation list requests the server has answered so far, from its own /metrics. */
async function served(address: string): Promise<number> {
  const text = await (await fetch(`${address}/metrics`)).text();
  let n = 0;
  for (const m of text.matchAll(/^verbund_http_requests_total\{[^}]*route="\/api\/v1\/organisations"[^}]*\} (\d+)/gm)) {
    n += Number(m[1]);
  }
  return n;
}

/** Waits until the server has stopped answering list requests; returns the count then. */
async function settled(address: string): Promise<number> {
  let n = await served(address);
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const m = await served(address);
    if (m === n) {
      break;
    }
    n = m;
  }
  return n;
}

/** `CONNECTIONS` loops issuing the raw statement back to back for `seconds`. */
async function loadRaw(query: () => Promise<unknown>, seconds: number): Promise<LoadResult> {
  const times: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      await query();
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  return { times, seconds: (performance.now() - start) / 1000 };
}

function merge(parts: LoadResult[]): Stats {
  return summarize(
    parts.flatMap((p) => p.times),
    parts.reduce((s, p) => s + p.seconds, 0),
  );
}

type ApiItem = Record<string, unknown> & { id: string; name: string };
interface ApiPage {
  items: ApiItem[];
  nextCursor: string | null;
  total: number;
}

async function getPage(base: string, token: string, cursor?: string): Promise<ApiPage> {
  const res = await fetch(`${base}${PATH}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
    headers: { cookie: `${SESSION_COOKIE}=${token}` },
  });
  if (res.status !== 200) {
    throw new Error(`GET ${PATH} answered ${res.status}: ${await res.text()}`);
  }
  return (await res.json()) as ApiPage;
}

/** API field → raw column, for the field-by-field comparison. */
const FIELDS: [string, string][] = [
  ['parentId', 'parent_id'],
  ['providerId', 'provider_id'],
  ['kind', 'kind'],
  ['type', 'type'],
  ['name', 'name'],
  ['shortName', 'short_name'],
  ['ags', 'ags'],
  ['ars', 'ars'],
  ['street', 'street'],
  ['postalCode', 'postal_code'],
  ['city', 'city'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['website', 'website'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
  ['childCount', 'child_count'],
];

const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v).toISOString() : (v ?? null));

/**
 * Before measuring anything: the API and the raw statement return the same rows and total, and the
 * caller sees exactly its own tree, paging through all of it (no organisation of the other
 * provider anywhere). Row or isolation differences abort the bench; differing field values are
 * reported as findings, since the bench should still measure.
 */
async function verify(base: string, s: Seeded, user: BenchUser, expected: string[], raw: RawQuery): Promise<string[]> {
  const first = await getPage(base, user.token);
  const rows = await raw(user.id);
  if (first.total !== expected.length || rows[0]?.total !== expected.length) {
    throw new Error(`${user.label}: total ${first.total} (API) / ${rows[0]?.total} (raw), expected ${expected.length}`);
  }
  if (first.items.map((i) => i.id).join() !== rows.slice(0, LIMIT).map((r) => r.id).join()) {
    throw new Error(`${user.label}: API page and raw rows differ`);
  }
  const allowed = new Set(expected);
  const foreign = new Set(s.other.orgIds);
  const findings: string[] = [];
  let seen = 0;
  const wrongCounts: ApiItem[] = [];
  for (let p: ApiPage | undefined = first; p; p = p.nextCursor ? await getPage(base, user.token, p.nextCursor) : undefined) {
    for (const item of p.items) {
      if (!allowed.has(item.id) || foreign.has(item.id)) {
        throw new Error(`${user.label}: isolation broken, saw ${item.id} (${item.name})`);
      }
      if (item.childCount !== s.main.childCounts.get(item.id)) {
        wrongCounts.push(item);
      }
      seen++;
    }
  }
  if (seen !== expected.length) {
    throw new Error(`${user.label}: paged through ${seen} organisations, expected ${expected.length}`);
  }
  if (wrongCounts.length) {
    const e = wrongCounts[0]!;
    findings.push(`${user.label}: \`childCount\` is wrong for ${wrongCounts.length} of ${seen} organisations across all pages (e.g. ${e.name}: API ${JSON.stringify(e.childCount)}, seeded ${s.main.childCounts.get(e.id)})`);
  }
  for (const [api, col] of FIELDS) {
    const differing = first.items.filter((item, i) => norm(item[api]) !== norm(rows[i]![col]));
    if (differing.length) {
      const d = differing[0]!;
      const r = rows.find((x) => x.id === d.id)!;
      findings.push(`${user.label}: \`${api}\` differs from raw SQL on ${differing.length} of ${first.items.length} rows (e.g. ${d.name}: API ${JSON.stringify(d[api])}, SQL ${JSON.stringify(norm(r[col]))})`);
    }
  }
  return findings;
}

interface DbRun {
  rows: Row[];
  findings: string[];
  /** What this machine gives any request right now: no database, no session. */
  floorHttp: Stats;
  /** One round trip to the database (`select 1`) at the same concurrency. */
  floorDb: Stats;
}

async function runOn(kind: 'PGlite' | 'PostgreSQL', database: Database, raw: RawQuery, ping: () => Promise<unknown>, profiles: Profile[]): Promise<DbRun> {
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
    return { ...(await runOn('PostgreSQL', database, raw, () => pool.query('select 1'), profiles)), version };
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

function pgliteVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(here, '../node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

/** The code measured: the commit, and whether the server's sources had uncommitted changes. */
function revision(): string {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { cwd: here, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = git('status', '--porcelain', '--', '../apps/server/src', '../packages/shared/src').length > 0;
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted server changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const load = () => os.loadavg()[0]!.toFixed(1);

function table(rows: Row[]): string {
  const head =
    '| database | caller | visible orgs | API req/s | p50 ms | p95 ms | p99 ms | API mean ms | server CPU ms/req | raw q/s | raw mean ms | raw CPU ms/q | API ÷ raw | p95 < 20 ms | API ≤ 3× raw |\n' +
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|';
  const lines = rows.map((r) => {
    const ratio = r.api.mean / r.raw.mean;
    // The targets are set for PostgreSQL; PGlite's figures say how it would fare, in brackets.
    const mark = (ok: boolean) => (r.db === 'PostgreSQL' ? verdict(ok) : `(${ok ? 'would meet' : 'would miss'})`);
    return `| ${r.db} | ${r.caller} | ${r.visible} | ${r.api.rps.toFixed(0)} | ${ms(r.api.p50)} | ${ms(r.api.p95)} | ${ms(r.api.p99)} | ${ms(r.api.mean)} | ${ms(r.cpuPerRequest)} | ${r.raw.rps.toFixed(0)} | ${ms(r.raw.mean)} | ${ms(r.cpuPerQuery)} | ${ratio.toFixed(1)}× | ${mark(r.api.p95 < TARGET_P95_MS)} | ${mark(ratio <= TARGET_RATIO)} |`;
  });
  return [head, ...lines].join('\n');
}

async function main() {
  const started = new Date();
  const loadBefore = load();
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
  if (ADMIN_URL !== 'off') {
    const r = await onPostgres(profiles);
    if ('skipped' in r) {
      notes.push(r.skipped);
      log(r.skipped);
    } else {
      rows.push(...r.rows);
      notes.push(...r.findings);
      floors.push(floor('PostgreSQL', r));
      pgVersion = r.version;
    }
  }
  const loadAfter = load();
  const cores = os.cpus();
  const busy = Math.max(Number(loadBefore), Number(loadAfter)) > cores.length;
  const pgRows = rows.filter((r) => r.db === 'PostgreSQL');
  const targets = pgRows.length
    ? pgRows.map((r) => `- PostgreSQL / ${r.caller}: p95 ${ms(r.api.p95)} ms → ${verdict(r.api.p95 < TARGET_P95_MS)}; API ÷ raw ${(r.api.mean / r.raw.mean).toFixed(1)}× → ${verdict(r.api.mean / r.raw.mean <= TARGET_RATIO)}`)
    : ['- PostgreSQL not measured: targets not evaluated.'];
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
    loader?.kill();
    // Should a pool or socket linger after an error, do not hang the bench.
    setTimeout(() => process.exit(), 5000).unref();
  });
