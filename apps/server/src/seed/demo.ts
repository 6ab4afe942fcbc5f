import type { Role } from '@verbund/shared';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db/client.js';
import { uuidv7 } from '../platform/db/columns.js';
import { withSystem } from '../platform/db/tenant.js';
import { hashPassword } from '../platform/auth/password.js';
import { organisations } from '../modules/organisations/index.js';
import { roleGrants, users } from '../modules/users/index.js';

export const DEMO_PASSWORD = 'verbund-demo';

export interface DemoLogin {
  email: string;
  role: Role;
  where: string;
}

export const DEMO_LOGINS: DemoLogin[] = [
  { email: 'admin@verbund.demo', role: 'provider_admin', where: 'Kommunale IT Saale-Holzland AöR (alles)' },
  { email: 'agent@verbund.demo', role: 'provider_agent', where: 'Kommunale IT Saale-Holzland AöR (alles)' },
  { email: 'vg-admin@verbund.demo', role: 'member_admin', where: 'VG Südliches Saaletal und ihre Gemeinden' },
  { email: 'user@verbund.demo', role: 'member_user', where: 'Gemeinde Bucha' },
];

/** True when the database has no organisation yet (first start of the embedded database). */
export async function isEmpty(db: Db): Promise<boolean> {
  const res = await db.execute<{ n: number }>(sql`select count(*)::int as n from organisations`);
  return (res.rows[0]?.n ?? 0) === 0;
}

/**
 * The demo scenario: one provider (an AöR running the IT of its members), a
 * Verwaltungsgemeinschaft with two Gemeinden, and one more town. Names and keys are real
 * (Destatis Gemeindeverzeichnis, dl-de/by-2-0); the provider is invented.
 */
export async function seedDemo(db: Db): Promise<DemoLogin[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await withSystem(db, async (tx) => {
    const provider = uuidv7();
    const vg = uuidv7();
    const altenberga = uuidv7();
    const bucha = uuidv7();
    const kahla = uuidv7();
    await tx.insert(organisations).values([
      { id: provider, providerId: provider, kind: 'provider', type: 'aoer', name: 'Kommunale IT Saale-Holzland AöR', shortName: 'KIT-SHK', street: 'Im Schloss 2', postalCode: '07607', city: 'Eisenberg', email: 'servicedesk@kit-shk.example', phone: '+49 36691 0000' },
      { id: vg, parentId: provider, providerId: provider, kind: 'member', type: 'verwaltungsgemeinschaft', name: 'Verwaltungsgemeinschaft Südliches Saaletal', shortName: 'VG Südl. Saaletal', street: 'Margarethenstraße 7', postalCode: '07768', city: 'Kahla' },
      { id: altenberga, parentId: vg, providerId: provider, kind: 'member', type: 'gemeinde', name: 'Gemeinde Altenberga', ags: '16074002', ars: '160745011002', postalCode: '07768', city: 'Altenberga' },
      { id: bucha, parentId: vg, providerId: provider, kind: 'member', type: 'gemeinde', name: 'Gemeinde Bucha', ags: '16074008', ars: '160745011008', postalCode: '07751', city: 'Bucha' },
      { id: kahla, parentId: provider, providerId: provider, kind: 'member', type: 'stadt', name: 'Stadt Kahla', ags: '16074044', ars: '160740044044', street: 'Markt 10', postalCode: '07768', city: 'Kahla' },
    ]);
    const person = async (tx: Tx, orgId: string, email: string, name: string, role: Role, deep: boolean, grantOn = orgId) => {
      const id = uuidv7();
      await tx.insert(users).values({ id, orgId, email, name, passwordHash: hash });
      await tx.insert(roleGrants).values({ userId: id, orgId: grantOn, role, includeDescendants: deep });
    };
    await person(tx, provider, 'admin@verbund.demo', 'Anna Admin', 'provider_admin', true);
    await person(tx, provider, 'agent@verbund.demo', 'Ben Servicedesk', 'provider_agent', true);
    await person(tx, vg, 'vg-admin@verbund.demo', 'Carla Hauptamt', 'member_admin', true);
    await person(tx, bucha, 'user@verbund.demo', 'David Sachbearbeiter', 'member_user', false);
  });
  return DEMO_LOGINS;
}

export function printLogins(logins: DemoLogin[], log: (line: string) => void = console.log): void {
  log(`Demo-Zugänge (Passwort für alle: ${DEMO_PASSWORD}):`);
  for (const l of logins) {
    log(`  ${l.email.padEnd(24)} ${l.role.padEnd(16)} ${l.where}`);
  }
}
