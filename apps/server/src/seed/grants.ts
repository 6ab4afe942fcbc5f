/**
 * Demo grants of a scenario provider (Fördermittel), after its inventory:
 * - KIDS: the E-Government grant of 3,332,171.18 EUR of 4.6 M EUR eligible (≈ 72.4 %), a financing
 *   plan of five lines, expenses with receipts' data (some for members, some for assets of the data
 *   centre), two drawdowns received and one expense due soon, passed on in part to four members.
 * - KITS: 2.2 M EUR of 2.75 M EUR eligible (80 %), paid per integrated member: 620,000 EUR drawn
 *   down for the seven Gemeinden of the first round.
 * Both get reference costs for the savings report. Figures of the drawdowns come from the same rules
 * the service applies. Runs in the scenario's transaction on the admin path; a provider with grants
 * is left as it is.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/client.js';
import { uuidv7 } from '../platform/db/columns.js';
import { organisations } from '../modules/organisations/index.js';
import { assets } from '../modules/assets/index.js';
import {
  computeDrawdown,
  fromCents,
  grantBeneficiaries,
  grantDrawdowns,
  grantExpenses,
  grantPlanLines,
  grantProgrammes,
  grants,
  savingsReferenceCosts,
  toCents,
} from '../modules/grants/index.js';

/** KITS's first round (see scenarios/kits.ts): the seven Gemeinden the first drawdowns paid for. */
const KITS_FIRST = ['16066086', '16066013', '16066023', '16066094', '16066093', '16066022', '16066061'];

type Line = { code: string; title: string; budget: string };
type Expense = { line: string; date: string; due: string; payee: string; purpose: string; invoice: string; amount: string; memberId?: string | null; assetId?: string | null };

async function insertGrant(
  tx: Tx,
  providerId: string,
  g: Omit<typeof grants.$inferInsert, 'orgId' | 'programmeId'>,
  programme: { name: string; authority: string; paysPerMember: boolean },
  lines: Line[],
) {
  const [p] = await tx.insert(grantProgrammes).values({ orgId: providerId, ...programme }).returning();
  const [row] = await tx.insert(grants).values({ ...g, orgId: providerId, programmeId: p!.id }).returning();
  const lineRows = await tx
    .insert(grantPlanLines)
    .values(lines.map((l, i) => ({ orgId: providerId, grantId: row!.id, position: (i + 1) * 10, ...l })))
    .returning();
  return { grant: row!, lines: new Map(lineRows.map((l) => [l.code, l.id])) };
}

async function insertExpenses(tx: Tx, providerId: string, grantId: string, lines: Map<string, string>, list: Expense[]) {
  // An asset paid from the grant was acquired with that expense: its purchase date (which starts
  // the lock-in) is the expense's date, not the date the inventory seed gave it; the warranty
  // keeps its length.
  for (const e of list) {
    if (e.assetId) {
      await tx
        .update(assets)
        .set({ purchaseDate: e.date, warrantyEnd: sql`${e.date}::date + (${assets.warrantyEnd} - ${assets.purchaseDate})` })
        .where(eq(assets.id, e.assetId));
    }
  }
  return tx
    .insert(grantExpenses)
    .values(
      list.map((e) => ({
        id: uuidv7(),
        orgId: e.memberId ?? providerId,
        providerId,
        grantId,
        planLineId: lines.get(e.line)!,
        memberId: e.memberId ?? null,
        assetId: e.assetId ?? null,
        expenseDate: e.date,
        dueDate: e.due,
        payee: e.payee,
        purpose: e.purpose,
        invoiceNumber: e.invoice,
        amount: e.amount,
      })),
    )
    .returning();
}

