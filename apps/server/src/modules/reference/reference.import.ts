import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../platform/db/client.js';
import { withSystem } from '../../platform/db/tenant.js';
import { readDirectory, type Directory } from './reference.csv.js';
import { rebuildSearchTerms, termsMissing } from './search-terms.js';
import { refDatasets, refGemeinden, refKreise, refLaender, refRegierungsbezirke, refVerbaende } from './reference.schema.js';

export const DATASET = 'gemeindeverzeichnis';

export interface TableChanges {
  new: number;
  changed: number;
  removed: number;
  unchanged: number;
}

export interface ImportReport {
  gebietsstand: string;
  previousGebietsstand: string | null;
  populationDate: string;
  tables: Record<'laender' | 'regierungsbezirke' | 'kreise' | 'verbaende' | 'gemeinden', TableChanges>;
  /** Gemeinden whose name changed, first few, for the operator's eyes. */
  renamed: { ars: string; from: string; to: string }[];
  millis: number;
}

/** Rows per INSERT statement (one JSON parameter each). */
const BATCH = 2000;
/** Any number no other application on the cluster uses: one import at a time. */
const IMPORT_LOCK = 7_351_902_115;

type Row = Record<string, unknown>;

interface Spec {
  name: keyof ImportReport['tables'];
  table: PgTable;
  key: string;
  rows: Row[];
}

/** Column names and SQL types of a table, in the order of the file's row objects. */
function shape(spec: Spec) {
  const columns = getTableColumns(spec.table);
  const props = Object.keys(spec.rows[0] ?? {});
  const cols = props.map((p) => ({ prop: p, name: columns[p]!.name, type: columns[p]!.getSQLType() }));
  const list = (prefix = '') => cols.map((c) => `${prefix}"${c.name}"`).join(', ');
  return {
    cols,
    list,
    key: `"${columns[spec.key]!.name}"`,
    recordset: cols.map((c) => `"${c.name}" ${c.type}`).join(', '),
    updates: cols.filter((c) => c.prop !== spec.key).map((c) => `"${c.name}" = excluded."${c.name}"`).join(', '),
  };
}

/**
 * Writes rows in batches with one bind parameter each: the batch travels as one JSON array that
 * `jsonb_to_recordset` unpacks on the server. Far faster than thousands of bind parameters, on
 * PGlite as on PostgreSQL. No COPY needed.
 */
async function insertRows(tx: Tx, target: SQL, spec: Spec) {
  const s = shape(spec);
  for (let i = 0; i < spec.rows.length; i += BATCH) {
    const batch = spec.rows.slice(i, i + BATCH).map((r) => Object.fromEntries(s.cols.map((c) => [c.name, r[c.prop] ?? null])));
    await tx.execute(sql`insert into ${target} (${sql.raw(s.list())})
      select ${sql.raw(s.list())} from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(${sql.raw(s.recordset)})`);
  }
}

async function count(tx: Tx, query: SQL): Promise<number> {
  const res = await tx.execute<{ n: number }>(sql`select count(*)::int as n from (${query}) q`);
  return res.rows[0]?.n ?? 0;
}

/**
 * Brings one table in line with the file. Empty table: straight insert. Otherwise the file goes
 * into a temporary table and the comparison runs in SQL, so nothing is shipped back to Node.
 */
async function sync(tx: Tx, spec: Spec, renamed: ImportReport['renamed']): Promise<TableChanges> {
  const s = shape(spec);
  const empty = (await count(tx, sql`select 1 from ${spec.table} limit 1`)) === 0;
  if (empty) {
    await insertRows(tx, sql`${spec.table}`, spec);
    return { new: spec.rows.length, changed: 0, removed: 0, unchanged: 0 };
  }
  await tx.execute(sql`drop table if exists ref_import_in`);
  await tx.execute(sql`create temp table ref_import_in (like ${spec.table}) on commit drop`);
  await insertRows(tx, sql.raw('ref_import_in'), spec);
  const t = sql`${spec.table}`;
  const fresh = sql`select ${sql.raw(s.list('i.'))} from ref_import_in i where not exists (select 1 from ${t} x where x.${sql.raw(s.key)} = i.${sql.raw(s.key)})`;
  const differs = sql.raw(`(${s.list('i.')}) is distinct from (${s.list('x.')})`);
  const changed = sql`select ${sql.raw(s.list('i.'))} from ref_import_in i join ${t} x on x.${sql.raw(s.key)} = i.${sql.raw(s.key)} where ${differs}`;
  const gone = sql`select x.${sql.raw(s.key)} from ${t} x where not exists (select 1 from ref_import_in i where i.${sql.raw(s.key)} = x.${sql.raw(s.key)})`;
  const result = {
    new: await count(tx, fresh),
    changed: await count(tx, changed),
    removed: await count(tx, gone),
    unchanged: 0,
  };
  result.unchanged = spec.rows.length - result.new - result.changed;
  if (spec.name === 'gemeinden' && result.changed > 0) {
    const res = await tx.execute<{ ars: string; from: string; to: string }>(
      sql`select i.ars, x.name as "from", i.name as "to" from ref_import_in i join ${t} x on x.ars = i.ars where i.name <> x.name order by i.ars limit 50`,
    );
    renamed.push(...res.rows);
  }
  // Removed rows go first: a Gemeinde that joins a Verband keeps its AGS under a new ARS.
  if (result.removed > 0) {
    await tx.execute(sql`delete from ${t} where ${sql.raw(s.key)} in (${gone})`);
  }
  if (result.new + result.changed > 0) {
    await tx.execute(sql`insert into ${t} (${sql.raw(s.list())}) ${changed} union all ${fresh}
      on conflict (${sql.raw(s.key)}) do update set ${sql.raw(s.updates)}`);
  }
  await tx.execute(sql`drop table ref_import_in`);
  return result;
}

