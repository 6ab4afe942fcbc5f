/**
 * Member list with the KITU scenario ×10 (1,000 members under one provider), and the
 * Gemeindeverzeichnis import, on PGlite and on PostgreSQL.
 *
 *   npx tsx --conditions=source bench/members.bench.ts
 *   node bench/run.mjs members
 *
 * Per database:
 *   1. migrate a fresh database; read the five CSV files and import all 10,953 Gemeinden (timed
 *      together: the "import incl. CSV read" figure, target < 5 s), then re-import (idempotent);
 *   2. seed the `kitu` scenario as `verbund seed --scenario kitu` does, then nine more copies of its
 *      100 members with their agreements, population and onboardings under the same provider
 *      (the scenario code itself runs ten times: see CopyBuilder), so admin@kitu.demo sees 1,000;
 *   3. checks before it measures: the unfiltered list's total is 1,000 and a search finds ten;
 *   4. sends a fixed mix of GET /api/v1/organisations?kind=member&within=<provider>&limit=50
 *      requests through the real app (app.inject: routing, session, tenant transaction with RLS,
 *      validation, SQL, serialization): unfiltered by name, sorted backwards, by creation, search
 *      terms (word starts and inner parts of real names), agreement status and kind, Kreis, type,
 *      combinations, and a second page by cursor. p50/p95/p99 per variant and overall (target p95 < 50 ms).
 *   A floor is measured alongside, taking turns: GET /api/v1/organisations/{provider}.
 *
 * Environment: BENCH_POSTGRES_URL (admin URL, default postgres://postgres@127.0.0.1:5432/test;
 * "off" skips PostgreSQL), BENCH_ROUNDS (default 40 per variant), BENCH_NO_WRITE=1 (no results file).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { sessions } from '../apps/server/src/platform/auth/auth.schema.js';
import { SESSION_COOKIE } from '../apps/server/src/platform/auth/auth.plugin.js';
import { newSecret, sha256 } from '../apps/server/src/platform/auth/tokens.js';
import { openPostgres, wrapPglite, type Database } from '../apps/server/src/platform/db/client.js';
import { runMigrations } from '../apps/server/src/platform/db/migrate.js';
import { withSystem } from '../apps/server/src/platform/db/tenant.js';
import { importDirectory, readDirectory } from '../apps/server/src/modules/reference/index.js';
import { seedScenarios } from '../apps/server/src/seed/scenarios/index.js';
import { ScenarioBuilder } from '../apps/server/src/seed/scenarios/builder.js';
import { directory } from '../apps/server/src/seed/scenarios/directory.js';
import { kitu } from '../apps/server/src/seed/scenarios/kitu.js';
import { hashPassword } from '../apps/server/src/platform/auth/password.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = Math.max(5, Number(process.env.BENCH_ROUNDS ?? 40));
const SECRET = 'bench-session-secret-0123456789abcdef';
const COPIES = 10;

/**
 * The KITU scenario once more into the same provider: the scenario sees no members (so it adds its
 * 100 again), and its users exist already (the first run made them).
 */
class CopyBuilder extends ScenarioBuilder {
  override async hasMembers(): Promise<boolean> {
    return false;
  }
  override async user(): Promise<void> {
    await this.flush();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

interface Variant {
  label: string;
  query: string;
}

interface Result {
  db: string;
  importMs: number;
  reimportMs: number;
  seedMs: number;
  members: number;
  overall: { p50: number; p95: number; p99: number; max: number; n: number };
  perVariant: { label: string; p50: number; p95: number; rows: number }[];
  floorP50: number;
  floorP95: number;
}

async function measure(kind: 'pglite' | 'postgres', database: Database): Promise<Result> {
  await runMigrations(database);
  let t = performance.now();
  await importDirectory(database.db, readDirectory());
  const importMs = performance.now() - t;
  t = performance.now();
  await importDirectory(database.db, readDirectory());
  const reimportMs = performance.now() - t;

  t = performance.now();
  await seedScenarios(database.db, ['kitu']);
  const dir = directory();
  const hash = await hashPassword('unused-bench-password');
  for (let i = 1; i < COPIES; i++) {
    await withSystem(database.db, async (tx) => {
      await kitu(new CopyBuilder(tx, dir, hash), dir, new Date().getUTCFullYear());
    });
  }
  const seedMs = performance.now() - t;
  const token = newSecret();
  const ids = await withSystem(database.db, async (tx) => {
    const r = await tx.execute<{ user_id: string; provider: string }>(
      sql`select u.id as user_id, o.id as provider from users u join organisations o on o.name = 'Kommunale IT-UNION eG' where u.email = 'admin@kitu.demo'`,
    );
    const row = r.rows[0]!;
    await tx.insert(sessions).values({ tokenHash: sha256(token), userId: row.user_id, expiresAt: new Date(Date.now() + 3_600_000) });
    return row;
  });
  await database.db.execute(sql`analyze`);

  const app = await buildApp({ database, sessionSecret: SECRET, logLevel: 'silent' });
  await app.ready();
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: token } });
    if (res.statusCode !== 200) {
      throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    }
    return res.json() as { items: { name: string }[]; total: number; nextCursor: string | null };
  };
  const base = `/api/v1/organisations?kind=member&within=${ids.provider}&limit=50`;
  const all = await get(base);
  if (all.total !== COPIES * 100) {
    throw new Error(`expected ${COPIES * 100} members, the list says ${all.total}`);
  }
  const magdeburg = await get(`${base}&q=Magdeburg`);
  if (magdeburg.total < COPIES) {
    throw new Error(`a search for Magdeburg found ${magdeburg.total}, expected at least ${COPIES}`);
  }
  const variants: Variant[] = [
    { label: 'by name', query: '&sort=name' },
    { label: 'by name, backwards', query: '&sort=-name' },
    { label: 'newest first', query: '&sort=-createdAt' },
    { label: 'search "stadt"', query: '&q=stadt' },
    { label: 'search "Magdeburg"', query: '&q=Magdeburg' },
    { label: 'search "leben" (inner)', query: '&q=leben' },
    { label: 'search "Ba"', query: '&q=Ba' },
    { label: 'status active', query: '&status=active' },
    { label: 'status onboarding', query: '&status=onboarding' },
    { label: 'kind genossenschaft', query: '&agreementKind=genossenschaft' },
    { label: 'Kreis 15083', query: '&kreis=15083' },
    { label: 'type stadt', query: '&type=stadt' },
    { label: 'type + status + search', query: '&type=stadt&status=active&q=a' },
    { label: 'second page', query: `&cursor=${encodeURIComponent(all.nextCursor ?? '')}` },
  ];
  for (const v of variants) {
    for (let i = 0; i < 3; i++) {
      await get(base + v.query); // warm-up: JIT, plan and buffer caches
    }
  }
  const times = new Map<string, number[]>(variants.map((v) => [v.label, []]));
  const rows = new Map<string, number>();
  const floor: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const v of variants) {
      const f = performance.now();
      await get(`/api/v1/organisations/${ids.provider}`);
      floor.push(performance.now() - f);
      const s = performance.now();
      const body = await get(base + v.query);
      times.get(v.label)!.push(performance.now() - s);
      rows.set(v.label, body.total);
    }
  }
  await app.close();
  const everything = [...times.values()].flat().sort((a, b) => a - b);
  floor.sort((a, b) => a - b);
  return {
    db: kind,
    importMs,
    reimportMs,
    seedMs,
    members: all.total,
    overall: { p50: percentile(everything, 50), p95: percentile(everything, 95), p99: percentile(everything, 99), max: everything.at(-1)!, n: everything.length },
    perVariant: variants.map((v) => {
      const s = times.get(v.label)!.sort((a, b) => a - b);
      return { label: v.label, p50: percentile(s, 50), p95: percentile(s, 95), rows: rows.get(v.label) ?? 0 };
    }),
    floorP50: percentile(floor, 50),
    floorP95: percentile(floor, 95),
  };
}

