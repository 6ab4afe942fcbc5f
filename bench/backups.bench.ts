/**
 * Backup-run ingest through the real HTTP API: a server listening on a port (BENCH_PORT, default
 * 4181), an API token of the provider with backup.ingest, 10,000 runs of 100 jobs on 20 members
 * sent with fetch in batches of 1,000 (sequentially, then the same runs again = pure upserts, then
 * 2 clients in parallel on fresh starts). 2 % of the runs fail (2 of the 100 jobs), so every batch also opens or updates
 * the one ticket per failing job and settles the jobs' state (last run, last success, alert state).
 * Prints a Markdown table and writes bench/results/backups-<date>.md.
 *
 *   npx tsx --conditions=source bench/backups.bench.ts
 *
 * Environment: BENCH_POSTGRES_URL (admin URL, default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_RUNS (default 10000), BENCH_BATCH (default 1000), BENCH_PORT, BENCH_RESULTS (results file name,
 * default backups-<date>.md), BENCH_NO_WRITE=1.
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
import { makeOrg, makeTree } from '../apps/server/test/factories.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUNS = Number(process.env.BENCH_RUNS ?? 10_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const PORT = Number(process.env.BENCH_PORT ?? 4181);
const MEMBERS = 20;
const JOBS = 100;
const SECRET = 'bench-session-secret-0123456789abcdef';
const H = 3_600_000;

const t0 = performance.now();
const log = (m: string) => process.stderr.write(`[bench +${((performance.now() - t0) / 1000).toFixed(0)}s] ${m}\n`);

interface Run {
  jobId: string;
  status: 'success' | 'warning' | 'failed';
  startedAt: string;
  endedAt: string;
  bytes: number | null;
  message: string;
}

function runs(jobs: string[], n: number, offsetHours: number): Run[] {
  const out: Run[] = [];
  const base = Date.now() - (n / jobs.length + offsetHours + 2) * H;
  for (let i = 0; i < n; i++) {
    const job = jobs[i % jobs.length]!;
    const start = base + Math.floor(i / jobs.length) * H + offsetHours * H;
    const failed = i % 50 === 7;
    out.push({
      jobId: job,
      status: failed ? 'failed' : i % 40 === 3 ? 'warning' : 'success',
      startedAt: new Date(start).toISOString(),
      endedAt: new Date(start + 20 * 60_000).toISOString(),
      bytes: failed ? null : 1_000_000_000 + i,
      message: failed ? 'Zielspeicher nicht erreichbar' : 'OK',
    });
  }
  return out;
}

async function send(
  token: string,
  batch: Run[],
): Promise<{ ms: number; inserted: number; updated: number; alerts: number }> {
  const s = performance.now();
  const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/backup-runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ runs: batch }),
  });
  const body = (await res.json()) as { inserted: number; updated: number; alerts: number };
  if (res.status !== 200) {
    throw new Error(`ingest answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return { ms: performance.now() - s, ...body };
}

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) {
    out.push(xs.slice(i, i + size));
  }
  return out;
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = `verbund_bench_backups_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { max: 8 });
  const rows: string[] = [];
  const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' / ');
  try {
    await runMigrations(database);
    const tree = await makeTree(database.db);
    const members = [tree.gemeindeA, tree.gemeindeB, tree.town];
    for (let i = members.length; i < MEMBERS; i++) {
      members.push(
        await makeOrg(database.db, {
          parentId: tree.provider,
          providerId: tree.provider,
          name: `Gemeinde ${String(i).padStart(3, '0')}`,
        }),
      );
    }
    const app = await buildApp({ database, sessionSecret: SECRET, logLevel: 'silent' });
    await app.listen({ port: PORT, host: '127.0.0.1' });
    const session = {
      cookies: { [SESSION_COOKIE]: tree.users.admin.session },
      headers: { 'x-csrf-token': csrfToken(SECRET, tree.users.admin.session) },
    };
    const dc = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/sites',
        payload: { orgId: tree.provider, kind: 'data_centre', name: 'RZ' },
        ...session,
      })
    ).json().id as string;
    // Jobs of a catalogue-less bench set-up: one server asset per job, inserted directly.
    const jobs: string[] = [];
    for (let j = 0; j < JOBS; j++) {
      const member = members[j % MEMBERS]!;
      const asset = uuidv7();
      await withSystem(database.db, (tx) =>
        tx.execute(sql`insert into assets (id, org_id, provider_id, owner_org_id, using_member_id, type, inventory_number, name, status)
          values (${asset}, ${member}, ${tree.provider}, ${member}, ${member}, 'server', ${`B-${j}`}, ${`Server ${j}`}, 'deployed')`),
      );
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/backup-jobs',
        payload: {
          orgId: member,
          name: `Job ${j}`,
          targetKind: 'asset',
          assetId: asset,
          schedule: 'every 1h',
          primarySiteId: dc,
          retentionDays: 30,
          rpoHours: 2,
        },
        ...session,
      });
      jobs.push(res.json().id as string);
    }
    const token = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/organisations/${tree.provider}/api-tokens`,
        payload: { name: 'Bench', permissions: ['backup.ingest'], includeDescendants: true },
        ...session,
      })
    ).json().token as string;
    log(`${JOBS} jobs on ${MEMBERS} members; sending ${RUNS} runs in batches of ${BATCH} to http://127.0.0.1:${PORT}`);

    const figure = async (label: string, batches: Run[][], parallel: number) => {
      const lat: number[] = [];
      let inserted = 0;
      let updated = 0;
      let alerts = 0;
      const s = performance.now();
      const queue = [...batches];
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          for (let b = queue.shift(); b; b = queue.shift()) {
            const r = await send(token, b);
            lat.push(r.ms);
            inserted += r.inserted;
            updated += r.updated;
            alerts += r.alerts;
          }
        }),
      );
      const secs = (performance.now() - s) / 1000;
      const total = batches.reduce((a, b) => a + b.length, 0);
      const sorted = [...lat].sort((a, b) => a - b);
      const row = `| ${label} | ${total.toLocaleString('en')} | ${batches.length} × ${batches[0]!.length} | ${parallel} | ${secs.toFixed(2)} s | **${Math.round(total / secs).toLocaleString('en')}** | ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms | ${sorted.at(-1)!.toFixed(0)} ms | ${inserted}/${updated} | ${alerts} |`;
      rows.push(row);
      log(row);
    };

    const first = runs(jobs, RUNS, 0);
    await figure('new runs, 1 client', chunks(first, BATCH), 1);
    await figure('same runs again (upsert), 1 client', chunks(first, BATCH), 1);
    await figure('new runs, 2 clients', chunks(runs(jobs, RUNS, RUNS / JOBS + 1), BATCH), 2);
    await figure('new runs, batches of 100, 1 client', chunks(runs(jobs, RUNS, 2 * (RUNS / JOBS + 1)), 100), 1);

    const check = await withSystem(database.db, (tx) =>
      tx.execute<{ runs: number; tickets: number; failing: number }>(sql`select
        (select count(*)::int from backup_runs) as runs,
        (select count(*)::int from tickets where dedupe_key like 'backup:job:%') as tickets,
        (select count(distinct job_id)::int from backup_runs where status = 'failed') as failing`),
    );
    const c = check.rows[0]!;
    log(`stored ${c.runs} runs; ${c.tickets} tickets for ${c.failing} jobs with failures`);
    if (c.runs !== 3 * RUNS || c.tickets !== c.failing) {
      throw new Error(`unexpected state: ${JSON.stringify(c)}`);
    }
    await app.close();
    const date = new Date().toISOString().slice(0, 10);
    const md = [
      `# Backups bench ${date}`,
      '',
      `Ingest of backup runs through the real HTTP API (\`POST /api/v1/backup-runs\`, fetch over a TCP socket to a listening server, API token with backup.ingest, JSON \`{"runs": [...]}\`), PostgreSQL ${(await admin.query('show server_version')).rows[0].server_version}, Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}); the machine was shared with other work while this ran (load average before ${loadBefore}, after ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}).`,
      '',
      `Set-up: ${JOBS} jobs on ${MEMBERS} members of one provider. 2 % of the runs fail (all on 2 of the 100 jobs: every 50th run), so each batch also opens or updates the one ticket per failing job (service desk, advisory lock per job) and every batch settles the state of its jobs (last run, last success, alert state) in one statement. Each request is one tenant transaction (RLS as the request role).`,
      '',
      '| figure | runs | batches | clients | wall time | runs/s | median batch | slowest batch | inserted/updated | ticket opens+updates |',
      '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      `After the run: ${c.runs.toLocaleString('en')} runs stored, ${c.tickets} tickets for ${c.failing} jobs with failures (one per job, no storm). Script: \`bench/backups.bench.ts\`.`,
      '',
    ].join('\n');
    process.stdout.write(`${md}\n`);
    if (!process.env.BENCH_NO_WRITE) {
      mkdirSync(path.join(here, 'results'), { recursive: true });
      writeFileSync(path.join(here, 'results', process.env.BENCH_RESULTS ?? `backups-${date}.md`), md);
    }
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
