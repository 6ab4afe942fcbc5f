import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/*
 * Official reference data shipped with the product (Destatis Gemeindeverzeichnis GV100AD,
 * dl-de/by-2-0, see apps/server/reference-data/gemeindeverzeichnis/README.md). Global, not tenant
 * data: no org_id, the request role may only SELECT (custom migration), writes go through the
 * admin path (`verbund import gemeindeverzeichnis`, or the automatic load on serve/migrate).
 */

export const refLaender = pgTable('ref_laender', {
  /** 2 digits, 01–16. */
  land: text('land').primaryKey(),
  kuerzel: text('kuerzel').notNull(),
  name: text('name').notNull(),
  sitz: text('sitz'),
  anzahlGemeinden: integer('anzahl_gemeinden').notNull(),
  einwohner: integer('einwohner').notNull(),
  flaecheHa: integer('flaeche_ha').notNull(),
});

export const refRegierungsbezirke = pgTable('ref_regierungsbezirke', {
  /** 3 digits: Land(2) + RB(1). */
  rb: text('rb').primaryKey(),
  land: text('land').notNull(),
  name: text('name').notNull(),
  sitz: text('sitz'),
});

export const refKreise = pgTable(
  'ref_kreise',
  {
    /** 5 digits: Land(2) RB(1) Kreis(2). */
    kreisAgs: text('kreis_ags').primaryKey(),
    name: text('name').notNull(),
    sitz: text('sitz'),
    /** 41 Kreisfreie Stadt, 42 Stadtkreis, 43 Kreis, 44 Landkreis, 45 Regionalverband. */
    typCode: integer('typ_code').notNull(),
    typ: text('typ').notNull(),
    rb: text('rb').notNull(),
    land: text('land').notNull(),
    anzahlGemeinden: integer('anzahl_gemeinden').notNull(),
    einwohner: integer('einwohner').notNull(),
    flaecheHa: integer('flaeche_ha').notNull(),
  },
  (t) => [index('ref_kreise_land_idx').on(t.land)],
);

/** Gemeindeverbände: Ämter, Verwaltungsgemeinschaften, Verbandsgemeinden, erfüllende Gemeinden … */
export const refVerbaende = pgTable(
  'ref_verbaende',
  {
    /** 9 digits: Kreis(5) + Verband(4); the ARS of the Verband is this + "000". */
    verbandArs: text('verband_ars').primaryKey(),
    kreisAgs: text('kreis_ags').notNull(),
    name: text('name').notNull(),
    sitz: text('sitz'),
    /** 50 verbandsfrei (pseudo-Verband), 51 Amt, 52 Samtgemeinde, 53 Verbandsgemeinde, 54 VG, 55–58 … */
    typCode: integer('typ_code').notNull(),
    typ: text('typ').notNull(),
    anzahlGemeinden: integer('anzahl_gemeinden').notNull(),
    einwohner: integer('einwohner').notNull(),
    flaecheHa: integer('flaeche_ha').notNull(),
  },
  (t) => [index('ref_verbaende_kreis_idx').on(t.kreisAgs)],
);

export const refGemeinden = pgTable(
  'ref_gemeinden',
  {
    /** Amtlicher Regionalschlüssel, 12 digits. */
    ars: text('ars').primaryKey(),
    /** Amtlicher Gemeindeschlüssel, 8 digits. */
    ags: text('ags').notNull().unique('ref_gemeinden_ags_uq'),
    name: text('name').notNull(),
    /** Name folded for search: lower case, ä → ae, ß → ss (see normalize.ts). */
    searchName: text('search_name').notNull(),
    /** Name folded the other way: diacritics dropped (ä → a), so "Sommerda" finds Sömmerda. */
    searchNameAlt: text('search_name_alt').notNull(),
    typCode: integer('typ_code').notNull(),
    typ: text('typ').notNull(),
    verbandArs: text('verband_ars').notNull(),
    kreisAgs: text('kreis_ags').notNull(),
    rb: text('rb').notNull(),
    land: text('land').notNull(),
    einwohner: integer('einwohner').notNull(),
    einwohnerMaennlich: integer('einwohner_maennlich').notNull(),
    einwohnerWeiblich: integer('einwohner_weiblich').notNull(),
    flaecheHa: integer('flaeche_ha').notNull(),
    plz: text('plz'),
    plzMehrere: boolean('plz_mehrere').notNull().default(false),
  },
  (t) => [
    index('ref_gemeinden_kreis_idx').on(t.kreisAgs, t.name),
    index('ref_gemeinden_verband_idx').on(t.verbandArs),
    index('ref_gemeinden_land_idx').on(t.land),
    // text_pattern_ops: `like 'prefix%'` uses the index whatever the database collation is.
    index('ref_gemeinden_search_idx').on(t.searchName.op('text_pattern_ops')),
    index('ref_gemeinden_search_alt_idx').on(t.searchNameAlt.op('text_pattern_ops')),
    index('ref_gemeinden_ags_pattern_idx').on(t.ags.op('text_pattern_ops')),
  ],
);

/**
 * Type-ahead terms of a Gemeinde: every suffix of its folded name that starts at a word of the name
 * proper ("bad berka stadt", "berka stadt" for "Bad Berka, Stadt"), in both foldings. A btree
 * `like 'q%'` over these finds a Gemeinde by the start of any of its words, on PostgreSQL and
 * PGlite alike, without an extension. Derived from ref_gemeinden by the import (search-terms.ts).
 */
export const refGemeindeTerms = pgTable(
  'ref_gemeinde_terms',
  {
    term: text('term').notNull(),
    ars: text('ars').notNull(),
    /**
     * The Gemeinde's population, copied: a short prefix matches hundreds of terms, and the
     * type-ahead picks its largest 20 here before it reads any Gemeinde row.
     */
    einwohner: integer('einwohner').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.term, t.ars] }),
    index('ref_gemeinde_terms_pattern_idx').on(t.term.op('text_pattern_ops'), t.ars),
  ],
);

/** Which edition of a reference data set is loaded. */
export const refDatasets = pgTable('ref_datasets', {
  name: text('name').primaryKey(),
  gebietsstand: date('gebietsstand', { mode: 'string' }).notNull(),
  /** Reference date of the population figures (31.12.2024 for Gebietsstand 30.11.2025). */
  populationDate: date('population_date', { mode: 'string' }).notNull(),
  source: text('source').notNull(),
  licence: text('licence').notNull(),
  /** Counts of the last import: new/changed/removed per table. */
  report: jsonb('report'),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});

export type RefGemeindeRow = typeof refGemeinden.$inferSelect;
export type RefVerbandRow = typeof refVerbaende.$inferSelect;
export type RefKreisRow = typeof refKreise.$inferSelect;
