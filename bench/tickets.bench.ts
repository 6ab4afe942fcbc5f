/**
 * Service desk under load on PostgreSQL with 1,000 members and 1,000,000 tickets (seed-tickets.ts),
 * through the real HTTP app (Fastify listening on 127.0.0.1, sessions, tenant transactions with RLS):
 *
 * - create: POST /api/v1/tickets as the agent, c=10 (req/s and p95);
 * - agent queue: GET /api/v1/tickets?member=…&status=open (p95);
 * - member portal: GET /api/v1/tickets as a member_user (its own tickets; p95);
 * - search: GET /api/v1/tickets?q=… German full text as the agent (p95).
 *
 *   npx tsx --conditions=source bench/tickets.bench.ts
 *
 * Environment: BENCH_POSTGRES_URL (admin URL, default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_DURATION (seconds per figure, default 10), BENCH_TICKETS / BENCH_MEMBERS (generator sizes),
 * BENCH_NO_WRITE=1 (no results file), BENCH_ONLY=<part of a measure's name> (only that measure). The bench database is created and dropped by the bench.
 */
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { SESSION_COOKIE } from '../apps/server/src/platform/auth/auth.plugin.js';
import { csrfToken, newSecret, sha256 } from '../apps/server/src/platform/auth/tokens.js';
import { sessions } from '../apps/server/src/platform/auth/auth.schema.js';
import { sql } from 'drizzle-orm';
import { openPostgres } from '../apps/server/src/platform/db/client.js';
import { runMigrations } from '../apps/server/src/platform/db/migrate.js';
import { summarize, type Stats } from './lib/stats.js';
import type { TicketBenchSeed } from './seed-tickets.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DURATION = Math.max(1, Number(process.env.BENCH_DURATION ?? 10));
const SECRET = 'bench-session-secret-0123456789abcdef';
const CONNECTIONS = 10;

const log = (msg: string) => process.stderr.write(`[tickets bench] ${msg}\n`);

const loader = fork(path.join(here, 'lib/tickets-load.mjs'));
function load(opts: { url: string; method?: string; headers: Record<string, string>; body?: string; duration: number }): Promise<Stats & { non2xx: number }> {
  return new Promise((resolve, reject) => {
    loader.once('message', (m: { error?: string; times: number[]; seconds: number; non2xx: number }) => {
      if (m.error) {
        reject(new Error(m.error));
        return;
      }
      resolve({ ...summarize(m.times, m.seconds), non2xx: m.non2xx });
    });
    loader.send({ ...opts, connections: CONNECTIONS });
  });
}

/** A kept bench database: the provider, members and callers it already has (fresh sessions). */
async function reuse(database: ReturnType<typeof openPostgres>): Promise<TicketBenchSeed> {
  await runMigrations(database);
  const q = async <T extends Record<string, unknown>>(text: string) => (await database.db.execute<T>(sql.raw(text))).rows;
  const [p] = await q<{ id: string }>("select id from organisations where kind = 'provider' and name = 'Bench-Zweckverband' limit 1");
  const members = (await q<{ id: string }>(`select id from organisations where provider_id = '${p!.id}' and kind = 'member' order by name`)).map((r) => r.id);
  const [agent] = await q<{ id: string }>(`select id from users where email like 'agent-%@bench.verbund'`);
  const [member] = await q<{ id: string; org_id: string }>(`select id, org_id from users where email like 'user-%@bench.verbund'`);
  // Tickets an earlier run created (after the seed, which dates every ticket before it ran) would
  // lengthen the members' queues from run to run.
  await q(`delete from tickets where provider_id = '${p!.id}' and created_at > (select created_at from organisations where id = '${p!.id}')`);
  // Fresh statistics and no dead entries, as autovacuum would leave them: runs in a row leave the
  // statistics stale (the planner then reads a member's open queue by bitmap and sort instead of
  // newest first), and the thousands of tickets each create run adds and the next run deletes stay
  // in the open-queue index as dead entries (37,000 after a dozen runs: queue p95 80 -> 150 ms).
  await q('vacuum analyze tickets');
  const [n] = await q<{ n: number }>(`select count(*)::int as n from tickets where provider_id = '${p!.id}'`);
  const tokens = { agent: newSecret(), member: newSecret() };
  const expiresAt = new Date(Date.now() + 86_400_000);
  await database.db.insert(sessions).values([
    { tokenHash: sha256(tokens.agent), userId: agent!.id, expiresAt },
    { tokenHash: sha256(tokens.member), userId: member!.id, expiresAt },
  ]);
  return { providerId: p!.id, members, memberOrg: member!.org_id, agent: { id: agent!.id, token: tokens.agent }, member: { id: member!.id, token: tokens.member }, tickets: n!.n };
}

