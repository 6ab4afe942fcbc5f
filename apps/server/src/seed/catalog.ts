/**
 * Demo catalogue of a scenario provider: services (Leistungs- und Entgeltverzeichnis), a published
 * price list for the previous and the current year, and subscriptions for every member with
 * quantities from its population and workstations (derived from the population where none are
 * recorded). Runs in the scenario's transaction on the admin path; bulk inserts only. A provider
 * that has services already is left as it is.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/client.js';
import { uuidv7 } from '../platform/db/columns.js';
import { priceListItems, priceLists, priceTiers, services, subscriptionQuantities, subscriptions } from '../modules/catalog/index.js';
import { format4, of4, roundScaled } from '../modules/catalog/money.js';

type VatMode = 'public' | 'taxable';

interface ServiceSeed {
  code: string;
  nameDe: string;
  nameEn: string;
  descriptionDe: string;
  category: string;
  chargeUnit: (typeof services.$inferInsert)['chargeUnit'];
  unitCode: string;
  /** Net euro per unit and year (per hour for `hour`), previous year. */
  price: string;
  tierMode?: 'graduated' | 'volume';
  tiers?: { aboveQuantity: string; unitPrice: string }[];
  /** Offered on the market too (§ 2b (4) UStG): 19 % even for a public provider. */
  competitive?: boolean;
  exempt?: { code: string; reason: string };
}

const CATALOGUE: ServiceSeed[] = [
  {
    code: 'APB-01',
    nameDe: 'Arbeitsplatzbetreuung',
    nameEn: 'Workstation support',
    descriptionDe: 'Client-Management, Softwareverteilung, Virenschutz, Patches und Vor-Ort-Support je Arbeitsplatz.',
    category: 'Arbeitsplatz',
    chargeUnit: 'workstation',
    unitCode: 'C62',
    price: '420.00',
    tierMode: 'graduated',
    tiers: [
      { aboveQuantity: '50', unitPrice: '395.00' },
      { aboveQuantity: '200', unitPrice: '370.00' },
    ],
  },
  {
    code: 'BEN-01',
    nameDe: 'Benutzerkonto (Verzeichnisdienst, Anmeldung)',
    nameEn: 'User account',
    descriptionDe: 'Konto im Verzeichnisdienst mit Zwei-Faktor-Anmeldung und Zugriff auf die Fachverfahren.',
    category: 'Arbeitsplatz',
    chargeUnit: 'user',
    unitCode: 'C62',
    price: '24.00',
  },
  {
    code: 'MAIL-01',
    nameDe: 'E-Mail-Postfach (50 GB)',
    nameEn: 'Mailbox (50 GB)',
    descriptionDe: 'Persönliches oder Funktionspostfach mit Archivierung, Spam- und Virenschutz.',
    category: 'Kommunikation',
    chargeUnit: 'mailbox',
    unitCode: 'C62',
    price: '54.00',
  },
  {
    code: 'MDM-01',
    nameDe: 'Mobilgeräteverwaltung',
    nameEn: 'Mobile device management',
    descriptionDe: 'Verwaltung dienstlicher Smartphones und Tablets (Richtlinien, Fernlöschung).',
    category: 'Arbeitsplatz',
    chargeUnit: 'device',
    unitCode: 'H87',
    price: '36.00',
  },
  {
    code: 'FV-HOST',
    nameDe: 'Fachverfahren-Hosting (Finanzwesen, Einwohnerwesen)',
    nameEn: 'Hosting of specialist applications',
    descriptionDe: 'Betrieb der Fachverfahren im Rechenzentrum mit Updates und Datenbankpflege, je Einwohner.',
    category: 'Fachverfahren',
    chargeUnit: 'inhabitant',
    unitCode: 'C62',
    price: '0.8500',
    tierMode: 'volume',
    tiers: [{ aboveQuantity: '20000', unitPrice: '0.7200' }],
  },
  {
    code: 'DASI-01',
    nameDe: 'Datensicherung georedundant',
    nameEn: 'Geo-redundant backup',
    descriptionDe: 'Tägliche Sicherung mit Kopie im Partner-Rechenzentrum, je GB belegter Kapazität und Jahr.',
    category: 'Rechenzentrum',
    chargeUnit: 'gb',
    unitCode: 'E34',
    price: '1.4400',
    tierMode: 'volume',
    tiers: [
      { aboveQuantity: '1000', unitPrice: '1.2000' },
      { aboveQuantity: '5000', unitPrice: '0.9500' },
    ],
  },
  {
    code: 'FW-01',
    nameDe: 'Firewall und Netzwerksicherheit (Pauschale)',
    nameEn: 'Firewall and network security (flat)',
    descriptionDe: 'Betrieb der Firewall am Standort, VPN ins Kommunalnetz, Überwachung rund um die Uhr.',
    category: 'Netzwerk',
    chargeUnit: 'flat',
    unitCode: 'LS',
    price: '1800.00',
  },
  {
    code: 'STD-01',
    nameDe: 'Stundensatz IT-Projektarbeit',
    nameEn: 'Hourly rate IT project work',
    descriptionDe: 'Projekt- und Beratungsleistungen nach Aufwand.',
    category: 'Dienstleistung',
    chargeUnit: 'hour',
    unitCode: 'HUR',
    price: '86.00',
    competitive: true,
  },
  {
    code: 'SCHUL-01',
    nameDe: 'Anwenderschulung',
    nameEn: 'User training',
    descriptionDe: 'Schulungen zu Fachverfahren und Informationssicherheit, je Teilnehmerstunde.',
    category: 'Dienstleistung',
    chargeUnit: 'hour',
    unitCode: 'HUR',
    price: '65.00',
    exempt: { code: 'VATEX-EU-132-1I', reason: 'Steuerfrei nach § 4 Nr. 21 UStG (Schulungsleistung)' },
  },
];

