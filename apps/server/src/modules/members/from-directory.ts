/**
 * Plans member organisations from the Gemeindeverzeichnis (pure, no I/O): which organisations a
 * selection of a Kreis, Gemeindeverbände and Gemeinden becomes, with type, keys, parent and
 * population, skipping what the provider has already.
 */
import type { OrganisationType } from '@verbund/shared';
import type { RefGemeindeRow, RefKreisRow, RefVerbandRow } from '../reference/index.js';
import { isLandgemeinde } from '../reference/index.js';

/** Where a planned organisation goes: under the request's parent, a planned one, or an existing one. */
export type PlannedParent = { kind: 'root' } | { kind: 'planned'; ars: string } | { kind: 'existing'; id: string };

export interface PlannedOrg {
  /** 12-digit ARS: the key of the plan (Gemeinde ARS, Verband key + 000, Kreis key + 0000000). */
  ars: string;
  ags: string | null;
  name: string;
  shortName: string | null;
  type: OrganisationType;
  parent: PlannedParent;
  population: number;
  /** Directory type, for the preview. */
  source: string;
}

export interface Skipped {
  ars: string;
  name: string;
  reason: 'exists' | 'gemeindefrei';
  existingId?: string;
}

export interface Selection {
  kreis?: RefKreisRow;
  /** Gemeindeverbände to create (with their Gemeinden in `gemeinden`). */
  verbaende: RefVerbandRow[];
  gemeinden: RefGemeindeRow[];
  /** Type code of the Verband of every selected Gemeinde, selected or not. */
  verbandTypes: ReadonlyMap<string, number>;
}

/** Organisations already under the provider, by key. */
export interface Existing {
  byAgs: ReadonlyMap<string, string>;
  byArs: ReadonlyMap<string, string>;
}

/**
 * Directory Gemeinde type (Textkennzeichen) → organisation type. 65/66 are gemeindefreie Gebiete.
 * Landgemeinden have no Textkennzeichen of their own: they come from the reference module's list.
 */
export function gemeindeType(typCode: number, ags?: string): OrganisationType | null {
  if ([60, 63, 64, 67].includes(typCode) && isLandgemeinde(ags)) {
    return 'landgemeinde';
  }
  switch (typCode) {
    case 61:
    case 62:
      return 'kreisfreie_stadt';
    case 63:
    case 67:
      return 'stadt';
    case 60:
    case 64:
      return 'gemeinde';
    default:
      return null;
  }
}

/** Directory Verband type → organisation type; null for verbandsfrei (50) and erfüllende Gemeinde (58). */
export function verbandType(typCode: number): OrganisationType | null {
  switch (typCode) {
    case 51:
    case 55:
      // Kirchspielslandgemeinden (Dithmarschen) work like Ämter.
      return 'amt';
    case 52:
    case 53:
      // Samtgemeinden (Niedersachsen) are Gemeindeverbände with tasks of their own, like Verbandsgemeinden.
      return 'verbandsgemeinde';
    case 54:
    case 56:
    case 57:
      return 'verwaltungsgemeinschaft';
    default:
      return null;
  }
}

/** "Kahla, Stadt" → "Kahla": the short name without the official suffix. */
export function baseName(name: string): string {
  const i = name.indexOf(', ');
  return i > 0 ? name.slice(0, i) : name;
}

/** The erfüllende Gemeinde of a type-58 Verband: the one its name (without "EG ") or seat names. */
function erfuellendeGemeinde(v: RefVerbandRow, members: RefGemeindeRow[]): RefGemeindeRow | undefined {
  const names = [baseName(v.name).replace(/^EG /, ''), v.sitz ?? ''].filter(Boolean);
  return members.find((g) => names.some((n) => n === baseName(g.name) || n.startsWith(baseName(g.name))));
}

export function planFromDirectory(sel: Selection, existing: Existing): { planned: PlannedOrg[]; skipped: Skipped[] } {
  const planned: PlannedOrg[] = [];
  const skipped: Skipped[] = [];
  const plannedArs = new Set<string>();
  const existingId = (ags: string | null, ars: string) => (ags ? existing.byAgs.get(ags) : undefined) ?? existing.byArs.get(ars);

  const add = (o: PlannedOrg) => {
    const id = existingId(o.ags, o.ars);
    if (id) {
      skipped.push({ ars: o.ars, name: o.name, reason: 'exists', existingId: id });
      return;
    }
    if (!plannedArs.has(o.ars)) {
      plannedArs.add(o.ars);
      planned.push(o);
    }
  };

  /** Parent of something inside Verband `key`: the planned or existing Verband organisation, else the root. */
  const verbandParent = (ars: string): PlannedParent => {
    const id = existing.byArs.get(ars);
    if (id) {
      return { kind: 'existing', id };
    }
    return plannedArs.has(ars) ? { kind: 'planned', ars } : { kind: 'root' };
  };

  // A Landkreis is a member of its own, beside (not above) its Gemeinden: a Kreis admin must not
  // see the Gemeinden. A kreisfreie Stadt is its one Gemeinde, planned below.
  if (sel.kreis && ![41, 42].includes(sel.kreis.typCode)) {
    add({
      ars: `${sel.kreis.kreisAgs}0000000`,
      ags: null,
      name: `${sel.kreis.typ} ${sel.kreis.name}`,
      shortName: sel.kreis.name,
      type: 'landkreis',
      parent: { kind: 'root' },
      population: sel.kreis.einwohner,
      source: sel.kreis.typ,
    });
  }

  const byVerband = new Map<string, RefGemeindeRow[]>();
  for (const g of sel.gemeinden) {
    byVerband.set(g.verbandArs, [...(byVerband.get(g.verbandArs) ?? []), g]);
  }

  // Verbände first, so that their Gemeinden find them as parents.
  const eg = new Map<string, string>(); // verband key → ARS of its erfüllende Gemeinde
  for (const v of [...sel.verbaende].sort((a, b) => a.verbandArs.localeCompare(b.verbandArs))) {
    const type = verbandType(v.typCode);
    if (type) {
      add({
        ars: `${v.verbandArs}000`,
        ags: null,
        name: `${v.typ} ${v.name}`,
        shortName: v.name,
        type,
        parent: { kind: 'root' },
        population: v.einwohner,
        source: v.typ,
      });
    } else if (v.typCode === 58) {
      const host = erfuellendeGemeinde(v, byVerband.get(v.verbandArs) ?? []);
      if (host) {
        eg.set(v.verbandArs, host.ars);
      }
    }
  }

  // Erfüllende Gemeinden before the Gemeinden they serve.
  const hosts = new Set(eg.values());
  const gemeinden = [...sel.gemeinden].sort((a, b) => Number(hosts.has(b.ars)) - Number(hosts.has(a.ars)) || a.ars.localeCompare(b.ars));
  for (const g of gemeinden) {
    const type = gemeindeType(g.typCode, g.ags);
    if (!type) {
      skipped.push({ ars: g.ars, name: g.name, reason: 'gemeindefrei' });
      continue;
    }
    const host = eg.get(g.verbandArs);
    let parent: PlannedParent;
    if (host && host !== g.ars) {
      parent = verbandParent(host);
    } else if (verbandType(sel.verbandTypes.get(g.verbandArs) ?? 50)) {
      parent = verbandParent(`${g.verbandArs}000`);
    } else {
      parent = { kind: 'root' };
    }
    add({
      ars: g.ars,
      ags: g.ags,
      name: g.name,
      shortName: baseName(g.name) === g.name ? null : baseName(g.name),
      type,
      parent,
      population: g.einwohner,
      source: g.typ,
    });
  }
  return { planned, skipped };
}
