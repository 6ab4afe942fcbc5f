import { z } from 'zod';

export const ATTRIBUTION = 'Datenquelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV100AD, dl-de/by-2-0';

const digits = (n: number, what: string) => z.string().regex(new RegExp(`^\\d{${n}}$`), `${what}: ${n} digits`);

export const GemeindeSearchQuery = z.strictObject({
  /**
   * Name prefix (case and umlauts do not matter), or a key: AGS (8 digits), ARS (12), Verband (9),
   * Kreis (5), or a shorter AGS prefix.
   */
  q: z.string().trim().max(100).optional(),
  kreis: digits(5, 'Kreis').optional(),
  land: digits(2, 'Land').optional(),
  verband: digits(9, 'Verband').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type GemeindeSearchQuery = z.infer<typeof GemeindeSearchQuery>;

const Ref = z.object({ key: z.string(), name: z.string() });

export const GemeindeResponse = z.object({
  ags: z.string(),
  ars: z.string(),
  name: z.string(),
  typeCode: z.number().int(),
  typeName: z.string(),
  /** The Gemeindeverband (Amt, VG, Verbandsgemeinde …); null for verbandsfreie Gemeinden. */
  verband: Ref.extend({ typeCode: z.number().int(), typeName: z.string() }).nullable(),
  kreis: Ref,
  land: Ref,
  population: z.number().int(),
  populationDate: z.string(),
  areaKm2: z.number(),
  postalCode: z.string().nullable(),
});
export type GemeindeResponse = z.infer<typeof GemeindeResponse>;

const Edition = {
  gebietsstand: z.string().nullable(),
  populationDate: z.string().nullable(),
  attribution: z.string(),
};

export const GemeindeListResponse = z.object({ items: z.array(GemeindeResponse), ...Edition });

export const KreisListQuery = z.strictObject({
  land: digits(2, 'Land').optional(),
  q: z.string().trim().max(100).optional(),
});
export const KreisResponse = z.object({
  ags: z.string(),
  name: z.string(),
  typeCode: z.number().int(),
  typeName: z.string(),
  seat: z.string().nullable(),
  land: Ref,
  population: z.number().int(),
  gemeindenCount: z.number().int(),
});
export const KreisListResponse = z.object({ items: z.array(KreisResponse), ...Edition });

export const VerbandListQuery = z.strictObject({
  kreis: digits(5, 'Kreis'),
  /** Also the pseudo-Verbände of verbandsfreie Gemeinden (type 50). */
  includeVerbandsfrei: z.enum(['true', 'false']).default('false'),
});
export const VerbandResponse = z.object({
  /** 9-digit key (Kreis + Verband); the 12-digit ARS of the Verband is this + "000". */
  key: z.string(),
  ars: z.string(),
  name: z.string(),
  typeCode: z.number().int(),
  typeName: z.string(),
  seat: z.string().nullable(),
  kreisAgs: z.string(),
  population: z.number().int(),
  gemeinden: z.array(z.object({ ags: z.string(), ars: z.string(), name: z.string(), population: z.number().int() })),
});
export type VerbandResponse = z.infer<typeof VerbandResponse>;
export const VerbandListResponse = z.object({ items: z.array(VerbandResponse), ...Edition });
