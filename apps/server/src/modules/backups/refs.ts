import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { sitesLookup } from '../sites/index.js';

export interface NameRefs {
  sites: Map<string, { id: string; name: string }>;
  services: Map<string, { id: string; name: string }>;
}

const arr = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * Admin path: names of the sites and catalogue services that visible jobs point to. A member's
 * job names the provider's data centre and the provider's catalogue service, both outside the
 * member's tenant; only id and name are read, for ids taken from rows the caller may see.
 * (The catalogue module exports no name lookup yet, so the service names are read here.)
 */
export async function nameRefs(tx: Tx, siteIds: readonly string[], serviceIds: readonly string[]): Promise<NameRefs> {
  const sites = await sitesLookup.siteRefs(tx, [...new Set(siteIds)]);
  const services = new Map<string, { id: string; name: string }>();
  const wanted = [...new Set(serviceIds)];
  if (wanted.length > 0) {
    const res = await tx.execute<{ id: string; name_de: string; provider_id: string }>(
      sql`select id, name_de, provider_id from services where id = any(${arr(wanted)})`,
    );
    for (const r of res.rows) {
      services.set(r.id, { id: r.id, name: r.name_de });
    }
  }
  return { sites: new Map([...sites].map(([k, v]) => [k, { id: v.id, name: v.name }])), services };
}

/** Admin path: the provider of a catalogue service, to check a job names one of its own provider's services. */
export async function serviceProvider(tx: Tx, serviceId: string): Promise<string | undefined> {
  const res = await tx.execute<{ provider_id: string }>(sql`select provider_id from services where id = ${serviceId}`);
  return res.rows[0]?.provider_id;
}