/** Price of the next year: +3 %, to four digits. */
function raised(price: string): string {
  const v = of4(price) * 103n;
  return format4(roundScaled(v, 6, 4));
}

function vatOf(s: ServiceSeed, mode: VatMode) {
  if (s.exempt) {
    return { vatTreatment: 'exempt' as const, vatExemptionCode: s.exempt.code, vatExemptionReason: s.exempt.reason };
  }
  if (mode === 'public' && !s.competitive) {
    return { vatTreatment: 'not_taxable_2b' as const, vatExemptionCode: null, vatExemptionReason: null };
  }
  return { vatTreatment: 'taxable_19' as const, vatExemptionCode: null, vatExemptionReason: null };
}

interface MemberFacts {
  id: string;
  population: number | null;
  workstations: number | null;
  start: string | null;
  end: string | null;
}

async function memberFacts(tx: Tx, providerId: string): Promise<MemberFacts[]> {
  const res = await tx.execute<{ id: string; population: number | null; workstations: number | null; start: string | null; end: string | null }>(sql`
    select o.id,
      (select p.value from member_population p where p.org_id = o.id order by p.reference_date desc limit 1) as population,
      (select w.value from member_workstations w where w.org_id = o.id order by w.reference_date desc limit 1) as workstations,
      (select min(coalesce(a.active_since, a.onboarding_started_at))::text from agreements a where a.org_id = o.id) as start,
      (select max(coalesce(a.ended_at, a.effective_end))::text from agreements a where a.org_id = o.id and a.status in ('notice_given', 'ended')) as "end"
    from organisations o
    where o.provider_id = ${providerId} and o.kind = 'member'
    order by o.name, o.id`);
  return res.rows;
}