/** A drawdown over the expenses by the rules, received `receivedOn`; returns its amount in cents. */
async function drawDown(
  tx: Tx,
  providerId: string,
  g: typeof grants.$inferSelect,
  o: { number: number; requestedOn: string; approvedOn: string; receivedOn: string; memberId?: string; expenses: (typeof grantExpenses.$inferSelect)[]; earlierCents: bigint; memberAmount?: string },
): Promise<bigint> {
  const c = computeDrawdown({
    terms: { amountCents: toCents(g.amount), eligibleCents: toCents(g.eligibleCost), periodStart: g.periodStart, periodEnd: g.periodEnd },
    expenses: o.expenses.map((e) => ({ id: e.id, amountCents: toCents(e.amount), expenseDate: e.expenseDate, dueDate: e.dueDate, drawn: false })),
    requestDate: o.requestedOn,
    earlierCents: o.earlierCents,
    member: o.memberAmount ? { amountCents: toCents(o.memberAmount), earlierCents: 0n } : undefined,
  });
  const [d] = await tx
    .insert(grantDrawdowns)
    .values({
      orgId: o.memberId ?? providerId,
      providerId,
      grantId: g.id,
      memberId: o.memberId ?? null,
      number: o.number,
      requestedOn: o.requestedOn,
      computedAmount: fromCents(c.allowedCents),
      amount: fromCents(c.amountCents),
      status: 'received',
      approvedOn: o.approvedOn,
      receivedOn: o.receivedOn,
      warnings: c.warnings,
    })
    .returning();
  if (c.included.length > 0) {
    await tx.update(grantExpenses).set({ drawdownId: d!.id }).where(inArray(grantExpenses.id, c.included));
  }
  return c.amountCents;
}

export async function seedGrants(tx: Tx, providerId: string, opts: { scenario: 'kids' | 'kits'; now?: Date }): Promise<{ grants: number; expenses: number; drawdowns: number }> {
  const existing = await tx.execute<{ n: number }>(sql`select count(*)::int as n from grants where org_id = ${providerId}`);
  if (existing.rows[0]!.n > 0) {
    return { grants: 0, expenses: 0, drawdowns: 0 };
  }
  const now = opts.now ?? new Date();
  const y = now.getUTCFullYear();
  await tx.insert(savingsReferenceCosts).values([y - 1, y].map((year) => ({
    orgId: providerId,
    year,
    perWorkstation: opts.scenario === 'kids' ? '1150.00' : '1080.00',
    perServer: '4800.00',
    perBackupJob: '650.00',
    basePerMember: opts.scenario === 'kids' ? '12000.00' : '9500.00',
    source: `Richtwerte des Anbieters für den Eigenbetrieb (Arbeitsplatz, Server, Sicherung, Grundaufwand IT-Betreuung), Stand ${year} – Demo-Werte`,
  })));
  return opts.scenario === 'kids' ? seedKids(tx, providerId, y) : seedKits(tx, providerId, y);
}

