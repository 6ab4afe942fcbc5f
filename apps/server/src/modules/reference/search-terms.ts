import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { foldName, foldNameAlt } from './normalize.js';

/**
 * Type-ahead terms of a place name: each suffix of the folded name that starts at a word of the
 * name proper, the part before the first comma. "Bad Berka, Stadt" gives "bad berka stadt" and
 * "berka stadt", so "Berka" finds it and "Berka St" too, while "stadt" alone does not list every
 * town. Both foldings (ä → ae and ä → a), without duplicates.
 */
export function searchTerms(name: string): string[] {
  const comma = name.indexOf(',');
  const proper = comma > 0 ? name.slice(0, comma) : name;
  const terms = new Set<string>();
  for (const fold of [foldName, foldNameAlt]) {
    const words = fold(name).split(' ').filter(Boolean);
    const starts = fold(proper).split(' ').filter(Boolean).length;
    for (let i = 0; i < Math.max(1, starts); i++) {
      const term = words.slice(i).join(' ');
      if (term) {
        terms.add(term);
      }
    }
  }
  return [...terms];
}

/** Rows per INSERT (one JSON parameter each, unpacked on the server). */
const BATCH = 5000;

/** Replaces every term with those of the given Gemeinden (the whole directory). Admin path only. */
export async function rebuildSearchTerms(tx: Tx, gemeinden: readonly { ars: string; name: string; einwohner: number }[]): Promise<number> {
  await tx.execute(sql`delete from ref_gemeinde_terms`);
  const rows: { term: string; ars: string; einwohner: number }[] = [];
  for (const g of gemeinden) {
    for (const term of searchTerms(g.name)) {
      rows.push({ term, ars: g.ars, einwohner: g.einwohner });
    }
  }
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.execute(sql`insert into ref_gemeinde_terms (term, ars, einwohner)
      select term, ars, einwohner from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + BATCH))}::jsonb) as x(term text, ars text, einwohner integer)`);
  }
  // Statistics now, not whenever autovacuum comes (PGlite has none): a two-letter prefix is
  // planned as the few hundred rows it is.
  await tx.execute(sql`analyze ref_gemeinde_terms`);
  return rows.length;
}

/** True when the directory is loaded but its terms are not (a database migrated from before them). */
export async function termsMissing(tx: Tx): Promise<boolean> {
  const res = await tx.execute<{ g: number; t: number }>(sql`select
    (select count(*)::int from (select 1 from ref_gemeinden limit 1) a) as g,
    (select count(*)::int from (select 1 from ref_gemeinde_terms limit 1) b) as t`);
  const row = res.rows[0];
  return (row?.g ?? 0) > 0 && (row?.t ?? 0) === 0;
}