export async function seedCatalog(tx: Tx, providerId: string, opts: { year: number; vat: VatMode }): Promise<void> {
  const existing = await tx.execute<{ n: number }>(sql`select count(*)::int as n from services where provider_id = ${providerId}`);
  if ((existing.rows[0]?.n ?? 0) > 0) {
    return;
  }
  const { year } = opts;
  const prev = year - 1;
  const serviceRows = CATALOGUE.map((s) => ({
    id: uuidv7(),
    providerId,
    code: s.code,
    nameDe: s.nameDe,
    nameEn: s.nameEn,
    descriptionDe: s.descriptionDe,
    category: s.category,
    chargeUnit: s.chargeUnit,
    unitCode: s.unitCode,
    ...vatOf(s, opts.vat),
  }));
  await tx.insert(services).values(serviceRows);
  const idOf = new Map(serviceRows.map((s) => [s.code, s.id]));

  const lists = [
    { id: uuidv7(), year: prev, raise: false },
    { id: uuidv7(), year, raise: true },
  ];
  await tx.insert(priceLists).values(
    lists.map((l) => ({ id: l.id, providerId, year: l.year, name: `Leistungs- und Entgeltverzeichnis ${l.year}`, publishedAt: new Date(Date.UTC(l.year - 1, 10, 15)), copiedFromId: l.raise ? lists[0]!.id : null })),
  );
  const items: (typeof priceListItems.$inferInsert)[] = [];
  const tiers: (typeof priceTiers.$inferInsert)[] = [];
  for (const l of lists) {
    for (const s of CATALOGUE) {
      const itemId = uuidv7();
      const p = (v: string) => (l.raise ? raised(v) : format4(of4(v)));
      items.push({ id: itemId, providerId, priceListId: l.id, serviceId: idOf.get(s.code)!, unitPrice: p(s.price), tierMode: s.tierMode ?? 'graduated' });
      for (const t of s.tiers ?? []) {
        tiers.push({ providerId, itemId, aboveQuantity: t.aboveQuantity, unitPrice: p(t.unitPrice) });
      }
    }
  }
  await tx.insert(priceListItems).values(items);
  await tx.insert(priceTiers).values(tiers);

  const subs: (typeof subscriptions.$inferInsert)[] = [];
  const qty: (typeof subscriptionQuantities.$inferInsert)[] = [];
  const members = await memberFacts(tx, providerId);
  members.forEach((m, i) => {
    const population = m.population ?? 0;
    const ws = m.workstations ?? Math.max(3, Math.round(population / 160));
    const earliest = `${prev}-01-01`;
    // Members in onboarding get their services from the next month of the current year.
    const validFrom = m.start ? (m.start < earliest ? earliest : m.start) : `${year}-${String(Math.min(12, 1 + (i % 11))).padStart(2, '0')}-01`;
    const validTo = m.end && m.end >= validFrom ? m.end : null;
    const add = (code: string, quantity: number, changes: { from: string; quantity: number }[] = []) => {
      if (quantity <= 0) {
        return;
      }
      const id = uuidv7();
      subs.push({ id, orgId: m.id, providerId, serviceId: idOf.get(code)!, validFrom, validTo });
      qty.push({ orgId: m.id, subscriptionId: id, validFrom, quantity: String(quantity), note: 'Erstausstattung' });
      for (const c of changes) {
        if (c.from > validFrom && (validTo === null || c.from <= validTo)) {
          qty.push({ orgId: m.id, subscriptionId: id, validFrom: c.from, quantity: String(c.quantity), note: 'Stellenplan angepasst' });
        }
      }
    };
    // Every fourth member adds workstations on 1 July of the current year: a history to show.
    add('APB-01', ws, i % 4 === 0 ? [{ from: `${year}-07-01`, quantity: ws + 1 + (i % 3) }] : []);
    add('BEN-01', ws + Math.ceil(ws / 10));
    add('MAIL-01', ws + 2);
    add('MDM-01', Math.max(1, Math.round(ws / 4)));
    add('FV-HOST', population);
    add('DASI-01', ws * 25, i % 5 === 1 ? [{ from: `${year}-01-01`, quantity: ws * 30 }] : []);
    add('FW-01', 1);
    if (i % 3 === 0) {
      add('STD-01', 8 + (i % 5) * 4);
    }
    if (i % 4 === 1) {
      add('SCHUL-01', 6);
    }
  });
  for (let i = 0; i < subs.length; i += 2000) {
    await tx.insert(subscriptions).values(subs.slice(i, i + 2000));
  }
  for (let i = 0; i < qty.length; i += 2000) {
    await tx.insert(subscriptionQuantities).values(qty.slice(i, i + 2000));
  }
}
