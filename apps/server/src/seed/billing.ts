/**
 * Demo billing of a scenario provider, after its catalogue: seller settings, a budget mapping and
 * a default Leitweg-ID for every member (from its AGS), the cost plan of the year, and issued
 * invoices through the real billing code — advance payments for Q1 (active members) and a usage
 * run for the year (every member with subscriptions) — so every member has at least one invoice and
 * every XRechnung went through the validator. PDFs are rendered on first download (fast seed).
 * Runs in the scenario's transaction on the admin path; a provider with settings is left alone.
 */
import type { Permission } from '@verbund/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { AuthContext } from '../platform/auth/auth.context.js';
import type { Db, Tx } from '../platform/db/client.js';
import { leitwegIds, makeLeitwegId } from '../modules/members/index.js';
import { organisations } from '../modules/organisations/index.js';
import { BillingRunsService, billingRuns, billingSettings, budgetMappings, costPlans, costPools } from '../modules/billing/index.js';

const PERMS: Permission[] = ['billing.read', 'billing.manage', 'invoice.read', 'catalog.read', 'subscription.read', 'member.read', 'agreement.read'];

/** The seed acts as the provider's finance over the whole tree (admin path, audit without a user). */
function seedScope(orgIds: string[]): AuthContext {
  const perms = new Set(PERMS);
  return {
    kind: 'token',
    userId: null,
    tokenId: null,
    sessionId: null,
    requestId: 'seed',
    orgIds,
    permissions: new Map(orgIds.map((id) => [id, perms])),
    roles: new Map(),
  };
}

const DEMO_IBAN = ['DE02120300000000202051', 'DE02500105170137075030', 'DE88100900001234567892', 'DE02100500000054540402'];

