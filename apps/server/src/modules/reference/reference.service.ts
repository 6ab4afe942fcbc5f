import type { AuthContext } from '../../platform/auth/auth.context.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ATTRIBUTION, type GemeindeResponse, type GemeindeSearchQuery, type VerbandResponse } from './reference.dto.js';
import * as repo from './reference.repository.js';

/**
 * Read access to the Gemeindeverzeichnis. Any logged-in caller may read it (public data); the
 * query runs as the request role, which holds SELECT on the reference tables only.
 */
export class ReferenceService {
  constructor(private readonly db: Db) {}

  private async read<T>(auth: AuthContext, fn: (tx: Tx) => Promise<T>) {
    return withTenant(this.db, auth, fn);
  }

  async gemeinden(auth: AuthContext, q: GemeindeSearchQuery) {
    return this.read(auth, async (tx) => {
      const ed = await repo.edition(tx);
      const rows = await repo.searchGemeinden(tx, q);
      const items: GemeindeResponse[] = rows.map(({ g, ...r }) => ({
        ags: g.ags,
        ars: g.ars,
        name: g.name,
        typeCode: g.typCode,
        typeName: g.typ,
        verband:
          r.verbandTypCode === null || r.verbandTypCode === 50
            ? null
            : { key: g.verbandArs, name: r.verbandName ?? '', typeCode: r.verbandTypCode, typeName: r.verbandTyp ?? '' },
        kreis: { key: g.kreisAgs, name: r.kreisName ?? '' },
        land: { key: g.land, name: r.landName ?? '' },
        population: g.einwohner,
        populationDate: ed?.populationDate ?? '',
        areaKm2: g.flaecheHa / 100,
        postalCode: g.plz,
      }));
      return { items, gebietsstand: ed?.gebietsstand ?? null, populationDate: ed?.populationDate ?? null, attribution: ATTRIBUTION };
    });
  }

  async kreise(auth: AuthContext, q: { land?: string; q?: string }) {
    return this.read(auth, async (tx) => {
      const ed = await repo.edition(tx);
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
      const ed = await repo.edition(tx);
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
