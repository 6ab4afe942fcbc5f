import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { LocalFileStore } from '../../platform/files/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import type { Database } from '../../platform/db/client.js';
import { DEMO_PASSWORD } from '../demo.js';
import { seedScenarios, type ScenarioLogin } from './index.js';

/** The demo scenarios load once per database and give every provider its own, isolated tree. */
describe(`demo scenarios (${dbKind()})`, () => {
  let database: Database;
  let t: TestApp;
  let logins: ScenarioLogin[];
  const store = new LocalFileStore(mkdtempSync(path.join(tmpdir(), 'verbund-scenarios-')));

  beforeAll(async () => {
    database = await testDatabase();
    t = await testApp(database, { files: store });
    logins = await seedScenarios(database.db, ['all'], { now: new Date('2026-11-22T12:00:00Z'), files: store });
  }, 120_000);

  const count = async (q: ReturnType<typeof sql>) => (await database.db.execute<{ n: number }>(q)).rows[0]!.n;
  const providerId = async (name: string) =>
    (
      await database.db.execute<{ id: string }>(
        sql`select id from organisations where kind = 'provider' and name = ${name}`,
      )
    ).rows[0]!.id;
  const members = async (name: string) =>
    count(
      sql`select count(*)::int as n from organisations where kind = 'member' and provider_id = ${await providerId(name)}`,
    );

  // Seeding speed is a figure of `npm start`'s first run, not a timed assertion (DESIGN: benchmarks, never timed tests).
  it('loads all four scenarios with their logins', () => {
    expect(logins.map((l) => l.email)).toEqual(
      expect.arrayContaining([
        'admin@kids.demo',
        'finance@kits.demo',
        'agent@ksm.demo',
        'user@kitu.demo',
        'user@kids.demo',
        'user@kits.demo',
        'user@ksm.demo',
      ]),
    );
    expect(logins).toHaveLength(16);
  });

  it('KIDS: the Landkreis, every Gemeinde of Kreis 16068 and its Verwaltungsgemeinschaften; two partner sites', async () => {
    const p = await providerId('KIDS – Kommunale Informations- und Datendienste Sömmerda');
    expect(
      await count(sql`select count(*)::int as n from organisations where provider_id = ${p} and type = 'landkreis'`),
    ).toBe(1);
    expect(
      await count(sql`select count(*)::int as n from organisations where provider_id = ${p} and ags like '16068%'`),
    ).toBe(37);
    expect(
      await count(
        sql`select count(*)::int as n from organisations where provider_id = ${p} and type = 'verwaltungsgemeinschaft'`,
      ),
    ).toBe(5);
    expect(
      await count(
        sql`select count(*)::int as n from organisations o join organisations v on v.id = o.parent_id where o.provider_id = ${p} and v.type = 'verwaltungsgemeinschaft'`,
      ),
    ).toBe(31);
    expect(await members('KIDS – Kommunale Informations- und Datendienste Sömmerda')).toBe(43);
    expect(
      await count(
        sql`select count(*)::int as n from member_population mp join organisations o on o.id = mp.org_id where o.provider_id = ${p}`,
      ),
    ).toBe(43);
    expect(await count(sql`select count(*)::int as n from partner_links where org_id = ${p}`)).toBe(2);
  });

  it('KITS: 13 members by Zweckvereinbarung, the VG Dolmar-Salzbrücke with five Gemeinden', async () => {
    const p = await providerId('KITS – Kommunaler IT-Service Schmalkalden-Meiningen');
    expect(await members('KITS – Kommunaler IT-Service Schmalkalden-Meiningen')).toBe(13);
    expect(
      await count(
        sql`select count(*)::int as n from agreements where provider_id = ${p} and kind = 'zweckvereinbarung'`,
      ),
    ).toBe(13);
    expect(
      await count(
        sql`select count(*)::int as n from agreements where provider_id = ${p} and signed_at between '2025-01-01' and '2025-12-31'`,
      ),
    ).toBe(7);
    expect(
      await count(
        sql`select count(*)::int as n from organisations o join organisations v on v.id = o.parent_id where o.provider_id = ${p} and v.name = 'Verwaltungsgemeinschaft Dolmar-Salzbrücke'`,
      ),
    ).toBe(5);
    expect(
      await count(
        sql`select count(*)::int as n from onboardings where org_id in (select id from organisations where provider_id = ${p}) and completed_at is null`,
      ),
    ).toBe(5);
  });

  it('KSM: Träger by öffentlich-rechtlichem Vertrag, Stadt and Amt Neustadt-Glewe signed on 2018-01-26', async () => {
    const p = await providerId('Kommunalservice Mecklenburg AöR');
    const ng = await database.db.execute<{ name: string; kind: string; signed_at: string }>(
      sql`select o.name, a.kind, a.signed_at::text as signed_at from agreements a join organisations o on o.id = a.org_id where a.provider_id = ${p} and o.name like '%Neustadt-Glewe%' order by o.name`,
    );
    expect(ng.rows).toEqual([
      { name: 'Amt Neustadt-Glewe', kind: 'oer_vertrag', signed_at: '2018-01-26' },
      { name: 'Stadt Neustadt-Glewe', kind: 'oer_vertrag', signed_at: '2018-01-26' },
    ]);
    expect(
      await count(sql`select count(*)::int as n from agreements where provider_id = ${p} and kind <> 'oer_vertrag'`),
    ).toBe(0);
  });

  it('KITU: 100 members of mixed types in Sachsen-Anhalt, each with eG shares', async () => {
    const p = await providerId('Kommunale IT-UNION eG');
    expect(await members('Kommunale IT-UNION eG')).toBe(100);
    const types = await database.db.execute<{ type: string }>(
      sql`select distinct type from organisations where provider_id = ${p} and kind = 'member' order by type`,
    );
    expect(types.rows.map((r) => r.type)).toEqual([
      'gemeinde',
      'kreisfreie_stadt',
      'landkreis',
      'stadt',
      'verbandsgemeinde',
    ]);
    expect(
      await count(
        sql`select count(*)::int as n from agreements where provider_id = ${p} and kind = 'genossenschaft' and share_count >= 1 and share_nominal_cents = 50000`,
      ),
    ).toBe(100);
    const abi = await database.db.execute<{ active_since: string }>(
      sql`select a.active_since::text as active_since from agreements a join organisations o on o.id = a.org_id where o.name = 'Landkreis Anhalt-Bitterfeld' and a.provider_id = ${p}`,
    );
    expect(abi.rows[0]?.active_since).toBe('2022-10-01');
    expect(
      await count(
        sql`select count(*)::int as n from organisations where provider_id = ${p} and ags in ('15003000', '15083040')`,
      ),
    ).toBe(2);
  });

  it('every login works with the demo password and sees only its own provider', async () => {
    const seen = new Map<string, number>();
    for (const l of logins.filter((x) => x.email.startsWith('admin@') || x.email.startsWith('user@'))) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: l.email, password: DEMO_PASSWORD },
      });
      expect(res.statusCode, l.email).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'verbund_session')!.value;
      const orgs = await t.app.inject({
        method: 'GET',
        url: '/api/v1/organisations?limit=500',
        cookies: { verbund_session: cookie },
      });
      seen.set(l.email, orgs.json().total);
    }
    expect(seen.get('user@kids.demo')).toBe(1);
    expect(seen.get('admin@kids.demo')).toBe(44);
    expect(seen.get('admin@kits.demo')).toBe(14);
    expect(seen.get('admin@kitu.demo')).toBe(101);
  });

  it('attaches a signed PDF to every signed agreement, readable by the member', async () => {
    // The scenarios' providers only: on PostgreSQL other test files share the database.
    const providers = [
      'KIDS – Kommunale Informations- und Datendienste Sömmerda',
      'KITS – Kommunaler IT-Service Schmalkalden-Meiningen',
      'Kommunalservice Mecklenburg AöR',
      'Kommunale IT-UNION eG',
    ];
    const ids = await Promise.all(providers.map(providerId));
    expect(
      await count(
        sql`select count(*)::int as n from agreements where signed_at is not null and signed_document_id is null and provider_id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      ),
    ).toBe(0);
    const doc = (
      await database.db.execute<{ id: string }>(
        sql`select d.id from documents d join organisations o on o.id = d.org_id where o.ags = '13076105' and d.org_id in (select id from organisations where provider_id = (select id from organisations where name = 'Kommunalservice Mecklenburg AöR'))`,
      )
    ).rows[0]!;
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'user@ksm.demo', password: DEMO_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'verbund_session')!.value;
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${doc.id}/content`,
      cookies: { verbund_session: cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('grants: KIDS 3,332,171.18 of 4.6 M EUR with its plan; KITS 2.2 M EUR with 620,000 EUR drawn for its first seven members', async () => {
    const kidsId = await providerId('KIDS – Kommunale Informations- und Datendienste Sömmerda');
    const kitsId = await providerId('KITS – Kommunaler IT-Service Schmalkalden-Meiningen');
    const grant = async (p: string) =>
      (
        await database.db.execute<{ id: string; amount: string; eligible_cost: string }>(
          sql`select id, amount, eligible_cost from grants where org_id = ${p}`,
        )
      ).rows;
    const [kidsGrant] = await grant(kidsId);
    expect(kidsGrant).toMatchObject({ amount: '3332171.18', eligible_cost: '4600000.00' });
    expect(await count(sql`select count(*)::int as n from grant_plan_lines where grant_id = ${kidsGrant!.id}`)).toBe(5);
    expect(
      await count(
        sql`select (sum(budget) = 4600000)::int as n from grant_plan_lines where grant_id = ${kidsGrant!.id}`,
      ),
    ).toBe(1);
    expect(
      await count(sql`select count(*)::int as n from grant_expenses where grant_id = ${kidsGrant!.id}`),
    ).toBeGreaterThanOrEqual(10);
    const [kitsGrant] = await grant(kitsId);
    expect(kitsGrant).toMatchObject({ amount: '2200000.00' });
    const drawn = await database.db.execute<{ total: string; members: number }>(
      sql`select sum(amount)::text as total, count(distinct member_id)::int as members from grant_drawdowns where grant_id = ${kitsGrant!.id} and status = 'received'`,
    );
    expect(drawn.rows[0]).toEqual({ total: '620000.00', members: 7 });
  });

  it('is idempotent: a second run leaves loaded scenarios alone', async () => {
    const before = await count(sql`select count(*)::int as n from organisations`);
    expect(await seedScenarios(database.db, ['kits'])).toEqual([]);
    expect(await count(sql`select count(*)::int as n from organisations`)).toBe(before);
  });
});