/**
 * Loads (or updates) the Gemeindeverzeichnis in one transaction. Idempotent: an unchanged file
 * writes nothing; a newer Gebietsstand updates names and populations, adds new Gemeinden, removes
 * dissolved ones, and reports the counts. Admin path only (CLI, start-up).
 */
export async function importDirectory(db: Db, dirOrData?: string | Directory): Promise<ImportReport> {
  const started = performance.now();
  const data = typeof dirOrData === 'object' ? dirOrData : readDirectory(dirOrData);
  return withSystem(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
    const [prev] = await tx.select().from(refDatasets).where(sql`${refDatasets.name} = ${DATASET}`);
    const specs: Spec[] = [
      { name: 'laender', table: refLaender, key: 'land', rows: data.laender },
      { name: 'regierungsbezirke', table: refRegierungsbezirke, key: 'rb', rows: data.regierungsbezirke },
      { name: 'kreise', table: refKreise, key: 'kreisAgs', rows: data.kreise },
      { name: 'verbaende', table: refVerbaende, key: 'verbandArs', rows: data.verbaende },
      { name: 'gemeinden', table: refGemeinden, key: 'ars', rows: data.gemeinden },
    ];
    const tables = {} as ImportReport['tables'];
    const renamed: ImportReport['renamed'] = [];
    for (const spec of specs) {
      tables[spec.name] = await sync(tx, spec, renamed);
    }
    const g = tables.gemeinden;
    if (g.new + g.changed + g.removed > 0 || (await termsMissing(tx))) {
      // The table now equals the file: its names give the type-ahead terms.
      await rebuildSearchTerms(tx, data.gemeinden);
    }
    const report: ImportReport = {
      gebietsstand: data.gebietsstand,
      previousGebietsstand: prev?.gebietsstand ?? null,
      populationDate: data.populationDate,
      tables,
      renamed,
      millis: 0,
    };
    const dataset = {
      gebietsstand: data.gebietsstand,
      populationDate: data.populationDate,
      source: data.source,
      licence: data.licence,
      report: { tables, renamed },
      importedAt: new Date(),
    };
    await tx
      .insert(refDatasets)
      .values({ name: DATASET, ...dataset })
      .onConflictDoUpdate({ target: refDatasets.name, set: dataset });
    report.millis = Math.round(performance.now() - started);
    return report;
  });
}

/** Loads the shipped directory when the tables are empty (first `serve`/`migrate`). */
export async function ensureDirectory(db: Db): Promise<ImportReport | null> {
  const res = await db.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from ref_gemeinden limit 1) x`);
  if ((res.rows[0]?.n ?? 0) > 0) {
    // A database loaded before the type-ahead terms existed gets them once, from its own rows.
    await withSystem(db, async (tx) => {
      if (await termsMissing(tx)) {
        await rebuildSearchTerms(tx, await tx.select({ ars: refGemeinden.ars, name: refGemeinden.name, einwohner: refGemeinden.einwohner }).from(refGemeinden));
      }
    });
    return null;
  }
  return importDirectory(db);
}

/** One line per table, for the CLI. */
export function formatReport(r: ImportReport): string {
  const lines = [
    `Gemeindeverzeichnis Gebietsstand ${r.gebietsstand}${r.previousGebietsstand && r.previousGebietsstand !== r.gebietsstand ? ` (vorher ${r.previousGebietsstand})` : ''}, Einwohner zum ${r.populationDate}, ${r.millis} ms`,
  ];
  for (const [name, c] of Object.entries(r.tables)) {
    lines.push(`  ${name.padEnd(18)} neu ${c.new}, geändert ${c.changed}, entfernt ${c.removed}, unverändert ${c.unchanged}`);
  }
  for (const n of r.renamed.slice(0, 10)) {
    lines.push(`  umbenannt ${n.ars}: ${n.from} → ${n.to}`);
  }
  return lines.join('\n');
}