async function seedKids(tx: Tx, providerId: string, y: number) {
  const { grant, lines } = await insertGrant(
    tx,
    providerId,
    {
      title: 'Aufbau des Kommunalen IT-Dienstleistungszentrums im Landkreis Sömmerda',
      authority: 'Thüringer Finanzministerium',
      fileReference: `TFM 51-1534/${y - 3}-017`,
      noticeDate: `${y - 3}-09-15`,
      fundingType: 'share',
      ratePercent: '72.44',
      amount: '3332171.18',
      eligibleCost: '4600000.00',
      ineligibleCost: '185000.00',
      periodStart: `${y - 3}-10-01`,
      periodEnd: `${y + 1}-12-31`,
      lineDeviationPercent: '20',
      lockInYears: 5,
      interimProofDue: `${y}-12-31`,
      finalProofDue: `${y + 2}-06-30`,
      reportText:
        'Mit dem Vorhaben wurde für die Gemeinden des Landkreises Sömmerda ein gemeinsames IT-Dienstleistungszentrum aufgebaut: ' +
        'Rechenzentrum mit Virtualisierung und Datensicherung, zentrale Fachverfahren, standardisierte Arbeitsplätze und ein Servicedesk. ' +
        'Die Gemeinden wurden schrittweise migriert; die Mittel wurden zweckentsprechend, wirtschaftlich und sparsam eingesetzt.',
    },
    { name: 'Thüringer E-Government-Richtlinie (ThürEGovRL)', authority: 'Thüringer Finanzministerium', paysPerMember: false },
    [
      { code: '1', title: 'Rechenzentrum: Server, Speicher, Netz', budget: '1850000.00' },
      { code: '2', title: 'Software und Lizenzen', budget: '950000.00' },
      { code: '3', title: 'Migration und externe Dienstleistungen', budget: '1100000.00' },
      { code: '4', title: 'Arbeitsplatzausstattung der Gemeinden', budget: '500000.00' },
      { code: '5', title: 'Schulung und Projektsteuerung', budget: '200000.00' },
    ],
  );
  const members = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.providerId, providerId), eq(organisations.kind, 'member'), eq(organisations.type, 'gemeinde')))
    .orderBy(asc(organisations.name))
    .limit(4);
  // Passed on in part (VV Nr. 12): the workplace equipment of four Gemeinden, 2.5 % each.
  await tx.insert(grantBeneficiaries).values(
    members.map((m) => ({ orgId: m.id, grantId: grant.id, sharePercent: '2.5000', amount: '83304.28', ownShare: '31695.72' })),
  );
  const kit = await tx
    .select({ id: assets.id })
    .from(assets)
    .where(and(eq(assets.providerId, providerId), inArray(assets.type, ['server', 'storage', 'firewall', 'switch'])))
    .orderBy(asc(assets.inventoryNumber))
    .limit(4);
  const first: Expense[] = [
    { line: '1', date: `${y - 2}-02-14`, due: `${y - 2}-03-15`, payee: 'Bechtle GmbH IT-Systemhaus Erfurt', purpose: 'Virtualisierungs-Cluster (4 Hosts)', invoice: 'RE-2302-118', amount: '286450.00', assetId: kit[0]?.id },
    { line: '1', date: `${y - 2}-03-02`, due: `${y - 2}-04-01`, payee: 'Bechtle GmbH IT-Systemhaus Erfurt', purpose: 'Speichersystem mit Replikation', invoice: 'RE-2303-044', amount: '198300.00', assetId: kit[1]?.id },
    { line: '2', date: `${y - 2}-03-20`, due: `${y - 2}-04-19`, payee: 'Software-Vertrieb Mitteldeutschland GmbH', purpose: 'Lizenzen Virtualisierung und Datensicherung', invoice: '2023-0871', amount: '142980.50' },
    { line: '3', date: `${y - 2}-04-05`, due: `${y - 2}-05-05`, payee: 'Kommunalberatung Thüringen GmbH', purpose: 'Migrationskonzept und Projektbegleitung', invoice: 'KBT-23-041', amount: '64260.00' },
  ];
  const second: Expense[] = [
    { line: '1', date: `${y - 1}-05-10`, due: `${y - 1}-06-09`, payee: 'Netzwerktechnik Sömmerda GmbH', purpose: 'Core-Switches und Firewall-Cluster', invoice: 'NTS-4410', amount: '118720.00', assetId: kit[2]?.id },
    { line: '3', date: `${y - 1}-06-01`, due: `${y - 1}-07-01`, payee: 'Kommunalberatung Thüringen GmbH', purpose: 'Migration Fachverfahren Finanzwesen (1. Welle)', invoice: 'KBT-24-112', amount: '87150.00' },
    ...members.map((m, i) => ({
      line: '4',
      date: `${y - 1}-06-${String(10 + i).padStart(2, '0')}`,
      due: `${y - 1}-07-${String(10 + i).padStart(2, '0')}`,
      payee: 'Bechtle GmbH IT-Systemhaus Erfurt',
      purpose: 'Arbeitsplatzrechner und Monitore',
      invoice: `RE-2406-${300 + i}`,
      amount: '23500.00',
      memberId: m.id,
    })),
  ];
  const open: Expense[] = [
    { line: '5', date: `${y}-01-20`, due: `${y}-02-19`, payee: 'Thüringer Verwaltungsschule', purpose: 'Schulungen Servicedesk und Administration', invoice: 'TVS-2025-77', amount: '18400.00' },
    { line: '2', date: `${y}-02-03`, due: `${y + 1}-03-31`, payee: 'Software-Vertrieb Mitteldeutschland GmbH', purpose: 'Lizenzen Dokumentenmanagement (fällig im Folgejahr)', invoice: '2025-0112', amount: '56900.00' },
  ];
  const e1 = await insertExpenses(tx, providerId, grant.id, lines, first);
  const e2 = await insertExpenses(tx, providerId, grant.id, lines, second);
  const e3 = await insertExpenses(tx, providerId, grant.id, lines, open);
  const d1 = await drawDown(tx, providerId, grant, { number: 1, requestedOn: `${y - 2}-03-10`, approvedOn: `${y - 2}-03-24`, receivedOn: `${y - 2}-04-03`, expenses: e1, earlierCents: 0n });
  await drawDown(tx, providerId, grant, { number: 2, requestedOn: `${y - 1}-05-20`, approvedOn: `${y - 1}-06-03`, receivedOn: `${y - 1}-06-14`, expenses: e2, earlierCents: d1 });
  return { grants: 1, expenses: e1.length + e2.length + e3.length, drawdowns: 2 };
}