async function main() {
  const load0 = os.loadavg();
  const results: Result[] = [];
  {
    const database = wrapPglite(new PGlite());
    results.push(await measure('pglite', database));
    await database.close();
  }
  if (ADMIN_URL !== 'off') {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    const name = `verbund_bench_members_${Date.now()}`;
    await admin.query(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const database = openPostgres(url.toString(), { max: 4 });
    try {
      results.push(await measure('postgres', database));
    } finally {
      await database.close();
      await admin.query(`drop database if exists ${name}`).catch(() => undefined);
      await admin.end();
    }
  }
  const load1 = os.loadavg();
  const f = (n: number) => n.toFixed(n < 10 ? 2 : 0);
  const out: string[] = [];
  out.push(`# Members bench — ${new Date().toISOString()}`);
  out.push('');
  out.push(
    `${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}, Node ${process.version}, load average before ${load0.map((l) => l.toFixed(1)).join(' ')}, after ${load1.map((l) => l.toFixed(1)).join(' ')}. Server, database and bench share the machine.`,
  );
  out.push('');
  out.push('## Gemeindeverzeichnis import (10,953 Gemeinden; target < 5000 ms incl. CSV read)');
  out.push('');
  out.push('| db | first import incl. CSV read ms | re-import of the same edition ms |');
  out.push('|---|---|---|');
  for (const r of results) {
    out.push(`| ${r.db} | ${f(r.importMs)} | ${f(r.reimportMs)} |`);
  }
  out.push('');
  out.push(`## Member list, KITU ×${COPIES} (${COPIES * 100} members), GET /api/v1/organisations?kind=member&within=…&limit=50 (target p95 < 50 ms)`);
  out.push('');
  out.push(`${ROUNDS} rounds over ${results[0]?.perVariant.length ?? 0} request variants, one request at a time, in-process (app.inject), as admin@kitu.demo (provider_admin with descendants).`);
  out.push('');
  out.push('| db | seed ms | requests | p50 ms | p95 ms | p99 ms | max ms | floor p50 / p95 ms |');
  out.push('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    out.push(`| ${r.db} | ${f(r.seedMs)} | ${r.overall.n} | ${f(r.overall.p50)} | ${f(r.overall.p95)} | ${f(r.overall.p99)} | ${f(r.overall.max)} | ${f(r.floorP50)} / ${f(r.floorP95)} |`);
  }
  out.push('');
  out.push(`| variant | matches | ${results.map((r) => `${r.db} p50 / p95 ms`).join(' | ')} |`);
  out.push(`|---|---|${results.map(() => '---').join('|')}|`);
  for (const [i, v] of (results[0]?.perVariant ?? []).entries()) {
    out.push(`| ${v.label} | ${v.rows} | ${results.map((r) => `${f(r.perVariant[i]!.p50)} / ${f(r.perVariant[i]!.p95)}`).join(' | ')} |`);
  }
  out.push('');
  out.push('floor: GET /api/v1/organisations/{provider} (session, tenant transaction, one indexed row), taking turns with the list.');
  const text = out.join('\n');
  console.log(text);
  if (!process.env.BENCH_NO_WRITE) {
    const dir = path.join(here, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `members-${new Date().toISOString().slice(0, 10)}.md`), `${text}\n`);
  }
}

await main();
