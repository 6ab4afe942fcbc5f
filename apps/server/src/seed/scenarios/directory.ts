/**
 * The Gemeindeverzeichnis as the scenarios need it: lookups by key and the names and types an
 * organisation gets. Read from the copy in the repo (apps/server/reference-data), never from
 * outside; Destatis, dl-de/by-2-0.
 */
import type { OrganisationType } from '@verbund/shared';
import { isLandgemeinde, readDirectory, type RefGemeindeRow, type RefKreisRow, type RefVerbandRow } from '../../modules/reference/index.js';

export type Gemeinde = Pick<RefGemeindeRow, 'ars' | 'ags' | 'name' | 'typCode' | 'verbandArs' | 'kreisAgs' | 'einwohner' | 'plz'>;
export type Verband = Pick<RefVerbandRow, 'verbandArs' | 'kreisAgs' | 'name' | 'typCode' | 'typ' | 'einwohner' | 'sitz'>;
export type Kreis = Pick<RefKreisRow, 'kreisAgs' | 'name' | 'typCode' | 'einwohner' | 'sitz'>;

export interface Dir {
  populationDate: string;
  gemeinde(ags: string): Gemeinde;
  verband(verbandArs: string): Verband;
  kreis(kreisAgs: string): Kreis;
  gemeindenOfKreis(kreisAgs: string): Gemeinde[];
  gemeindenOfVerband(verbandArs: string): Gemeinde[];
  gemeindenOfLand(land: string): Gemeinde[];
  verbaendeOfLand(land: string): Verband[];
  kreiseOfLand(land: string): Kreis[];
}

let cached: Dir | undefined;

export function directory(): Dir {
  if (cached) {
    return cached;
  }
  const d = readDirectory();
  const byAgs = new Map(d.gemeinden.map((g) => [g.ags, g as Gemeinde]));
  const verbaende = new Map(d.verbaende.map((v) => [v.verbandArs, v as Verband]));
  const kreise = new Map(d.kreise.map((k) => [k.kreisAgs, k as Kreis]));
  const need = <T>(v: T | undefined, what: string): T => {
    if (!v) {
      throw new Error(`Gemeindeverzeichnis: ${what} not found`);
    }
    return v;
  };
  const gemeinden = d.gemeinden as Gemeinde[];
  cached = {
    populationDate: d.populationDate,
    gemeinde: (ags) => need(byAgs.get(ags), `Gemeinde ${ags}`),
    verband: (ars) => need(verbaende.get(ars), `Verband ${ars}`),
    kreis: (ags) => need(kreise.get(ags), `Kreis ${ags}`),
    gemeindenOfKreis: (k) => gemeinden.filter((g) => g.kreisAgs === k).sort((a, b) => a.ars.localeCompare(b.ars)),
    gemeindenOfVerband: (v) => gemeinden.filter((g) => g.verbandArs === v).sort((a, b) => a.ars.localeCompare(b.ars)),
    gemeindenOfLand: (l) => gemeinden.filter((g) => g.ars.startsWith(l)).sort((a, b) => a.ars.localeCompare(b.ars)),
    verbaendeOfLand: (l) => [...verbaende.values()].filter((v) => v.verbandArs.startsWith(l)).sort((a, b) => a.verbandArs.localeCompare(b.verbandArs)),
    kreiseOfLand: (l) => [...kreise.values()].filter((k) => k.kreisAgs.startsWith(l)).sort((a, b) => a.kreisAgs.localeCompare(b.kreisAgs)),
  };
  return cached;
}

/** "Kahla, Stadt" → "Kahla". */
export function baseName(name: string): string {
  const i = name.indexOf(', ');
  return i > 0 ? name.slice(0, i) : name;
}

export function gemeindeOrg(g: Gemeinde): { type: OrganisationType; name: string; shortName: string } {
  const base = baseName(g.name);
  const suffix = g.name.slice(base.length + 2);
  if (g.typCode === 61 || g.typCode === 62) {
    return { type: 'kreisfreie_stadt', name: suffix ? `${suffix} ${base}` : base, shortName: base };
  }
  if (isLandgemeinde(g.ags)) {
    return { type: 'landgemeinde', name: `Landgemeinde ${g.typCode === 63 ? 'Stadt ' : ''}${base}`, shortName: base };
  }
  if (g.typCode === 63 || g.typCode === 67) {
    return { type: 'stadt', name: `${suffix || 'Stadt'} ${base}`, shortName: base };
  }
  return { type: 'gemeinde', name: `Gemeinde ${base}`, shortName: base };
}

export function verbandOrg(v: Verband): { type: OrganisationType; name: string; shortName: string } | null {
  switch (v.typCode) {
    case 51:
      return { type: 'amt', name: `Amt ${v.name}`, shortName: v.name };
    case 53:
      return { type: 'verbandsgemeinde', name: `Verbandsgemeinde ${v.name}`, shortName: v.name };
    case 54:
    case 56:
    case 57:
      return { type: 'verwaltungsgemeinschaft', name: `Verwaltungsgemeinschaft ${v.name}`, shortName: `VG ${v.name}` };
    default:
      return null;
  }
}