/**
 * The generator in a process of its own: run in this one, it left the server a heap grown by a
 * million generated rows, and create cost twice the Node CPU of a run on a kept database.
 */
function seedInChild(url: string): Promise<TicketBenchSeed> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, 'seed-tickets.ts'), [url]);
    let seed: TicketBenchSeed | undefined;
    child.once('message', (m: TicketBenchSeed) => {
      seed = m;
    });
    child.once('error', reject);
    // 'close', not 'exit': the seed message may still be on its way when the process has exited.
    child.once('close', (code) => (seed && code === 0 ? resolve(seed) : reject(new Error(`seed-tickets exited with ${code}`))));
  });
}

/**
 * CPU seconds (user + system) the bench database's backends have used so far, from /proc (Linux;
 * undefined elsewhere). With the server in this process, process.cpuUsage() is the Node side.
 */
async function backendCpuMs(admin: pg.Client, db: string): Promise<number | undefined> {
  const pids = (await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [db])).rows.map((r) => r.pid);
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return undefined;
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

async function main() {
  // BENCH_KEEP_DB=<name>: generate into that database once and keep it (for EXPLAIN and reruns).
  const keep = process.env.BENCH_KEEP_DB;
  const name = keep ?? `verbund_bench_tickets_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  if (!exists) {
    await admin.query(`create database ${name}`);
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { max: 10 });
  const rows: { what: string; stats: Stats & { non2xx: number }; target: string; met: boolean; nodeMs: number; pgMs: number | undefined }[] = [];
  let seedSeconds = 0;
  let seeded: TicketBenchSeed | undefined;
  try {
    const t0 = Date.now();
    const reused = Boolean(keep && exists);
    seeded = reused ? await reuse(database) : await seedInChild(url.toString());
    seedSeconds = (Date.now() - t0) / 1000;
    if (!reused) {
      // Measure the steady state, not the load's aftermath: the checkpointer would otherwise write
      // the generator's gigabyte while the figures run.
      await admin.query('checkpoint');
    }
    const app = await buildApp({ database, sessionSecret: SECRET, logLevel: 'silent' });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const as = (token: string, write = false) => ({
      cookie: `${SESSION_COOKIE}=${token}`,
      accept: 'application/json',
      ...(write ? { 'content-type': 'application/json', 'x-csrf-token': csrfToken(SECRET, token) } : {}),
    });
    if (seeded.members.length < 19) {
      throw new Error('the bench measures members 17 and 18: BENCH_MEMBERS must be at least 19');
    }
    const member = seeded.members[17]!;
    const check = async (p: string, token: string) => {
      const res = await fetch(address + p, { headers: as(token) });
      const body = (await res.json()) as { items?: unknown[] };
      if (res.status !== 200 || !Array.isArray(body.items) || body.items.length === 0) {
        throw new Error(`${p}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      }
      return body.items.length;
    };
    const queue = `/api/v1/tickets?member=${member}&status=open&limit=50`;
    const portal = '/api/v1/tickets?limit=50';
    const search = `/api/v1/tickets?q=${encodeURIComponent('Drucker Bürgerbüro')}&limit=50`;
    log(`sanity: queue ${await check(queue, seeded.agent.token)}, portal ${await check(portal, seeded.member.token)}, search ${await check(search, seeded.agent.token)} rows`);

    const only = process.env.BENCH_ONLY?.toLowerCase();
    const measure = async (what: string, opts: Parameters<typeof load>[0], target: string, ok: (s: Stats) => boolean) => {
      if (only && !what.toLowerCase().includes(only)) {
        return;
      }
      log(`${what}: warm-up 2 s, then ${DURATION} s at c=${CONNECTIONS}`);
      await load({ ...opts, duration: 2 });
      // Backends that end during the run take their CPU time with them: the pool keeps its 10.
      const node0 = process.cpuUsage();
      const pg0 = await backendCpuMs(admin, name);
      const stats = await load({ ...opts, duration: DURATION });
      const node1 = process.cpuUsage(node0);
      const pg1 = await backendCpuMs(admin, name);
      const served = Math.max(1, stats.requests);
      const nodeMs = (node1.user + node1.system) / 1000 / served;
      const pgMs = pg0 !== undefined && pg1 !== undefined ? (pg1 - pg0) / served : undefined;
      rows.push({ what, stats, target, met: ok(stats) && stats.non2xx === 0, nodeMs, pgMs });
      log(`${what}: ${stats.rps.toFixed(0)} req/s, p95 ${stats.p95.toFixed(1)} ms, non-2xx ${stats.non2xx}`);
    };
    // Creates go to another member than the queue measured next: a create run adds thousands of
    // open tickets, and the queue of a member that grew 50-fold seconds ago is planned on the
    // statistics of before (bitmap and sort over all of them) until autovacuum analyzes again.
    const body = JSON.stringify({ orgId: seeded.members[18]!, title: 'Drucker im Bürgerbüro druckt nicht', description: 'Papierstau gemeldet, obwohl kein Papier klemmt.', impact: 'medium', urgency: 'high' });
    await measure('create ticket (POST, agent)', { url: address + '/api/v1/tickets', method: 'POST', headers: as(seeded.agent.token, true), body, duration: DURATION }, '≥ 300 req/s', (s) => s.rps >= 300);
    await measure('agent queue: member + status open', { url: address + queue, headers: as(seeded.agent.token), duration: DURATION }, 'p95 < 100 ms', (s) => s.p95 < 100);
    await measure('member portal: own tickets', { url: address + portal, headers: as(seeded.member.token), duration: DURATION }, 'p95 < 100 ms', (s) => s.p95 < 100);
    await measure('full-text search (agent, 1M tickets)', { url: address + search, headers: as(seeded.agent.token), duration: DURATION }, 'p95 < 200 ms', (s) => s.p95 < 200);
    await app.close();
  } finally {
    loader.kill();
    await database.close();
    if (!keep) {
      await admin.query(`drop database if exists ${name}`);
    }
    await admin.end();
  }

  const load1 = os.loadavg()[0]!.toFixed(1);
  const lines = [
    `# Service desk bench — ${new Date().toISOString().slice(0, 10)}`,
    '',
    `PostgreSQL (${ADMIN_URL.replace(/\/\/[^@]*@/, '//…@')}), ${seeded!.tickets.toLocaleString('en')} tickets over ${seeded!.members.length} members of one provider`,
    `(bench/seed-tickets.ts, ${seedSeconds.toFixed(0)} s to generate). Real HTTP app in-process, load from a forked autocannon at c=${CONNECTIONS},`,
    `${DURATION} s per figure after 2 s warm-up. Machine: ${os.cpus().length} cores shared with other helpers' builds and tests; load average at the end ${load1}.`,
    '',
    '| measure | req/s | p50 ms | p95 ms | p99 ms | non-2xx | CPU ms/req (Node + PostgreSQL) | target | verdict |',
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.stats.rps.toFixed(0)} | ${r.stats.p50.toFixed(1)} | ${r.stats.p95.toFixed(1)} | ${r.stats.p99.toFixed(1)} | ${r.stats.non2xx} | ${r.nodeMs.toFixed(1)} + ${r.pgMs?.toFixed(1) ?? '?'} | ${r.target} | ${r.met ? 'met' : '**missed**'} |`,
    ),
    '',
  ];
  const out = lines.join('\n');
  console.log(out);
  if (!process.env.BENCH_NO_WRITE) {
    mkdirSync(path.join(here, 'results'), { recursive: true });
    const file = path.join(here, 'results', `tickets-${new Date().toISOString().slice(0, 10)}.md`);
    writeFileSync(file, out);
    log(`wrote ${file}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  loader.kill();
  process.exit(1);
});
