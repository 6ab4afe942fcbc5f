/**
 * Asset inventory at scale, on PostgreSQL: (1) the CSV import of 100,000 assets through the API
 * (dry run, then the real import: parse, validate, bulk insert, one audit event per import and
 * member, ANALYZE); (2) the asset list filtered by member with 500,000 assets in the table (first
 * page of 50 and a page deep in, through app.inject, so session, tenant transaction with RLS,
 * validation, depreciation per row and JSON are in the figure; HTTP sockets are not), and where the
 * time of one list request goes (inject floor, session, tenant transaction, page query, capped
 * count, service, serialisation). Prints a Markdown table and writes bench/results/assets-<date>.md.
 *
 *   npx tsx --conditions=source bench/assets.bench.ts              # all in one throw-away database
 *   BENCH_DB=infra_assets BENCH_PHASE=seed    /tmp/verbund-test  npx tsx --conditions=source bench/assets.bench.ts
 *   BENCH_DB=infra_assets BENCH_PHASE=measure /tmp/verbund-bench npx tsx --conditions=source bench/assets.bench.ts
 *
 * With BENCH_DB the data is generated once (`seed`: database BENCH_DB replaced, 400,000 assets over
 * 100 members) and `measure` can run again and again on it (exclusive machine, short hold): it
 * imports its 100,000 rows, measures, and deletes them again.
 *
 * Environment: BENCH_POSTGRES_URL (admin URL, default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_IMPORT_ROWS (default 100000), BENCH_TOTAL_ASSETS (default 500000), BENCH_REQUESTS (list
 * requests per figure, default 300), BENCH_RESULTS (results file name, default assets-<date>.md),
 * BENCH_NO_WRITE=1 (no results file).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { SESSION_COOKIE } from '../apps/server/src/platform/auth/auth.plugin.js';
import { csrfToken } from '../apps/server/src/platform/auth/tokens.js';
import { openPostgres } from '../apps/server/src/platform/db/client.js';
import { uuidv7 } from '../apps/server/src/platform/db/columns.js';
import { runMigrations } from '../apps/server/src/platform/db/migrate.js';
import { withSystem, withTenant } from '../apps/server/src/platform/db/tenant.js';
import { AssetsService, insertAssetsBulk } from '../apps/server/src/modules/assets/index.js';
import * as assetsRepo from '../apps/server/src/modules/assets/assets.repository.js';
import type { AuthContext } from '../apps/server/src/platform/auth/auth.context.js';
import { makeOrg, makeTree, type Tree } from '../apps/server/test/factories.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const TOTAL = Number(process.env.BENCH_TOTAL_ASSETS ?? 500_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const MEMBERS = 100;
const DB = process.env.BENCH_DB;
const PHASE = process.env.BENCH_PHASE ?? 'all';
const STATE = DB ? `/tmp/verbund-bench-${DB}.json` : '';
const SECRET = 'bench-session-secret-0123456789abcdef';

const t0 = performance.now();
const log = (m: string) => process.stderr.write(`[bench +${((performance.now() - t0) / 1000).toFixed(0)}s] ${m}\n`);

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

function csv(n: number): string {
  const types = ['Arbeitsplatz-PC', 'Notebook', 'Monitor', 'Drucker', 'Firewall', 'Server', 'Switch'];
  const lines = ['Typ;Bezeichnung;Hersteller;Modell;Seriennummer;Kosten;Kaufdatum;Garantieende;Status'];
  for (let i = 0; i < n; i++) {
    const y = 2020 + (i % 6);
    lines.push(`${types[i % types.length]};Gerät ${i};Dell;OptiPlex 7010;SN${i.toString(36).toUpperCase()};${(699 + (i % 900)).toString()},00;${y}-0${1 + (i % 9)}-15;${y + 3}-0${1 + (i % 9)}-15;Im Einsatz`);
  }
  return lines.join('\n');
}

interface State {
  tree: Tree;
  members: string[];
}

type Database = ReturnType<typeof openPostgres>;

/** Organisations and users, then TOTAL − IMPORT_ROWS assets spread over the members (direct bulk inserts). */
async function seed(database: Database): Promise<State> {
  await runMigrations(database);
  const tree = await makeTree(database.db);
  const members = [tree.gemeindeA, tree.gemeindeB, tree.town];
  for (let i = members.length; i < MEMBERS; i++) {
    members.push(await makeOrg(database.db, { parentId: tree.provider, providerId: tree.provider, name: `Gemeinde ${String(i).padStart(3, '0')}` }));
  }
  const rest = TOTAL - IMPORT_ROWS;
  log(`fill ${rest} assets`);
  const batch = 20_000;
  for (let done = 0; done < rest; done += batch) {
    const part = Array.from({ length: Math.min(batch, rest - done) }, (_, j) => {
      const i = done + j;
      const m = members[i % members.length]!;
      return {
        id: uuidv7(),
        orgId: m,
        providerId: tree.provider,
        ownerOrgId: tree.provider,
        usingMemberId: m,
        type: 'workstation' as const,
        inventoryNumber: `FILL-${i}`,
        status: 'deployed' as const,
        costCents: 89_900,
        purchaseDate: '2024-03-15',
        warrantyEnd: '2027-03-15',
        attributes: { hostname: `pc-${i}` },
      };
    });
    await withSystem(database.db, (tx) => insertAssetsBulk(tx, part));
  }
  await database.db.execute(sql`vacuum analyze assets`);
  return { tree, members };
}