async function seedKits(tx: Tx, providerId: string, y: number) {
  const { grant, lines } = await insertGrant(
    tx,
    providerId,
    {
      title: 'Integration der Gemeinden in den Kommunalen IT-Service Schmalkalden-Meiningen',
      authority: 'Thüringer Finanzministerium',
      fileReference: `TFM 51-1534/${y - 2}-042`,
      noticeDate: `${y - 2}-11-20`,
      fundingType: 'share',
      ratePercent: '80.00',
      amount: '2200000.00',
      eligibleCost: '2750000.00',
      ineligibleCost: '96000.00',
      periodStart: `${y - 2}-12-01`,
      periodEnd: `${y + 2}-06-30`,
      lineDeviationPercent: '20',
      lockInYears: 5,
      interimProofDue: `${y + 1}-03-31`,
      finalProofDue: `${y + 2}-12-31`,
      reportText: null,
    },
    { name: 'Thüringer E-Government-Richtlinie (ThürEGovRL) – Integration je Gemeinde', authority: 'Thüringer Finanzministerium', paysPerMember: true },
    [
      { code: '1', title: 'Integration der Gemeinden: Netzanbindung, Arbeitsplätze, Migration', budget: '1650000.00' },
      { code: '2', title: 'Zentrale Fachverfahren und Lizenzen', budget: '700000.00' },
      { code: '3', title: 'Projektleitung und Schulung', budget: '400000.00' },
    ],
  );
  const first = await tx
    .select({ id: organisations.id, name: organisations.name, ags: organisations.ags })
    .from(organisations)
    .where(and(eq(organisations.providerId, providerId), inArray(organisations.ags, KITS_FIRST)));
  first.sort((a, b) => KITS_FIRST.indexOf(a.ags ?? '') - KITS_FIRST.indexOf(b.ags ?? ''));
  await tx.insert(grantBeneficiaries).values(
    first.map((m) => ({ orgId: m.id, grantId: grant.id, sharePercent: '5.0000', amount: '110000.00', ownShare: '27500.00' })),
  );
  // 80 % of 110,714.29 = 88,571.43 (six times) and of 110,714.28 = 88,571.42: 620,000.00 in all.
  let earlier = 0n;
  let n = 0;
  for (const [i, m] of first.entries()) {
    const month = String(2 + (i % 6)).padStart(2, '0');
    const exps = await insertExpenses(tx, providerId, grant.id, lines, [
      {
        line: '1',
        date: `${y - 1}-${month}-10`,
        due: `${y - 1}-${month}-28`,
        payee: 'Systemhaus Südthüringen GmbH',
        purpose: `Integration ${m.name}: Netzanbindung, Arbeitsplätze, Datenmigration`,
        invoice: `SHS-${y - 1}-${101 + i}`,
        amount: i === first.length - 1 ? '110714.28' : '110714.29',
        memberId: m.id,
      },
    ]);
    n += exps.length;
    earlier += await drawDown(tx, providerId, grant, {
      number: i + 1,
      memberId: m.id,
      memberAmount: '110000.00',
      requestedOn: `${y - 1}-${month}-15`,
      approvedOn: `${y - 1}-${month}-22`,
      receivedOn: `${y - 1}-${month}-28`,
      expenses: exps,
      earlierCents: earlier,
    });
  }
  await insertExpenses(tx, providerId, grant.id, lines, [
    { line: '3', date: `${y}-01-15`, due: `${y}-02-14`, payee: 'Projektbüro Meiningen', purpose: 'Projektleitung 1. Halbjahr', invoice: 'PBM-2025-01', amount: '48000.00' },
  ]);
  if (earlier !== 62_000_000n) {
    throw new Error(`seedGrants: KITS drawdowns add up to ${fromCents(earlier)}, not 620000.00`);
  }
  return { grants: 1, expenses: n + 1, drawdowns: first.length };
}
