import { and, asc, desc, eq, inArray, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { foldName, foldNameAlt } from './normalize.js';
import { refDatasets, refGemeindeTerms, refGemeinden, refKreise, refLaender, refVerbaende } from './reference.schema.js';

/*
 * Reference data is global: no tenant scope to filter by. The request role reads it with SELECT
 * only (migration 0004), inside the caller's transaction.
 */

export async function edition(tx: Tx) {
  const [row] = await tx.select().from(refDatasets).where(eq(refDatasets.name, 'gemeindeverzeichnis'));
  return row ?? null;
}

export interface GemeindeFilter {
  q?: string;
  kreis?: string;
  land?: string;
  verband?: string;
  limit: number;
}

/** Name condition on the term table: the start of any word, in either folding. */
function termCondition(q: string): SQL | undefined {
  const folded = foldName(q);
  const alt = foldNameAlt(q);
  if (!folded) {
    return undefined;
  }
  // Folded names hold only letters, digits and spaces: nothing to escape for LIKE.
  return folded === alt ? like(refGemeindeTerms.term, `${folded}%`) : or(like(refGemeindeTerms.term, `${folded}%`), like(refGemeindeTerms.term, `${alt}%`));
}

/** Keys use their own indexes. */
function keyCondition(q: string): SQL {
  switch (q.length) {
    case 12:
      return eq(refGemeinden.ars, q);
    case 9:
      return eq(refGemeinden.verbandArs, q);
    case 5:
      return eq(refGemeinden.kreisAgs, q);
    default:
      return q.length < 8 ? like(refGemeinden.ags, `${q}%`) : eq(refGemeinden.ags, q);
  }
}

/**
 * Names match at the start of any of their words ("Berka" finds Bad Berka) through the term table
 * and its text_pattern_ops index. Larger places first: for a type-ahead the town people mean is
 * usually the bigger one.
 */
export async function searchGemeinden(tx: Tx, f: GemeindeFilter) {
  const conds: SQL[] = [];
  const byName = f.q && !/^\d+$/.test(f.q) ? termCondition(f.q) : undefined;
  if (f.q && /^\d+$/.test(f.q)) {
    conds.push(keyCondition(f.q));
  }
  if (f.kreis) {
    conds.push(eq(refGemeinden.kreisAgs, f.kreis));
  }
  if (f.land) {
    conds.push(eq(refGemeinden.land, f.land));
  }
  if (f.verband) {
    conds.push(eq(refGemeinden.verbandArs, f.verband));
  }
  if (byName && conds.length === 0) {
    // Name only (the type-ahead): the largest matches come from the term table alone, so a
    // two-letter prefix reads a few hundred narrow term rows and then 20 Gemeinden, not the table.
    const best = tx
      .select({ ars: refGemeindeTerms.ars })
      .from(refGemeindeTerms)
      .where(byName)
      .groupBy(refGemeindeTerms.ars)
      .orderBy(desc(sql`max(${refGemeindeTerms.einwohner})`), asc(refGemeindeTerms.ars))
      .limit(f.limit);
    conds.push(inArray(refGemeinden.ars, best));
  } else if (byName) {
    // With a Kreis, Land or Verband the filter's own index narrows first.
    conds.push(inArray(refGemeinden.ars, tx.selectDistinct({ ars: refGemeindeTerms.ars }).from(refGemeindeTerms).where(byName)));
  }
  // The page of Gemeinden first, then the names of Verband, Kreis and Land for those rows only:
  // joined before the LIMIT, the planner walks whole tables for a two-letter prefix.
  const top = tx
    .select()
    .from(refGemeinden)
    .where(and(...conds))
    .orderBy(desc(refGemeinden.einwohner), asc(refGemeinden.name))
    .limit(f.limit)
    .as('g');
  return tx
    .select({
      ars: top.ars,
      ags: top.ags,
      name: top.name,
      typCode: top.typCode,
      typ: top.typ,
      verbandArs: top.verbandArs,
      kreisAgs: top.kreisAgs,
      land: top.land,
      einwohner: top.einwohner,
      flaecheHa: top.flaecheHa,
      plz: top.plz,
      verbandName: refVerbaende.name,
      verbandTypCode: refVerbaende.typCode,
      verbandTyp: refVerbaende.typ,
      kreisName: refKreise.name,
      landName: refLaender.name,
    })
    .from(top)
    .leftJoin(refVerbaende, eq(refVerbaende.verbandArs, top.verbandArs))
    .leftJoin(refKreise, eq(refKreise.kreisAgs, top.kreisAgs))
    .leftJoin(refLaender, eq(refLaender.land, top.land))
    .orderBy(desc(top.einwohner), asc(top.name));
}

export async function listKreise(tx: Tx, f: { land?: string; q?: string }) {
  const conds: SQL[] = [];
  if (f.land) {
    conds.push(eq(refKreise.land, f.land));
  }
  if (f.q) {
    conds.push(/^\d+$/.test(f.q) ? like(refKreise.kreisAgs, `${f.q}%`) : sql`${refKreise.name} ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  }
  return tx
    .select({ k: refKreise, landName: refLaender.name })
    .from(refKreise)
    .leftJoin(refLaender, eq(refLaender.land, refKreise.land))
    .where(and(...conds))
    .orderBy(asc(refKreise.kreisAgs));
}

export async function listVerbaende(tx: Tx, kreis: string, includeVerbandsfrei: boolean) {
  const conds: SQL[] = [eq(refVerbaende.kreisAgs, kreis)];
  if (!includeVerbandsfrei) {
    conds.push(ne(refVerbaende.typCode, 50));
  }
  return tx.select().from(refVerbaende).where(and(...conds)).orderBy(asc(refVerbaende.name));
}

export async function gemeindenOfVerbaende(tx: Tx, verbandKeys: string[]) {
  if (verbandKeys.length === 0) {
    return [];
  }
  return tx.select().from(refGemeinden).where(inArray(refGemeinden.verbandArs, verbandKeys)).orderBy(asc(refGemeinden.name));
}

export async function gemeindenOfKreis(tx: Tx, kreis: string) {
  return tx.select().from(refGemeinden).where(eq(refGemeinden.kreisAgs, kreis)).orderBy(asc(refGemeinden.name));
}

export async function gemeindenByAgs(tx: Tx, ags: string[]) {
  if (ags.length === 0) {
    return [];
  }
  return tx.select().from(refGemeinden).where(inArray(refGemeinden.ags, ags));
}

export async function gemeindeByArs(tx: Tx, ars: string) {
  const [row] = await tx.select().from(refGemeinden).where(eq(refGemeinden.ars, ars));
  return row;
}

export async function verbaendeByKey(tx: Tx, keys: string[]) {
  if (keys.length === 0) {
    return [];
  }
  return tx.select().from(refVerbaende).where(inArray(refVerbaende.verbandArs, keys));
}

export async function kreisByAgs(tx: Tx, kreis: string) {
  const [row] = await tx.select().from(refKreise).where(eq(refKreise.kreisAgs, kreis));
  return row;
}
