import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { foldName, foldNameAlt } from './normalize.js';
import type { refGemeinden, refKreise, refLaender, refRegierungsbezirke, refVerbaende } from './reference.schema.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** `apps/server/reference-data/gemeindeverzeichnis`, both from src/ (tsx) and from dist/ (built). */
export const DEFAULT_DIRECTORY_DIR = path.resolve(here, '../../../reference-data/gemeindeverzeichnis');

export interface Directory {
  gebietsstand: string;
  populationDate: string;
  source: string;
  licence: string;
  laender: (typeof refLaender.$inferInsert)[];
  regierungsbezirke: (typeof refRegierungsbezirke.$inferInsert)[];
  kreise: (typeof refKreise.$inferInsert)[];
  verbaende: (typeof refVerbaende.$inferInsert)[];
  gemeinden: (typeof refGemeinden.$inferInsert)[];
}

export class DirectoryFormatError extends Error {}

type Row = Record<string, string>;

/** Keys stay strings (leading zeros); every field is read as text. */
function readCsv(dir: string, file: string, required: string[]): Row[] {
  const p = path.join(dir, file);
  if (!existsSync(p)) {
    throw new DirectoryFormatError(`${p} fehlt (missing).`);
  }
  const rows = parse(readFileSync(p, 'utf8'), { columns: true, skip_empty_lines: true, bom: true, }) as Row[];
  const missing = required.filter((c) => rows.length > 0 && !(c in rows[0]!));
  if (missing.length) {
    throw new DirectoryFormatError(`${file}: Spalten fehlen (missing columns): ${missing.join(', ')}`);
  }
  return rows;
}

function int(r: Row, col: string, file: string): number {
  const v = r[col] ?? '';
  if (!/^-?\d+$/.test(v)) {
    throw new DirectoryFormatError(`${file}: ${col} = "${v}" ist keine ganze Zahl (not an integer)`);
  }
  return Number(v);
}

function key(r: Row, col: string, digits: number, file: string): string {
  const v = r[col] ?? '';
  if (!new RegExp(`^\\d{${digits}}$`).test(v)) {
    throw new DirectoryFormatError(`${file}: ${col} = "${v}" hat nicht ${digits} Ziffern (not ${digits} digits)`);
  }
  return v;
}

const opt = (v: string | undefined) => (v ? v : null);

/**
 * Population date of the edition: from `dataset.json` beside the CSVs when present, else 31.12. of
 * the year before the Gebietsstand (how Destatis' autumn editions are built).
 */
function readMeta(dir: string, gebietsstand: string) {
  const p = path.join(dir, 'dataset.json');
  const meta = existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Record<string, string>) : {};
  return {
    populationDate: meta.populationDate ?? `${Number(gebietsstand.slice(0, 4)) - 1}-12-31`,
    source: meta.source ?? 'Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV100AD',
    licence: meta.licence ?? 'dl-de/by-2-0',
  };
}

/** Reads and checks the five CSV files of the Gemeindeverzeichnis (see the README beside them). */
export function readDirectory(dir: string = DEFAULT_DIRECTORY_DIR): Directory {
  const g = readCsv(dir, 'gemeinden.csv', ['ars', 'ags', 'name', 'gemeinde_typ_code', 'verband_ars', 'kreis_ags', 'land', 'einwohner', 'gebietsstand']);
  const gebietsstand = g[0]?.gebietsstand ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(gebietsstand)) {
    throw new DirectoryFormatError(`gemeinden.csv: gebietsstand = "${gebietsstand}" ist kein Datum (not a date)`);
  }
  const gemeinden = g.map((r) => {
    const name = r.name ?? '';
    return {
      ars: key(r, 'ars', 12, 'gemeinden.csv'),
      ags: key(r, 'ags', 8, 'gemeinden.csv'),
      name,
      searchName: foldName(name),
      searchNameAlt: foldNameAlt(name),
      typCode: int(r, 'gemeinde_typ_code', 'gemeinden.csv'),
      typ: r.gemeinde_typ ?? '',
      verbandArs: key(r, 'verband_ars', 9, 'gemeinden.csv'),
      kreisAgs: key(r, 'kreis_ags', 5, 'gemeinden.csv'),
      rb: key(r, 'regierungsbezirk', 3, 'gemeinden.csv'),
      land: key(r, 'land', 2, 'gemeinden.csv'),
      einwohner: int(r, 'einwohner', 'gemeinden.csv'),
      einwohnerMaennlich: int(r, 'einwohner_maennlich', 'gemeinden.csv'),
      einwohnerWeiblich: int(r, 'einwohner_weiblich', 'gemeinden.csv'),
      flaecheHa: int(r, 'flaeche_ha', 'gemeinden.csv'),
      plz: opt(r.plz),
      plzMehrere: r.plz_mehrere === 'true',
    };
  });
  const verbaende = readCsv(dir, 'gemeindeverbaende.csv', ['verband_ars', 'kreis_ags', 'verband_name', 'verband_typ_code']).map((r) => ({
    verbandArs: key(r, 'verband_ars', 9, 'gemeindeverbaende.csv'),
    kreisAgs: key(r, 'kreis_ags', 5, 'gemeindeverbaende.csv'),
    name: r.verband_name ?? '',
    sitz: opt(r.verband_sitz),
    typCode: int(r, 'verband_typ_code', 'gemeindeverbaende.csv'),
    typ: r.verband_typ ?? '',
    anzahlGemeinden: int(r, 'anzahl_gemeinden', 'gemeindeverbaende.csv'),
    einwohner: int(r, 'einwohner', 'gemeindeverbaende.csv'),
    flaecheHa: int(r, 'flaeche_ha', 'gemeindeverbaende.csv'),
  }));
  const kreise = readCsv(dir, 'kreise.csv', ['kreis_ags', 'kreis_name', 'kreis_typ_code', 'land']).map((r) => ({
    kreisAgs: key(r, 'kreis_ags', 5, 'kreise.csv'),
    name: r.kreis_name ?? '',
    sitz: opt(r.kreis_sitz),
    typCode: int(r, 'kreis_typ_code', 'kreise.csv'),
    typ: r.kreis_typ ?? '',
    rb: key(r, 'regierungsbezirk', 3, 'kreise.csv'),
    land: key(r, 'land', 2, 'kreise.csv'),
    anzahlGemeinden: int(r, 'anzahl_gemeinden', 'kreise.csv'),
    einwohner: int(r, 'einwohner', 'kreise.csv'),
    flaecheHa: int(r, 'flaeche_ha', 'kreise.csv'),
  }));
  const regierungsbezirke = readCsv(dir, 'regierungsbezirke.csv', ['rb_schluessel', 'land', 'name']).map((r) => ({
    rb: key(r, 'rb_schluessel', 3, 'regierungsbezirke.csv'),
    land: key(r, 'land', 2, 'regierungsbezirke.csv'),
    name: r.name ?? '',
    sitz: opt(r.verwaltungssitz),
  }));
  const laender = readCsv(dir, 'laender.csv', ['land', 'kuerzel', 'name']).map((r) => ({
    land: key(r, 'land', 2, 'laender.csv'),
    kuerzel: r.kuerzel ?? '',
    name: r.name ?? '',
    sitz: opt(r.sitz_landesregierung),
    anzahlGemeinden: int(r, 'anzahl_gemeinden', 'laender.csv'),
    einwohner: int(r, 'einwohner', 'laender.csv'),
    flaecheHa: int(r, 'flaeche_ha', 'laender.csv'),
  }));
  return { gebietsstand, ...readMeta(dir, gebietsstand), laender, regierungsbezirke, kreise, verbaende, gemeinden };
}
