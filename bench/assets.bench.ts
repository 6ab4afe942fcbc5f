/**
 * Asset inventory at scale, on PostgreSQL: (1) the CSV import of 100,000 assets through the API
 * (dry run, then the real import: parse, validate, bulk insert, one audit event per asset); (2) the
 * asset list filtered by member with 500,000 assets in the table (first page of 50 and a page
 * deep in, through app.inject, so session, tenant transaction with RLS, validation, depreciation
 * per row and JSON are in the figure; HTTP sockets are not). Prints a Markdown table and writes it
 * to bench/results/assets-<date>.md.
 *
 *   npx tsx --conditions=source bench/assets.bench.ts
 *
 * Environment: BENCH_POSTGRES_URL (admin URL, default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_IMPORT_ROWS (default 100000), BENCH_TOTAL_ASSETS (default 500000), BENCH_REQUESTS (list
 * requests per figure, default 300), BENCH_NO_WRITE=1 (no results file).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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
import { withSystem } from '../apps/server/src/platform/db/tenant.js';
import { insertAssetsBulk } from '../apps/server/src/modules/assets/index.js';
import { makeOrg, makeTree } from '../apps/server/test/factories.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const TOTAL = Number(process.env.BENCH_TOTAL_ASSETS ?? 500_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const MEMBERS = 100;
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

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = `verbund_bench_assets_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { max: 4 });
  const rows: string[] = [];
  try {
    await runMigrations(database);
    const tree = await makeTree(database.db);
    const members = [tree.gemeindeA, tree.gemeindeB, tree.town];
    for (let i = members.length; i < MEMBERS; i++) {
      members.push(await makeOrg(database.db, { parentId: tree.provider, providerId: tree.provider, name: `Gemeinde ${String(i).padStart(3, '0')}` }));
    }
    const app = await buildApp({ database, sessionSecret: SECRET, logLevel: 'silent' });
    await app.ready();
    const as = (session: string) => ({ cookies: { [SESSION_COOKIE]: session }, headers: { 'x-csrf-token': csrfToken(SECRET, session) } });
    const adminUser = as(tree.users.admin.session);

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
    log(`dry run ${dryMs.toFixed(0)} ms, import ${importMs.toFixed(0)} ms`);
    rows.push(`| import ${IMPORT_ROWS.toLocaleString('en')} assets, dry run (parse + validate + preview) | ${(dryMs / 1000).toFixed(2)} s | |`);
    rows.push(`| import ${IMPORT_ROWS.toLocaleString('en')} assets (parse, validate, bulk insert, audit events) | ${(importMs / 1000).toFixed(2)} s | < 20 s |`);

    // 2. Fill up to TOTAL assets over the members, then list.
    log(`fill to ${TOTAL} assets`);
    const rest = TOTAL - IMPORT_ROWS;
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
    await database.db.execute(sql`analyze assets`);
    const [{ n }] = (await database.db.execute<{ n: number }>(sql`select count(*)::int as n from assets`)).rows as [{ n: number }];
    log(`${n} assets; list requests`);
    const target = members[7]!;
    const perMember = (await database.db.execute<{ n: number }>(sql`select count(*)::int as n from assets where org_id = ${target}`)).rows[0]!.n;

    const measure = async (label: string, url: string, session: string) => {
      const auth = as(session);
      for (let i = 0; i < 20; i++) {
        await app.inject({ method: 'GET', url, ...auth });
      }
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const s = performance.now();
        const res = await app.inject({ method: 'GET', url, ...auth });
        times.push(performance.now() - s);
        if (res.statusCode !== 200) {
          throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
      rows.push(`| ${label} | p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms | p95 < 50 ms |`);
      log(`${label}: p95 ${pct(times, 95).toFixed(1)} ms`);
    };
    // The floor: the page query alone as plain SQL on the pool (no session, no RLS, no JSON).
    {
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const s0 = performance.now();
        await database.db.execute(sql`select * from assets where org_id = ${target} order by id desc limit 51`);
        times.push(performance.now() - s0);
      }
      rows.push(`| floor: the same page as plain SQL (no app) | p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms | |`);
      const ping: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const s0 = performance.now();
        await database.db.execute(sql`select 1`);
        ping.push(performance.now() - s0);
      }
      rows.push(`| floor: \`select 1\` round trip | p50 ${pct(ping, 50).toFixed(1)} ms, p95 ${pct(ping, 95).toFixed(1)} ms | |`);
    }
    await measure(`list, provider admin, ?memberId= (${perMember.toLocaleString('en')} of ${n.toLocaleString('en')} assets), first page of 50`, `/api/v1/assets?memberId=${target}&limit=50`, tree.users.admin.session);
    const first = await app.inject({ method: 'GET', url: `/api/v1/assets?memberId=${target}&limit=50`, ...adminUser });
    let cursor = first.json().nextCursor as string;
    for (let i = 0; i < 20; i++) {
      const next = (await app.inject({ method: 'GET', url: `/api/v1/assets?memberId=${target}&limit=50&cursor=${cursor}`, ...adminUser })).json().nextCursor as string | null;
      if (!next) {
        break;
      }
      cursor = next;
    }
    await measure('same, page 22 (cursor)', `/api/v1/assets?memberId=${target}&limit=50&cursor=${cursor}`, tree.users.admin.session);
    await measure(`list, member user of Gemeinde A (${IMPORT_ROWS.toLocaleString('en')} own assets), first page`, '/api/v1/assets?limit=50', tree.users.userA.session);
    await measure('list, provider admin, no filter (all 100 members)', '/api/v1/assets?limit=50', tree.users.admin.session);
    await measure('list, provider admin, ?memberId=&type=printer (no match: index range walk)', `/api/v1/assets?memberId=${target}&type=printer&limit=50`, tree.users.admin.session);
    await app.close();
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name}`).catch(() => undefined);
    await admin.end();
  }
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
  const date = new Date().toISOString().slice(0, 10);
  const out = [
    `# Asset inventory bench, ${date}`,
    '',
    `PostgreSQL (${ADMIN_URL.replace(/\/\/[^@]*@/, '//')}), ${os.cpus().length} cores shared with other work, load average after the run ${load}.`,
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
    writeFileSync(path.join(here, 'results', `assets-${date}.md`), out);
  }
}

await main();
