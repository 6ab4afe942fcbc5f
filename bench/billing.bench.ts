/**
 * A usage billing run for 1,000 members × 50 subscriptions on PostgreSQL, end to end through the
 * billing services (the code behind POST /api/v1/billing-runs and POST …/{id}/issue):
 *
 *   1. migrate a fresh database `verbund_bench_billing_<ms>`; seed one provider with billing
 *      settings, 1,000 members (address, default Leitweg-ID, active agreement), 50 services priced
 *      in this year's list and 50 subscriptions per member (a quantity change mid-year on every
 *      tenth, so lines are cut pro rata) — 50,000 subscriptions in bulk inserts;
 *   2. compute: create the run (billable subscriptions × price list → 1,000 draft invoices with
 *      50–55 lines each);
 *   3. issue: one transaction with the counter row locked, every invoice numbered, its XRechnung
 *      (UBL) written AND validated with packages/einvoice, stored with its sha256, price list frozen;
 *      timed until the run is `issued` (committed);
 *   4. PDFs: the job then renders and stores a PDF per invoice in small transactions (timed apart);
 *   5. checks: 1,000 issued invoices numbered 1…1,000 without a gap, 1,000 stored XML documents,
 *      and every stored XML validates again (re-read from the database).
 *
 *   npx tsx --conditions=source bench/billing.bench.ts
 *   node bench/run.mjs billing
 *
 * Environment: BENCH_POSTGRES_URL (admin URL, default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_MEMBERS (default 1000), BENCH_SUBS (default 50), BENCH_NO_WRITE=1 (no results file),
 * BENCH_OUT (results file; default bench/results/billing-<date>.md), BENCH_KEEP_DB=1,
 * BENCH_PHASE=seed (create + seed a database and keep it; run it under /tmp/verbund-test) and
 * BENCH_PHASE=measure BENCH_DB=<name> (measure on that database, then drop it; /tmp/verbund-bench),
 * BENCH_CPU_PROF=<dir> (CPU profiles of compute and issue, and the statements by time awaited),
 * BENCH_XML_WORKERS=<n> (XRechnung worker threads; 0 = on the main thread; default one per core).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { validate } from '@verbund/einvoice';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { userContext } from '../apps/server/src/platform/auth/auth.context.js';
import { openPostgres, type Database } from '../apps/server/src/platform/db/client.js';
import { uuidv7 } from '../apps/server/src/platform/db/columns.js';
import { runMigrations } from '../apps/server/src/platform/db/migrate.js';
import { withSystem } from '../apps/server/src/platform/db/tenant.js';
import { organisations } from '../apps/server/src/modules/organisations/index.js';
import { users } from '../apps/server/src/modules/users/index.js';
import { agreements } from '../apps/server/src/modules/agreements/index.js';
import { leitwegIds, makeLeitwegId } from '../apps/server/src/modules/members/index.js';
import { priceListItems, priceLists, services, subscriptionQuantities, subscriptions } from '../apps/server/src/modules/catalog/index.js';
import { BillingRunsService, billingSettings, XmlPool } from '../apps/server/src/modules/billing/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1000);
const SUBS = Number(process.env.BENCH_SUBS ?? 50);
const YEAR = 2026;

async function chunks<T>(rows: T[], size: number, fn: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) {
    await fn(rows.slice(i, i + size));
  }
}

async function seed(database: Database) {
  const provider = uuidv7();
  const memberIds: string[] = [];
  const financeId = uuidv7();
  await withSystem(database.db, async (tx) => {
    await tx.insert(organisations).values({ id: provider, parentId: null, providerId: provider, kind: 'provider', type: 'aoer', name: 'Bench IT AöR', street: 'Hauptstraße 1', postalCode: '99084', city: 'Erfurt' });
    await tx.insert(users).values({ id: financeId, orgId: provider, email: `finance-${provider}@bench.verbund`, name: 'Bench Finance', passwordHash: 'x', active: true });
    await tx.insert(billingSettings).values({
      orgId: provider,
      sellerName: 'Bench IT AöR',
      street: 'Hauptstraße 1',
      postalCode: '99084',
      city: 'Erfurt',
      vatId: 'DE123456789',
      iban: 'DE02120300000000202051',
      bic: 'BYLADEM1001',
      contactName: 'Finanzen',
      contactPhone: '+49 361 000000',
      contactEmail: 'finanzen@bench.verbund',
      electronicAddress: 'rechnung@bench.verbund',
    });
    const orgs = [];
    const lw = [];
    const ags = [];
    for (let i = 0; i < MEMBERS; i++) {
      const id = uuidv7();
      memberIds.push(id);
      const grob = `16${String(100000 + i).padStart(6, '0')}`;
      orgs.push({ id, parentId: provider, providerId: provider, kind: 'member' as const, type: 'gemeinde', name: `Gemeinde ${String(i).padStart(4, '0')}`, ags: grob, street: 'Markt 1', postalCode: '07545', city: 'Gera' });
      lw.push({ orgId: id, providerId: provider, leitwegId: makeLeitwegId(grob, 'RE'), isDefault: true });
      ags.push({ orgId: id, providerId: provider, kind: 'zweckvereinbarung' as const, status: 'active' as const, title: 'ZV', intentDeclaredAt: '2020-01-01', signedAt: '2020-02-01', activeSince: '2020-03-01', vatTreatment: 'taxable_19' as const });
    }
    await chunks(orgs, 500, (p) => tx.insert(organisations).values(p));
    await chunks(lw, 1000, (p) => tx.insert(leitwegIds).values(p));
    await chunks(ags, 500, (p) => tx.insert(agreements).values(p));
    const svc = Array.from({ length: SUBS }, (_, i) => ({
      id: uuidv7(),
      providerId: provider,
      code: `SVC-${String(i).padStart(2, '0')}`,
      nameDe: `Leistung ${i}`,
      category: 'Bench',
      chargeUnit: 'user' as const,
      unitCode: 'C62',
      vatTreatment: 'taxable_19' as const,
    }));
    await tx.insert(services).values(svc);
    const listId = uuidv7();
    await tx.insert(priceLists).values({ id: listId, providerId: provider, year: YEAR, name: `LEV ${YEAR}`, publishedAt: new Date() });
    await tx.insert(priceListItems).values(svc.map((s, i) => ({ providerId: provider, priceListId: listId, serviceId: s.id, unitPrice: `${12 + i}.${String(1000 + i * 37).slice(-4)}` })));
    const subs = [];
    const qty = [];
    for (const [m, orgId] of memberIds.entries()) {
      for (const [i, s] of svc.entries()) {
        const id = uuidv7();
        subs.push({ id, orgId, providerId: provider, serviceId: s.id, validFrom: `${YEAR}-01-01`, validTo: null });
        qty.push({ orgId, subscriptionId: id, validFrom: `${YEAR}-01-01`, quantity: String(1 + ((m + i) % 40)) });
        if ((m + i) % 10 === 0) {
          qty.push({ orgId, subscriptionId: id, validFrom: `${YEAR}-02-15`, quantity: String(2 + ((m + i) % 40)) });
        }
      }
    }
    await chunks(subs, 5000, (p) => tx.insert(subscriptions).values(p));
    await chunks(qty, 5000, (p) => tx.insert(subscriptionQuantities).values(p));
  });
  const finance = userContext({ userId: financeId, sessionId: null, requestId: 'bench' }, [provider, ...memberIds].map((orgId) => ({ orgId, roles: ['provider_finance' as const] })));
  return { provider, finance };
}

/** Times every statement pg sends while enabled (BENCH_CPU_PROF): where the database time goes. */
function recordStatements() {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const byLabel = new Map<string, { n: number; ms: number }>();
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = (typeof first === 'string' ? first : (first?.text ?? '?')).replace(/\s+/g, ' ').trim().slice(0, 90);
    const t0 = performance.now();
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      const done = () => {
        const e = byLabel.get(text) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += performance.now() - t0;
        byLabel.set(text, e);
      };
      (result as Promise<unknown>).then(done, done);
    }
    return result;
  };
  return {
    stop() {
      proto.query = original;
      return [...byLabel].sort((a, b) => b[1].ms - a[1].ms);
    },
  };
}