async function measure(database: Database, { tree, members }: State, rows: string[]) {
  const app = await buildApp({ database, sessionSecret: SECRET, logLevel: 'silent' });
  // The caller's context as the auth layer resolved it, for the breakdown below.
  let captured: AuthContext | null = null;
  app.addHook('preHandler', async (req) => {
    captured = req.auth ?? captured;
  });
  await app.ready();
  const as = (session: string) => ({ cookies: { [SESSION_COOKIE]: session }, headers: { 'x-csrf-token': csrfToken(SECRET, session) } });
  const adminUser = as(tree.users.admin.session);
  let importId: string | null = null;
  try {
    // 1. Import.
    const content = csv(IMPORT_ROWS);
    log(`import ${IMPORT_ROWS} rows (${(content.length / 1e6).toFixed(1)} MB CSV)`);
    let start = performance.now();
    const dry = await app.inject({ method: 'POST', url: '/api/v1/assets/import?dryRun=true', payload: { format: 'csv', content, usingMemberId: tree.gemeindeA }, ...adminUser });
    const dryMs = performance.now() - start;
    if (dry.statusCode !== 200 || dry.json().valid !== IMPORT_ROWS) {
      throw new Error(`dry run: ${dry.statusCode} ${dry.body.slice(0, 300)}`);
    }
    start = performance.now();
    const real = await app.inject({ method: 'POST', url: '/api/v1/assets/import', payload: { format: 'csv', content, usingMemberId: tree.gemeindeA }, ...adminUser });
    const importMs = performance.now() - start;
    if (real.statusCode !== 200 || real.json().imported !== IMPORT_ROWS) {
      throw new Error(`import: ${real.statusCode} ${real.body.slice(0, 300)}`);
    }
    importId = real.json().importId as string;
    log(`dry run ${dryMs.toFixed(0)} ms, import ${importMs.toFixed(0)} ms`);
    rows.push(`| import ${IMPORT_ROWS.toLocaleString('en')} assets, dry run (parse + validate + preview) | ${(dryMs / 1000).toFixed(2)} s | |`);
    rows.push(`| import ${IMPORT_ROWS.toLocaleString('en')} assets (parse, validate, bulk insert, one audit event, ANALYZE) | ${(importMs / 1000).toFixed(2)} s | < 20 s |`);

    // 2. List.
    const [{ n }] = (await database.db.execute<{ n: number }>(sql`select count(*)::int as n from assets`)).rows as [{ n: number }];
    log(`${n} assets; list requests`);
    const target = members[7]!;
    const perMember = (await database.db.execute<{ n: number }>(sql`select count(*)::int as n from assets where org_id = ${target}`)).rows[0]!.n;
    const timed = async (label: string, fn: () => Promise<unknown>, target = '') => {
      for (let i = 0; i < 20; i++) {
        await fn();
      }
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const s0 = performance.now();
        await fn();
        times.push(performance.now() - s0);
      }
      rows.push(`| ${label} | p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms | ${target} |`);
      log(`${label}: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms`);
    };
    const get = (url: string, session: string) => {
      const auth = as(session);
      return async () => {
        const res = await app.inject({ method: 'GET', url, ...auth });
        if (res.statusCode !== 200) {
          throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
        return res;
      };
    };
    const adminSession = tree.users.admin.session;
    const pageUrl = `/api/v1/assets?memberId=${target}&limit=50`;
    await timed('floor: the same page as plain SQL (no app)', () => database.db.execute(sql`select * from assets where org_id = ${target} order by id desc limit 51`));
    await timed('floor: `select 1` round trip', () => database.db.execute(sql`select 1`));
    await timed(`list, provider admin, ?memberId= (${perMember.toLocaleString('en')} of ${n.toLocaleString('en')} assets), first page of 50`, get(pageUrl, adminSession), 'p95 < 50 ms');
    const first = await get(pageUrl, adminSession)();
    let cursor = first.json().nextCursor as string;
    for (let i = 0; i < 20; i++) {
      const next = (await get(`${pageUrl}&cursor=${cursor}`, adminSession)()).json().nextCursor as string | null;
      if (!next) {
        break;
      }
      cursor = next;
    }
    await timed('same, page 22 (cursor)', get(`${pageUrl}&cursor=${cursor}`, adminSession), 'p95 < 50 ms');
    await timed(`list, member user of Gemeinde A (${(IMPORT_ROWS + (TOTAL - IMPORT_ROWS) / MEMBERS).toLocaleString('en')} own assets), first page`, get('/api/v1/assets?limit=50', tree.users.userA.session), 'p95 < 50 ms');
    await timed('list, provider admin, no filter (all 100 members)', get('/api/v1/assets?limit=50', adminSession), 'p95 < 50 ms');
    await timed('list, provider admin, ?memberId=&type=printer (no match: index range walk)', get(`/api/v1/assets?memberId=${target}&type=printer&limit=50`, adminSession), 'p95 < 50 ms');

    // 3. Where the time of the member-filtered first page goes (each step alone, sequential).
    await get(pageUrl, adminSession)();
    const auth = captured as AuthContext | null;
    if (!auth) {
      throw new Error('no auth context captured');
    }
    const service = new AssetsService(database.db);
    const f: assetsRepo.AssetFilter = { memberId: target, orgIds: auth.orgIds };
    rows.push('| **breakdown of the first figure** (provider admin, ?memberId=, first page) | | |');
    await timed('· inject floor: `GET /health/live` (no session, no database)', async () => app.inject({ method: 'GET', url: '/health/live' }));
    await timed('· session + routing: `GET /api/v1/auth/me`', get('/api/v1/auth/me', adminSession));
    await timed('· tenant transaction alone (BEGIN + role + setting, select 1, COMMIT)', () => withTenant(database.db, auth, (tx) => tx.execute(sql`select 1`)));
    await timed('· page query with names, in the tenant transaction (RLS)', () => withTenant(database.db, auth, (tx) => assetsRepo.list(tx, auth, f, 50)));
    await timed('· capped count (≤ 10,000), in the tenant transaction (RLS)', () => withTenant(database.db, auth, (tx) => assetsRepo.count(tx, auth, f, 10_000)));
    await timed('· service: page + count + settings + depreciation per row (no HTTP)', () => service.list(auth, { memberId: target, limit: 50 } as Parameters<AssetsService['list']>[1]));
    const result = await service.list(auth, { memberId: target, limit: 50 } as Parameters<AssetsService['list']>[1]);
    await timed('· JSON.stringify of the page (what the serializer at least does)', async () => JSON.stringify(result));
  } finally {
    if (importId && DB) {
      // Back to the seeded state, so `measure` can run again on the same data.
      await withSystem(database.db, (tx) => tx.execute(sql`delete from assets where import_id = ${importId}`));
      await database.db.execute(sql`vacuum analyze assets`);
    }
    await app.close();
  }
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = DB ?? `verbund_bench_assets_${Date.now()}`;
  if (PHASE !== 'measure') {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { max: 4 });
  const rows: string[] = [];
  const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
  try {
    let state: State;
    if (PHASE === 'measure') {
      if (!existsSync(STATE)) {
        throw new Error(`no ${STATE}: run BENCH_PHASE=seed first`);
      }
      state = JSON.parse(readFileSync(STATE, 'utf8')) as State;
      // Migrations that landed since the seed (another helper's RLS change, say) apply before measuring.
      await runMigrations(database);
    } else {
      state = await seed(database);
      if (DB) {
        writeFileSync(STATE, JSON.stringify(state));
      }
    }
    if (PHASE !== 'seed') {
      await measure(database, state, rows);
    }
  } finally {
    await database.close();
    if (!DB) {
      await admin.query(`drop database if exists ${name}`).catch(() => undefined);
    }
    await admin.end();
  }
  if (PHASE === 'seed') {
    log(`seeded ${name}; state in ${STATE}`);
    return;
  }
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
  const date = new Date().toISOString().slice(0, 10);
  const out = [
    `# Asset inventory bench, ${date}`,
    '',
    `PostgreSQL (${ADMIN_URL.replace(/\/\/[^@]*@/, '//')}), ${os.cpus().length} cores shared with other work, load average before ${loadBefore}, after ${load}.`,
    'List figures are app.inject round trips (session, tenant transaction with RLS, validation, depreciation per row, JSON), sequential.',
    '',
    '| what | figure | target |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  console.log(out);
  if (!process.env.BENCH_NO_WRITE) {
    mkdirSync(path.join(here, 'results'), { recursive: true });
    writeFileSync(path.join(here, 'results', process.env.BENCH_RESULTS ?? `assets-${date}.md`), out);
  }
}

await main();
