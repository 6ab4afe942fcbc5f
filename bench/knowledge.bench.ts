/**
 * Knowledge base search at scale, on PostgreSQL: BENCH_ARTICLES articles (default 50,000) of one
 * provider plus as many of other providers in the table; a member user searches
 * (`GET /api/v1/knowledge/articles?q=…`, German full text, ranked) and gets suggestions for a
 * ticket text (`GET /api/v1/knowledge/suggest`, OR over the words). Through app.inject, so session,
 * tenant transaction with RLS, validation and JSON are in the figure; HTTP sockets are not.
 * Prints a Markdown table and writes it to bench/results/knowledge-<date>.md.
 *
 *   npx tsx --conditions=source bench/knowledge.bench.ts
 *
 * Environment: BENCH_POSTGRES_URL (admin URL, default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_ARTICLES (default 50000), BENCH_REQUESTS (default 300), BENCH_NO_WRITE=1.
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
import { runMigrations } from '../apps/server/src/platform/db/migrate.js';
import { withSystem } from '../apps/server/src/platform/db/tenant.js';
import { makeTree } from '../apps/server/test/factories.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 50_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const SECRET = 'bench-session-secret-0123456789abcdef';

const t0 = performance.now();
const log = (m: string) => process.stderr.write(`[bench +${((performance.now() - t0) / 1000).toFixed(0)}s] ${m}\n`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

const NOUNS = ['Drucker', 'Scanner', 'Kennwort', 'Postfach', 'Kalender', 'Fachverfahren', 'Meldewesen', 'Laufwerk', 'Notebook', 'Telefon', 'Firewall', 'Zertifikat', 'Signatur', 'Rechnung', 'Kasse', 'Schule', 'Tablet', 'Monitor', 'Software', 'Update'];
const VERBS = ['einrichten', 'verbinden', 'zurücksetzen', 'installieren', 'freigeben', 'sperren', 'entsperren', 'beantragen', 'melden', 'prüfen'];
/** A PostgreSQL text[] literal (the words have no quotes or backslashes). */
const arr = (xs: readonly string[]) => `{${xs.map((x) => `"${x}"`).join(',')}}`;
const PHRASES = ['Öffnen Sie die Einstellungen', 'wählen Sie den Eintrag aus', 'melden Sie sich erneut an', 'starten Sie das Gerät neu', 'wenden Sie sich an den Service-Desk', 'prüfen Sie die Netzwerkverbindung'];

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = `verbund_bench_kb_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { max: 8 });
  try {
    await runMigrations(database);
    const a = await makeTree(database.db);
    const b = await makeTree(database.db);
    log(`inserting ${ARTICLES} articles for each of two providers`);
    for (const provider of [a.provider, b.provider]) {
      // Generated in SQL: words picked by position, so the text varies and the vectors are real.
      await withSystem(database.db, (tx) =>
        tx.execute(sql`
          insert into knowledge_articles (id, org_id, title, body, audience, status, published_at)
          select gen_random_uuid(), ${provider}::uuid,
                 (${arr(NOUNS)}::text[])[1 + i % 20] || ' ' || (${arr(VERBS)}::text[])[1 + (i / 20) % 10] || ' (' || i || ')',
                 (${arr(PHRASES)}::text[])[1 + i % 6] || '. ' || (${arr(NOUNS)}::text[])[1 + (i / 7) % 20] || ' ' || (${arr(VERBS)}::text[])[1 + i % 10] || ': '
                   || (${arr(PHRASES)}::text[])[1 + (i / 3) % 6] || ' und ' || (${arr(PHRASES)}::text[])[1 + (i / 11) % 6] || '.',
                 case when i % 10 = 0 then 'internal' else 'public' end, case when i % 25 = 0 then 'draft' else 'published' end,
                 case when i % 25 = 0 then null else now() end
            from generate_series(1, ${ARTICLES}) as i`),
      );
    }
    await database.db.execute(sql`analyze knowledge_articles`);
    const app = await buildApp({ database, sessionSecret: SECRET, logLevel: 'silent' });
    await app.ready();
    const as = (user: { session: string }, u: string) =>
      app.inject({ method: 'GET', url: u, cookies: { [SESSION_COOKIE]: user.session }, headers: { 'x-csrf-token': csrfToken(SECRET, user.session) } });
    const queries = NOUNS.flatMap((n) => VERBS.map((v) => `${n} ${v}`));
    const texts = NOUNS.map((n, i) => `Seit heute kann ich ${n} nicht mehr ${VERBS[i % VERBS.length]}, bitte um Hilfe`);
    const measure = async (label: string, make: (i: number) => string, user: { session: string }) => {
      for (let i = 0; i < 20; i++) {
        await as(user, make(i));
      }
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const s = performance.now();
        const res = await as(user, make(i));
        times.push(performance.now() - s);
        if (res.statusCode !== 200) {
          throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
        hits += (res.json() as { items: unknown[] }).items.length;
      }
      return { label, p50: pct(times, 50), p95: pct(times, 95), avgItems: hits / REQUESTS };
    };
    const rows = [
      await measure('member search `q=<noun verb>` (limit 20)', (i) => `/api/v1/knowledge/articles?limit=20&q=${encodeURIComponent(queries[i % queries.length]!)}`, a.users.userA),
      await measure('agent search `q=<noun verb>` (limit 20, internal + drafts too)', (i) => `/api/v1/knowledge/articles?limit=20&q=${encodeURIComponent(queries[i % queries.length]!)}`, a.users.agent),
      await measure('member suggestions for a ticket text (limit 5)', (i) => `/api/v1/knowledge/suggest?limit=5&q=${encodeURIComponent(texts[i % texts.length]!)}`, a.users.userA),
      await measure('member list without query (limit 50)', () => '/api/v1/knowledge/articles?limit=50', a.users.userA),
    ];
    await app.close();
    const md = [
      `# Knowledge search bench (${new Date().toISOString().slice(0, 10)})`,
      '',
      `PostgreSQL, ${ARTICLES.toLocaleString('en')} articles per provider × 2 providers, ${REQUESTS} sequential requests per figure through app.inject; ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}.`,
      '',
      '| request | p50 ms | p95 ms | items per answer |',
      '|---|---:|---:|---:|',
      ...rows.map((r) => `| ${r.label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.avgItems.toFixed(1)} |`),
    ].join('\n');
    console.log(md);
    if (!process.env.BENCH_NO_WRITE) {
      mkdirSync(path.join(here, 'results'), { recursive: true });
      writeFileSync(path.join(here, 'results', `knowledge-${new Date().toISOString().slice(0, 10)}.md`), `${md}\n`);
    }
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