async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) {
    return fn();
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  const statements = recordStatements();
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `billing-${name}.cpuprofile`), JSON.stringify(profile));
    const top = statements.stop().slice(0, 15);
    console.log(`\n${name}: statements by total time awaited\n${top.map(([t, e]) => `${e.ms.toFixed(0).padStart(7)} ms ${String(e.n).padStart(5)}× ${t}`).join('\n')}`);
  }
}

/** The provider seeded into an existing bench database, and a finance user over its tree. */
async function seededProvider(database: Database) {
  const r = await database.db.execute<{ provider: string; finance: string; members: string[] }>(sql`
    select p.id as provider, (select u.id from users u where u.org_id = p.id limit 1) as finance,
      (select array_agg(m.id) from organisations m where m.parent_id = p.id) as members
    from organisations p where p.kind = 'provider' and p.name = 'Bench IT AöR'`);
  const row = r.rows[0]!;
  const finance = userContext({ userId: row.finance, sessionId: null, requestId: 'bench' }, [row.provider, ...row.members].map((orgId) => ({ orgId, roles: ['provider_finance' as const] })));
  return { provider: row.provider, finance };
}

async function main() {
  // BENCH_PHASE=seed creates and seeds a database and keeps it (run under /tmp/verbund-test);
  // BENCH_PHASE=measure BENCH_DB=<name> measures on it and drops it (run under /tmp/verbund-bench).
  const phase = process.env.BENCH_PHASE ?? 'all';
  const name = process.env.BENCH_DB ?? `verbund_bench_billing_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  if (phase !== 'measure') {
    await admin.query(`create database ${name}`);
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { max: 4 });
  const fig: Record<string, number> = {};
  let lines = 0;
  let keep = process.env.BENCH_KEEP_DB === '1';
  let runsPoolClose: (() => Promise<void>) | undefined;
  try {
    let t = performance.now();
    let seeded: { provider: string; finance: ReturnType<typeof userContext> };
    if (phase === 'measure') {
      seeded = await seededProvider(database);
    } else {
      await runMigrations(database);
      fig.migrateMs = performance.now() - t;
      t = performance.now();
      seeded = await seed(database);
      // Fresh statistics, as autovacuum would have them after a bulk import: with none the planner
      // takes 50,000 subscriptions for one row and nests loops over the organisations.
      await database.db.execute(sql`analyze`);
      fig.seedMs = performance.now() - t;
      if (phase === 'seed') {
        keep = true;
        console.log(`seeded ${name} (migrate ${(fig.migrateMs / 1000).toFixed(1)} s, seed ${(fig.seedMs / 1000).toFixed(1)} s); measure with BENCH_PHASE=measure BENCH_DB=${name}`);
        return;
      }
    }
    const { finance } = seeded;

    // BENCH_XML_WORKERS=0 writes and validates on the main thread (to compare); default: one worker
    // per core (at most 4), as the server has. A server starts them once (at a run's preview); here
    // they are started and timed before the clock runs. From TypeScript sources (tsx) each worker
    // transpiles packages/einvoice on start, which a built server does not.
    const pool = new XmlPool(Number(process.env.BENCH_XML_WORKERS ?? Math.min(4, os.availableParallelism())));
    t = performance.now();
    fig.workers = (await pool.start()) ? pool.size : 0;
    fig.workerStartMs = performance.now() - t;
    runsPoolClose = () => pool.close();
    const runs = new BillingRunsService(database.db, { log: (m, e) => console.error(m, e), xmlPool: pool });
    fig.loadBefore = os.loadavg()[0]!;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const run = await profiled('compute', () => runs.create(finance, { kind: 'usage', periodStart: `${YEAR}-01-01`, periodEnd: `${YEAR}-03-31`, issueDate: `${YEAR}-04-02` }));
    fig.computeMs = performance.now() - t0;
    const cpu1 = process.cpuUsage();
    fig.computeCpuMs = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1000;
    if (run.summary.invoices !== MEMBERS) {
      throw new Error(`expected ${MEMBERS} draft invoices, got ${run.summary.invoices}`);
    }
    t = performance.now();
    let polls = 0;
    let progressSeen = 0;
    await profiled('issue', async () => {
      await runs.startIssue(finance, run.id);
      // Poll the committed run the way the UI does (its own cheap read, on its own connection):
      // the progress is stored on the run, so it must move while the transaction runs.
      for (;;) {
        const r = await database.db.execute<{ status: string; progress: { phase: string; done: number } | null }>(sql`select status, progress from billing_runs where id = ${run.id}`);
        polls++;
        const row = r.rows[0]!;
        if (row.status === 'issuing' && row.progress?.phase === 'issue' && row.progress.done > 0) {
          progressSeen++;
        }
        if (row.status !== 'issuing') {
          if (row.status !== 'issued') {
            throw new Error(`run ended as ${row.status}: ${(await runs.get(finance, run.id)).lastError}`);
          }
          break;
        }
        await new Promise((res) => setTimeout(res, 20));
      }
    });
    fig.issueMs = performance.now() - t;
    fig.endToEndMs = performance.now() - t0;
    fig.progressSeen = progressSeen;
    fig.polls = polls;
    const cpu2 = process.cpuUsage();
    fig.issueCpuMs = (cpu2.user + cpu2.system - cpu1.user - cpu1.system) / 1000;
    fig.loadAfter = os.loadavg()[0]!;
    t = performance.now();
    await runs.settled(run.id);
    fig.pdfMs = performance.now() - t;

    // Checks: gapless numbers, one XML and one PDF per invoice, every stored XML valid.
    const numbers = await database.db.execute<{ number: string; lines: number }>(
      sql`select number, jsonb_array_length(lines)::int as lines from invoices where run_id = ${run.id} and status = 'issued' order by number`,
    );
    numbers.rows.forEach((r, i) => {
      if (r.number !== `RE-${YEAR}-${String(i + 1).padStart(5, '0')}`) {
        throw new Error(`gap or duplicate at ${i + 1}: ${r.number}`);
      }
      lines += r.lines;
    });
    if (numbers.rows.length !== MEMBERS) {
      throw new Error(`expected ${MEMBERS} issued invoices, got ${numbers.rows.length}`);
    }
    t = performance.now();
    const docs = await database.db.execute<{ kind: string; content: Buffer }>(
      sql`select d.kind, d.content from invoice_documents d join invoices i on i.id = d.invoice_id where i.run_id = ${run.id}`,
    );
    const xml = docs.rows.filter((d) => d.kind === 'ubl');
    const pdfs = docs.rows.filter((d) => d.kind === 'pdf');
    let invalid = 0;
    for (const d of xml) {
      if (!validate(Buffer.from(d.content).toString('utf8')).valid) {
        invalid++;
      }
    }
    fig.revalidateMs = performance.now() - t;
    if (xml.length !== MEMBERS || pdfs.length !== MEMBERS || invalid > 0) {
      throw new Error(`documents: ${xml.length} XML, ${pdfs.length} PDF, ${invalid} invalid`);
    }
  } finally {
    await runsPoolClose?.();
    await database.close();
    if (keep) {
      console.log(`kept database ${name}`);
    } else {
      await admin.query(`drop database if exists ${name}`).catch(() => undefined);
    }
    await admin.end();
  }
  if (phase === 'seed') {
    return;
  }

  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const c = (ms: number) => `${(ms / 1000).toFixed(2)} s CPU`;
  const rows = [
    ...(fig.seedMs === undefined ? [] : [['seed (1 provider, members, 50 services, subscriptions; bulk) + ANALYZE', s(fig.seedMs)]]),
    ['compute: create run → draft invoices', `${s(fig.computeMs!)} (Node ${c(fig.computeCpuMs!)})`],
    ['issue: numbers + write & validate every XRechnung + store, committed', `${s(fig.issueMs!)} (Node ${c(fig.issueCpuMs!)})`],
    ['**end to end: compute + issue (target < 10 s)**', `**${s(fig.endToEndMs!)}** (Node ${c(fig.computeCpuMs! + fig.issueCpuMs!)})`],
    ['PDF copies after commit (job phase 2)', s(fig.pdfMs!)],
    ...(fig.workers ? [['XRechnung worker threads started before the clock (once per process)', s(fig.workerStartMs!)]] : []),
    ['check: re-read and re-validate every stored XML', s(fig.revalidateMs!)],
  ];
  const table = ['| step | time |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
  const load = `load average (1 min) ${fig.loadBefore!.toFixed(1)} before compute, ${fig.loadAfter!.toFixed(1)} after issue, on ${os.cpus().length} cores`;
  const progress = `XRechnung written and validated on ${fig.workers ? `${fig.workers} worker threads` : 'the main thread'}. While issuing, ${fig.progressSeen} of ${fig.polls} polls of the stored run (another connection) saw progress move.`;
  const summary = `${load}. ${MEMBERS} members × ${SUBS} subscriptions = ${MEMBERS * SUBS} subscriptions → ${MEMBERS} invoices with ${lines} lines (${(lines / MEMBERS).toFixed(1)} per invoice), numbers RE-${YEAR}-00001…${String(MEMBERS).padStart(5, '0')} without gap, ${MEMBERS} XML + ${MEMBERS} PDF stored, all XML valid. ${progress}`;
  console.log(`\nbilling bench (PostgreSQL)\n${summary}\n\n${table}\n`);
  if (process.env.BENCH_NO_WRITE !== '1') {
    const out = process.env.BENCH_OUT ?? path.join(here, 'results', `billing-${new Date().toISOString().slice(0, 10)}.md`);
    mkdirSync(path.dirname(out), { recursive: true });
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end`;
    writeFileSync(
      out,
      `# Billing bench — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\n\`bench/billing.bench.ts\` on PostgreSQL (127.0.0.1), ${machine}.\n\n${summary}\n\n${table}\n\nThe issue step runs in one transaction with the provider's counter row locked (FOR UPDATE), so its time is also how long a second issue of the same provider and year waits. PDFs are rendered after the commit by the same job (the run shows progress phase \`pdf\`); a PDF not yet rendered is rendered on its first download.\n`,
    );
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  }
}

await main();
