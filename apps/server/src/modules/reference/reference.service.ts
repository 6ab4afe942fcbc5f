import type { AuthContext } from '../../platform/auth/auth.context.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ATTRIBUTION, type GemeindeResponse, type GemeindeSearchQuery, type VerbandResponse } from './reference.dto.js';
import * as repo from './reference.repository.js';

/**
 * Read access to the Gemeindeverzeichnis. Any logged-in caller may read it (public data); the
 * query runs as the request role, which holds SELECT on the reference tables only.
 */
/** The loaded edition changes only on import; a type-ahead need not ask for it every keystroke. */
const EDITION_TTL_MS = 60_000;

export class ReferenceService {
  private editionCache: { at: number; value: Awaited<ReturnType<typeof repo.edition>> } | undefined;

  constructor(private readonly db: Db) {}

  private async edition(tx: Tx) {
    const now = Date.now();
    if (!this.editionCache || now - this.editionCache.at > EDITION_TTL_MS) {
      this.editionCache = { at: now, value: await repo.edition(tx) };
    }
    return this.editionCache.value;
  }

  private async read<T>(auth: AuthContext, fn: (tx: Tx) => Promise<T>) {
    return withTenant(this.db, auth, fn);
  }

  async gemeinden(auth: AuthContext, q: GemeindeSearchQuery) {
    return this.read(auth, async (tx) => {
      const ed = await this.edition(tx);
      const rows = await repo.searchGemeinden(tx, q);
      const items: GemeindeResponse[] = rows.map((r) => ({
        ags: r.ags,
        ars: r.ars,
        name: r.name,
        typeCode: r.typCode,
        typeName: r.typ,
        verband:
          r.verbandTypCode === null || r.verbandTypCode === 50
            ? null
            : { key: r.verbandArs, name: r.verbandName ?? '', typeCode: r.verbandTypCode, typeName: r.verbandTyp ?? '' },
        kreis: { key: r.kreisAgs, name: r.kreisName ?? '' },
        land: { key: r.land, name: r.landName ?? '' },
        population: r.einwohner,
        populationDate: ed?.populationDate ?? '',
        areaKm2: r.flaecheHa / 100,
        postalCode: r.plz,
      }));
      return { items, gebietsstand: ed?.gebietsstand ?? null, populationDate: ed?.populationDate ?? null, attribution: ATTRIBUTION };
    });
  }

  async kreise(auth: AuthContext, q: { land?: string; q?: string }) {
    return this.read(auth, async (tx) => {
      const ed = await this.edition(tx);
      const rows = await repo.listKreise(tx, q);
      return {
        items: rows.map(({ k, landName }) => ({
          ags: k.kreisAgs,
          name: k.name,
          typeCode: k.typCode,
          typeName: k.typ,
          seat: k.sitz,
          land: { key: k.land, name: landName ?? '' },
          population: k.einwohner,
          gemeindenCount: k.anzahlGemeinden,
        })),
        gebietsstand: ed?.gebietsstand ?? null,
        populationDate: ed?.populationDate ?? null,
        attribution: ATTRIBUTION,
      };
    });
  }

  async verbaende(auth: AuthContext, kreis: string, includeVerbandsfrei: boolean) {
    return this.read(auth, async (tx) => {
      const ed = await this.edition(tx);
      const verbaende = await repo.listVerbaende(tx, kreis, includeVerbandsfrei);
      const gemeinden = await repo.gemeindenOfVerbaende(tx, verbaende.map((v) => v.verbandArs));
      const items: VerbandResponse[] = verbaende.map((v) => ({
        key: v.verbandArs,
        ars: `${v.verbandArs}000`,
        name: v.name,
        typeCode: v.typCode,
        typeName: v.typ,
        seat: v.sitz,
        kreisAgs: v.kreisAgs,
        population: v.einwohner,
        gemeinden: gemeinden
          .filter((g) => g.verbandArs === v.verbandArs)
          .map((g) => ({ ags: g.ags, ars: g.ars, name: g.name, population: g.einwohner })),
      }));
      return { items, gebietsstand: ed?.gebietsstand ?? null, populationDate: ed?.populationDate ?? null, attribution: ATTRIBUTION };
    });
  }
}
