/**
 * Gemeindeverzeichnis: import time and type-ahead latency, on PGlite and on PostgreSQL.
 *
 *   npx tsx --conditions=source bench/reference.bench.ts
 *
 * Measures, per database:
 *   - CSV read + parse of the five files (csv-parse), once;
 *   - first import of all 10,953 Gemeinden (and Verbände, Kreise …) into empty tables (target < 5 s);
 *   - re-import of the same edition (idempotent: compares in SQL, writes nothing);
 *   - 500 type-ahead requests GET /api/v1/reference/gemeinden?q=<prefix>&limit=20 through the real
 *     app (in-process, app.inject: routing, auth, validation, SQL, serialization), prefixes of
 *     2–6 characters from real names, umlaut-folded or not, plus AGS prefixes (target p95 < 20 ms).
 *
 * Environment: BENCH_POSTGRES_URL (admin URL, default postgres://postgres@127.0.0.1:5432/test;
 * "off" skips PostgreSQL), BENCH_QUERIES (default 500).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { SESSION_COOKIE } from '../apps/server/src/platform/auth/auth.plugin.js';
import { openPostgres, wrapPglite, type Database } from '../apps/server/src/platform/db/client.js';
import { runMigrations } from '../apps/server/src/platform/db/migrate.js';
import { importDirectory, readDirectory } from '../apps/server/src/modules/reference/index.js';
import { makeOrg, makeUser } from '../apps/server/test/factories.js';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const QUERIES = Math.max(10, Number(process.env.BENCH_QUERIES ?? 500));
const SECRET = 'bench-session-secret-0123456789abcdef';

/** Deterministic pseudo-random numbers, so every run asks the same questions. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Row {
  db: string;
  readMs: number;
  importMs: number;
  reimportMs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  hits: number;
  /** The app's floor on this machine right now: GET /api/v1/organisations/{id}, taking turns. */
  floorP50: number;
  floorP95: number;
}

async function measure(kind: 'pglite' | 'postgres', database: Database, queries: string[], readMs: number): Promise<Row> {
  await runMigrations(database);
  const data = readDirectory();
  let t = performance.now();
  const first = await importDirectory(database.db, data);
  const importMs = performance.now() - t;
  if (first.tables.gemeinden.new !== 10_953) {
    throw new Error(`expected an empty database, got ${JSON.stringify(first.tables.gemeinden)}`);
  }
  t = performance.now();
  const again = await importDirectory(database.db, data);
  const reimportMs = performance.now() - t;
  if (again.tables.gemeinden.changed + again.tables.gemeinden.new + again.tables.gemeinden.removed !== 0) {
    throw new Error('re-import changed rows');
  }

  const provider = await makeOrg(database.db, { parentId: null, name: 'Bench Provider' });
  const user = await makeUser(database.db, provider, [{ role: 'provider_agent' }]);
  const app = await buildApp({ database, sessionSecret: SECRET, logLevel: 'silent' });
  await app.ready();
  const ask = (q: string) =>
    app.inject({ method: 'GET', url: `/api/v1/reference/gemeinden?q=${encodeURIComponent(q)}&limit=20`, cookies: { [SESSION_COOKIE]: user.session } });
  for (const q of queries.slice(0, 50)) {
    await ask(q); // warm-up: JIT, plan cache, buffer cache
  }
  const times: number[] = [];
  const floor: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const f = performance.now();
    await app.inject({ method: 'GET', url: `/api/v1/organisations/${provider}`, cookies: { [SESSION_COOKIE]: user.session } });
    floor.push(performance.now() - f);
    const s = performance.now();
    const res = await ask(q);
    times.push(performance.now() - s);
    if (res.statusCode !== 200) {
      throw new Error(`${q}: ${res.statusCode} ${res.body}`);
    }
    hits += (res.json() as { items: unknown[] }).items.length > 0 ? 1 : 0;
  }
  await app.close();
  times.sort((a, b) => a - b);
  floor.sort((a, b) => a - b);
  return {
    floorP50: percentile(floor, 50),
    floorP95: percentile(floor, 95),
    db: kind,
    readMs,
    importMs,
    reimportMs,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1]!,
    hits,
  };
}

async function main() {
  const t = performance.now();
  const data = readDirectory();
  const readMs = performance.now() - t;
  const random = rng(20251130);
  const queries: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const g = data.gemeinden[Math.floor(random() * data.gemeinden.length)]!;
    const r = random();
    if (r < 0.1) {
      queries.push(g.ags.slice(0, 5 + Math.floor(random() * 4))); // Kreis key … full AGS
    } else {
      const name = r < 0.3 ? g.searchName : r < 0.4 ? g.name.toUpperCase() : g.name;
      queries.push(name.slice(0, 2 + Math.floor(random() * 5)));
    }
  }
  const rows: Row[] = [];
  {
    const database = wrapPglite(new PGlite());
    rows.push(await measure('pglite', database, queries, readMs));
    await database.close();
  }
  if (ADMIN_URL !== 'off') {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    const name = `verbund_bench_ref_${Date.now()}`;
    await admin.query(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const database = openPostgres(url.toString(), { max: 4 });
    try {
      rows.push(await measure('postgres', database, queries, readMs));
    } finally {
      await database.close();
      await admin.query(`drop database if exists ${name}`).catch(() => undefined);
      await admin.end();
    }
  }
  const f = (n: number) => n.toFixed(n < 10 ? 2 : 0);
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`\nGemeindeverzeichnis bench — ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}, load ${load}, Node ${process.version}`);
  console.log(`${QUERIES} type-ahead requests through the app (in-process), limit 20; targets: import < 5000 ms, p95 < 20 ms\n`);
  console.log('| db | CSV read ms | first import ms | re-import ms | type-ahead p50 ms | p95 ms | p99 ms | max ms | queries with hits | floor p50 / p95 ms |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.db} | ${f(r.readMs)} | ${f(r.importMs)} | ${f(r.reimportMs)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.max)} | ${r.hits}/${QUERIES} | ${f(r.floorP50)} / ${f(r.floorP95)} |`,
    );
  }
  console.log('\nfloor: GET /api/v1/organisations/{id} (session, tenant transaction, one indexed row), taking turns with the type-ahead.');
}

await main();