export async function seedBilling(tx: Tx, providerId: string, opts: { year: number; vat: 'public' | 'taxable'; index?: number }): Promise<void> {
  const [existing] = await tx.select({ id: billingSettings.orgId }).from(billingSettings).where(eq(billingSettings.orgId, providerId));
  if (existing) {
    return;
  }
  const { year } = opts;
  const [provider] = await tx.select().from(organisations).where(eq(organisations.id, providerId));
  if (!provider) {
    throw new Error('seedBilling: provider missing');
  }
  const short = (provider.shortName ?? 'IT').toLowerCase().replace(/[^a-z]/g, '');
  await tx.insert(billingSettings).values({
    orgId: providerId,
    sellerName: provider.name,
    street: provider.street ?? 'Hauptstraße 1',
    postalCode: provider.postalCode ?? '99084',
    city: provider.city ?? 'Erfurt',
    vatId: `DE${String(123456789 + (opts.index ?? 0) * 1111).slice(0, 9)}`,
    taxNumber: `151/${100 + (opts.index ?? 0)}/12345`,
    iban: DEMO_IBAN[(opts.index ?? 0) % DEMO_IBAN.length]!,
    bic: 'HELADEF1ERF',
    bankName: 'Demo-Sparkasse',
    contactName: 'Finanzbuchhaltung',
    contactPhone: '+49 361 000000',
    contactEmail: `finanzen@${short}.demo`,
    electronicAddress: `rechnung@${short}.demo`,
    paymentTermsDays: 30,
  });

  // Buyers need a post code and a city (BR-DE-8/9): a Verband without one takes its first Gemeinde's.
  await tx.execute(sql`update organisations o set postal_code = coalesce(
      (select c.postal_code from organisations c where c.parent_id = o.id and c.postal_code is not null order by c.name limit 1), ${provider.postalCode ?? '99084'})
    where o.provider_id = ${providerId} and o.kind = 'member' and o.postal_code is null`);
  await tx.execute(sql`update organisations set city = ${provider.city ?? 'Erfurt'} where provider_id = ${providerId} and kind = 'member' and city is null`);
  await tx.execute(sql`update organisations set street = 'Rathaus' where provider_id = ${providerId} and kind = 'member' and street is null`);

  const members = await tx
    .select({ id: organisations.id, ags: organisations.ags, ars: organisations.ars, type: organisations.type })
    .from(organisations)
    .where(and(eq(organisations.providerId, providerId), eq(organisations.kind, 'member')));
  const haveLeitweg = new Set(
    (await tx.select({ orgId: leitwegIds.orgId }).from(leitwegIds).where(and(eq(leitwegIds.providerId, providerId), eq(leitwegIds.isDefault, true)))).map((r) => r.orgId),
  );
  const used = new Set<string>();
  const newIds: (typeof leitwegIds.$inferInsert)[] = [];
  for (const [i, m] of members.entries()) {
    if (haveLeitweg.has(m.id)) {
      continue;
    }
    // Grobadressierung from the municipality key (AGS, else the first 9 digits of the ARS).
    const grob = m.ags ?? m.ars?.slice(0, 9) ?? `16${String(i).padStart(6, '0')}`;
    let id = makeLeitwegId(grob, 'RECHNUNG');
    for (let k = 2; used.has(id); k++) {
      id = makeLeitwegId(grob, `RECHNUNG${k}`);
    }
    used.add(id);
    newIds.push({ orgId: m.id, providerId, leitwegId: id, purpose: 'Rechnungseingang', isDefault: true });
  }
  if (newIds.length) {
    await tx.insert(leitwegIds).values(newIds);
  }
  await tx
    .insert(budgetMappings)
    .values(
      members.map((m, i) =>
        i % 3 === 2
          ? { orgId: m.id, system: 'kameralistik' as const, budgetLine: '0620.6520', expenseKind: 'consumptive' as const }
          : { orgId: m.id, system: 'doppik' as const, product: '11.1.07', account: '5431000', costCentre: `KST-${String(100 + i)}`, expenseKind: 'consumptive' as const },
      ),
    )
    .onConflictDoNothing();

  const [plan] = await tx
    .insert(costPlans)
    .values({ orgId: providerId, year, title: `Kostenplan ${year}`, notes: 'Wirtschaftsplan des Zweckverbands, Umlage nach Vereinbarung.' })
    .returning();
  await tx.insert(costPools).values([
    { orgId: providerId, planId: plan!.id, name: 'Personal', category: 'personnel' as const, plannedCents: 48_000_000n, key: 'population' as const, position: 0 },
    { orgId: providerId, planId: plan!.id, name: 'Abschreibungen Hardware', category: 'depreciation' as const, plannedCents: 12_500_000n, key: 'workstations' as const, position: 1 },
    { orgId: providerId, planId: plan!.id, name: 'Lizenzen', category: 'licences' as const, plannedCents: 9_800_000n, key: 'population' as const, position: 2 },
    { orgId: providerId, planId: plan!.id, name: 'Energie Rechenzentrum', category: 'energy' as const, plannedCents: 2_400_000n, key: 'equal' as const, position: 3 },
    { orgId: providerId, planId: plan!.id, name: 'Externe Dienstleister', category: 'external_services' as const, plannedCents: 3_600_000n, key: 'population' as const, position: 4 },
  ]);

  const scope = seedScope([providerId, ...members.map((m) => m.id)]);
  // Only the transaction-level methods (compute, issueWithin) are used: they run in `tx`.
  const runs = new BillingRunsService(tx as unknown as Db);
  const make = async (kind: 'advance' | 'usage', start: string, end: string, issueDate: string, title: string) => {
    const [run] = await tx
      .insert(billingRuns)
      .values({ orgId: providerId, kind, year, periodStart: start, periodEnd: end, planId: kind === 'advance' ? plan!.id : null, title, issueDate })
      .returning();
    return runs.compute(tx, scope, run!);
  };
  if (opts.vat === 'public') {
    const advance = await make('advance', `${year}-01-01`, `${year}-03-31`, `${year}-01-15`, `Abschläge 1. Quartal ${year}`);
    await runs.issueWithin(tx, scope, advance.id);
  }
  // Usage for the whole year (Jahresrechnung), pro rata from each subscription's start.
  const usage = await make('usage', `${year}-01-01`, `${year}-12-31`, `${year}-11-02`, `Nutzungsentgelte ${year} (Jahresrechnung)`);
  await runs.issueWithin(tx, scope, usage.id);
  // A draft for the finance staff to look at (recompute, preview, issue).
  if (opts.vat === 'public') {
    await make('advance', `${year}-04-01`, `${year}-06-30`, `${year}-04-15`, `Abschläge 2. Quartal ${year}`);
  }
}
