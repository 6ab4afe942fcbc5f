import { sql } from 'drizzle-orm';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { withSystem } from '../../platform/db/tenant.js';

export interface PopulationSyncReport {
  populationDate: string | null;
  inserted: number;
  updated: number;
  /** Members with a manual value for that date, left as they are. */
  keptManual: number;
}

/** The actor of admin-path changes in the audit trail (no user, no token). */
const systemActor = (requestId: string): AuthContext => ({
  kind: 'session',
  userId: null,
  tokenId: null,
  sessionId: null,
  requestId,
  orgIds: [],
  permissions: new Map(),
  roles: new Map(),
});

/**
 * After a directory import: every member whose keys are in the Gemeindeverzeichnis gets the
 * population of the directory's reference date (Gemeinde by AGS/ARS, Gemeindeverband by ARS,
 * Landkreis by Kreis key), so that cost allocation finds it. Values entered by hand for the same
 * date win. Admin path (CLI), across all providers, audited with a system actor.
 */
export async function syncPopulationFromDirectory(db: Db): Promise<PopulationSyncReport> {
  return withSystem(db, async (tx) => {
    const ds = await tx.execute<{ population_date: string }>(sql`select population_date::text from ref_datasets where name = 'gemeindeverzeichnis'`);
    const date = ds.rows[0]?.population_date ?? null;
    if (!date) {
      return { populationDate: null, inserted: 0, updated: 0, keptManual: 0 };
    }
    const res = await tx.execute<{ org_id: string; value: number; id: string | null; old: number | null; source: string | null }>(sql`
      with candidates as (
        select o.id as org_id, coalesce(g.einwohner, g2.einwohner, v.einwohner, k.einwohner) as value
          from organisations o
          left join ref_gemeinden g on o.type in ('gemeinde', 'landgemeinde', 'stadt', 'kreisfreie_stadt') and g.ags = o.ags
          left join ref_gemeinden g2 on o.type in ('gemeinde', 'landgemeinde', 'stadt', 'kreisfreie_stadt') and o.ags is null and g2.ars = o.ars
          left join ref_verbaende v on o.type in ('verwaltungsgemeinschaft', 'amt', 'verbandsgemeinde') and o.ars = v.verband_ars || '000'
          left join ref_kreise k on o.type = 'landkreis' and o.ars = k.kreis_ags || '0000000'
         where o.kind = 'member'
      )
      select c.org_id, c.value, p.id, p.value as old, p.source
        from candidates c
        left join member_population p on p.org_id = c.org_id and p.reference_date = ${date}::date
       where c.value is not null`);
    const report: PopulationSyncReport = { populationDate: date, inserted: 0, updated: 0, keptManual: 0 };
    const actor = systemActor(`import-${uuidv7()}`);
    for (const r of res.rows) {
      if (r.id && r.source !== 'gemeindeverzeichnis') {
        report.keptManual++;
        continue;
      }
      if (r.id && r.old === r.value) {
        continue;
      }
      const id = r.id ?? uuidv7();
      await tx.execute(sql`
        insert into member_population (id, org_id, reference_date, value, source)
        values (${id}, ${r.org_id}, ${date}::date, ${r.value}, 'gemeindeverzeichnis')
        on conflict (org_id, reference_date) do update set value = excluded.value, updated_at = now()`);
      await recordAudit(tx, actor, {
        orgId: r.org_id,
        entityType: 'member_population',
        entityId: id,
        action: r.id ? 'update' : 'create',
        before: r.id ? { referenceDate: date, value: r.old, source: r.source } : undefined,
        after: { referenceDate: date, value: r.value, source: 'gemeindeverzeichnis' },
      });
      if (r.id) {
        report.updated++;
      } else {
        report.inserted++;
      }
    }
    return report;
  });
}
