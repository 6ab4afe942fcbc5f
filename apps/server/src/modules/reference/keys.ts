import type { Tx } from '../../platform/db/client.js';
import type { FieldError } from '../../platform/http/errors.js';
import * as repo from './reference.repository.js';

/** Organisation types that are a Gemeinde of the directory. */
const GEMEINDE_TYPES = new Set(['gemeinde', 'landgemeinde', 'stadt', 'kreisfreie_stadt']);
/** Types that are a Gemeindeverband: keyed by ARS (Verband + "000"), no AGS of their own. */
const VERBAND_TYPES = new Set(['verwaltungsgemeinschaft', 'amt', 'verbandsgemeinde']);

/**
 * Checks AGS/ARS of an organisation against the Gemeindeverzeichnis, by type: a Gemeinde's keys
 * must exist (and belong together), a Landkreis's keys must be its Kreis key padded with zeros, a
 * Gemeindeverband has an ARS but no AGS. Types without official keys (Zweckverband, AöR, Schule,
 * Verein, eG, Stiftung, Eigenbetrieb, Schulträger, sonstige) are only format-checked (by the DTO).
 * Returns field errors with German messages; empty when all is well.
 */
export async function checkOrganisationKeys(
  tx: Tx,
  o: { type: string; ags?: string | null; ars?: string | null },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const ags = o.ags ?? null;
  const ars = o.ars ?? null;
  if (GEMEINDE_TYPES.has(o.type)) {
    const byAgs = ags ? (await repo.gemeindenByAgs(tx, [ags]))[0] : undefined;
    if (ags && !byAgs) {
      errors.push({ field: 'body/ags', message: `AGS ${ags} gibt es im Gemeindeverzeichnis nicht.` });
    }
    const byArs = ars ? await repo.gemeindeByArs(tx, ars) : undefined;
    if (ars && !byArs) {
      errors.push({ field: 'body/ars', message: `ARS ${ars} gibt es im Gemeindeverzeichnis nicht.` });
    }
    if (byAgs && byArs && byAgs.ars !== byArs.ars) {
      errors.push({
        field: 'body/ars',
        message: `ARS ${ars} gehört zu ${byArs.name}, AGS ${ags} zu ${byAgs.name}; zu AGS ${ags} gehört ARS ${byAgs.ars}.`,
      });
    }
  } else if (o.type === 'landkreis') {
    for (const [field, value, pad] of [['ags', ags, '000'], ['ars', ars, '0000000']] as const) {
      if (!value) {
        continue;
      }
      const kreis = value.slice(0, 5);
      if (!value.endsWith(pad)) {
        errors.push({ field: `body/${field}`, message: `Der ${field.toUpperCase()} eines Landkreises ist sein Kreisschlüssel mit Nullen: ${kreis}${pad}.` });
      } else if (!(await repo.kreisByAgs(tx, kreis))) {
        errors.push({ field: `body/${field}`, message: `Kreis ${kreis} gibt es im Gemeindeverzeichnis nicht.` });
      }
    }
  } else if (VERBAND_TYPES.has(o.type)) {
    if (ags) {
      errors.push({ field: 'body/ags', message: 'Ein Gemeindeverband (VG, Amt, Verbandsgemeinde) hat keinen AGS; bitte den ARS angeben.' });
    }
    if (ars) {
      const key = ars.slice(0, 9);
      const [verband] = await repo.verbaendeByKey(tx, [key]);
      if (!ars.endsWith('000') || !verband || verband.typCode === 50) {
        errors.push({ field: 'body/ars', message: `ARS ${ars} ist im Gemeindeverzeichnis kein Gemeindeverband.` });
      }
    }
  }
  return errors;
}
