/**
 * A provider tree ready for billing (its own tenant, like every factory): seller settings, members
 * with addresses, agreements with lifecycle dates, Leitweg-IDs and population, in a leap year.
 *
 *   gemeindeA  active since 2023-01-01, not taxable under § 2b (category O), population 1000
 *   gemeindeB  joins 2024-07-01 (184 of 366 days), 19 % (category S),     population 3000
 *   town       leaves 2024-09-30 (274 of 366 days), 19 % (category S),     population 6000
 *   vg         no agreement: never billed
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../src/platform/db/client.js';
import { withSystem } from '../src/platform/db/tenant.js';
import { agreements } from '../src/modules/agreements/index.js';
import { leitwegIds, makeLeitwegId, memberPopulation, memberWorkstations } from '../src/modules/members/index.js';
import { organisations } from '../src/modules/organisations/index.js';
import { billingSettings } from '../src/modules/billing/index.js';
import { makeTree, type Tree } from './factories.js';

export const BILLING_YEAR = 2024;

export interface BillingWorld extends Tree {
  billed: string[];
}

let counter = 0;

export async function makeBillingWorld(db: Db, opts: { leitwegFor?: string[] } = {}): Promise<BillingWorld> {
  const tree = await makeTree(db);
  const billed = [tree.gemeindeA, tree.gemeindeB, tree.town];
  const withLeitweg = opts.leitwegFor ?? billed;
  await withSystem(db, async (tx) => {
    await tx.insert(billingSettings).values({
      orgId: tree.provider,
      sellerName: 'Kommunale IT Test AöR',
      street: 'Hauptstraße 1',
      postalCode: '07545',
      city: 'Gera',
      vatId: 'DE123456789',
      taxNumber: '161/123/45678',
      iban: 'DE75512108001245126199',
      bic: 'GENODEF1GEV',
      contactName: 'Finanzen',
      contactPhone: '+49 365 123456',
      contactEmail: 'finanzen@test.verbund',
      electronicAddress: 'rechnung@test.verbund',
      paymentTermsDays: 30,
    });
    for (const [i, id] of billed.entries()) {
      await tx.update(organisations).set({ street: `Markt ${i + 1}`, postalCode: '07546', city: 'Gera' }).where(eq(organisations.id, id));
    }
    const base = { providerId: tree.provider, kind: 'zweckvereinbarung' as const, title: 'Zweckvereinbarung IT', intentDeclaredAt: '2022-01-01' };
    const twoB = { vatLongTerm: true, vatPublicTask: true, vatCostOnly: true, vatPublicBodies: true, vatTreatment: 'not_taxable_2b' as const };
    await tx.insert(agreements).values([
      { ...base, ...twoB, orgId: tree.gemeindeA, status: 'active', signedAt: '2022-06-01', activeSince: '2023-01-01', allocationKey: 'population' },
      { ...base, orgId: tree.gemeindeB, status: 'active', signedAt: '2024-05-01', activeSince: '2024-07-01', vatTreatment: 'taxable_19', allocationKey: 'population' },
      {
        ...base,
        orgId: tree.town,
        status: 'notice_given',
        signedAt: '2019-06-01',
        activeSince: '2020-01-01',
        noticeGivenAt: '2023-09-30',
        effectiveEnd: '2024-09-30',
        vatTreatment: 'taxable_19',
        allocationKey: 'population',
      },
    ]);
    const populations = [1000, 3000, 6000];
    for (const [i, id] of billed.entries()) {
      await tx.insert(memberPopulation).values({ orgId: id, referenceDate: '2023-06-30', value: populations[i]! });
      await tx.insert(memberWorkstations).values({ orgId: id, referenceDate: '2023-06-30', value: 10 * (i + 1) });
    }
    for (const id of withLeitweg) {
      counter += 1;
      const grob = `16${String(70000000 + ((Date.now() + counter * 7919) % 9999999)).slice(0, 7)}`.slice(0, 9);
      await tx.insert(leitwegIds).values({ orgId: id, providerId: tree.provider, leitwegId: makeLeitwegId(grob, `${String(counter).padStart(4, '0')}`), isDefault: true });
    }
  });
  return { ...tree, billed };
}
