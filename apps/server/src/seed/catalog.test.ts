import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../test/db.js';
import type { Database } from '../platform/db/client.js';
import { withSystem } from '../platform/db/tenant.js';
import { billableSubscriptions, priceListForYear } from '../modules/catalog/index.js';
import { seedScenarios } from './scenarios/index.js';

describe(`demo catalogue (${dbKind()})`, () => {
  let database: Database;
  let provider: string;
  const count = async (q: ReturnType<typeof sql>) => (await database.db.execute<{ n: number }>(q)).rows[0]!.n;

  beforeAll(async () => {
    database = await testDatabase();
    await seedScenarios(database.db, ['kits'], { now: new Date('2026-11-22T12:00:00Z') });
    provider = (await database.db.execute<{ id: string }>(sql`select id from organisations where kind = 'provider' and short_name = 'KITS'`)).rows[0]!.id;
  }, 120_000);

  it('gives the provider services and a published price list for this and the previous year', async () => {
    expect(await count(sql`select count(*)::int as n from services where provider_id = ${provider}`)).toBe(9);
    const [prev, cur] = await withSystem(database.db, async (tx) => [await priceListForYear(tx, provider, 2025), await priceListForYear(tx, provider, 2026)]);
    expect(prev!.items).toHaveLength(9);
    expect(prev!.items.find((i) => i.serviceCode === 'APB-01')).toMatchObject({ unitPrice: '420.0000', tiers: [{ aboveQuantity: '50.0000', unitPrice: '395.0000' }, { aboveQuantity: '200.0000', unitPrice: '370.0000' }] });
    expect(cur!.items.find((i) => i.serviceCode === 'APB-01')!.unitPrice).toBe('432.6000');
    expect(cur!.items.find((i) => i.serviceCode === 'FV-HOST')!.unitPrice).toBe('0.8755');
    expect(cur!.publishedAt).not.toBeNull();
  });

  it('subscribes every member, with quantities from its population and a quantity history', async () => {
    const members = await count(sql`select count(*)::int as n from organisations where provider_id = ${provider} and kind = 'member'`);
    expect(await count(sql`select count(distinct org_id)::int as n from subscriptions where provider_id = ${provider}`)).toBe(members);
    expect(await count(sql`select count(*)::int as n from subscription_quantities q join subscriptions s on s.id = q.subscription_id where s.provider_id = ${provider} and q.valid_from = '2026-07-01'`)).toBeGreaterThan(0);
    const rows = await withSystem(database.db, (tx) => billableSubscriptions(tx, provider, '2026-01-01', '2026-12-31'));
    const fv = rows.find((r) => r.serviceCode === 'FV-HOST')!;
    expect(fv).toMatchObject({ vatTreatment: 'not_taxable_2b', unitCode: 'C62' });
    const pop = await count(sql`select value as n from member_population where org_id = ${fv.memberId} order by reference_date desc limit 1`);
    expect(fv.segments[0]!.quantity).toBe(`${pop}.0000`);
  });
});
