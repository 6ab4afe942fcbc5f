import type { ScenarioBuilder } from './builder.js';
import type { Dir, Gemeinde } from './directory.js';

export const KITU_PROVIDER = {
  type: 'genossenschaft' as const,
  name: 'Kommunale IT-UNION eG',
  shortName: 'KITU',
  postalCode: '39104',
  city: 'Magdeburg',
  email: 'servicedesk@kitu.demo',
};

const MEMBERS = 100;
/** Nominal value of one share: 500 EUR, in cents. */
const SHARE_CENTS = 50_000;

/**
 * KITU: a cooperative (eG) with 100 members from Sachsen-Anhalt of every kind: the three kreisfreie
 * Städte, the Landkreise, the Verbandsgemeinden, and Einheitsgemeinden and Städte (Barleben among
 * them). Every member holds shares: one per started 10,000 inhabitants.
 */
export async function kitu(b: ScenarioBuilder, dir: Dir, year: number): Promise<string> {
  const p = await b.provider(KITU_PROVIDER);
  if (await b.hasMembers(p)) {
    return p;
  }
  const members: { id: string; name: string; population: number; joined?: string }[] = [];
  const verbandsfrei = dir.gemeindenOfLand('15').filter((g) => dir.verband(g.verbandArs).typCode === 50 && g.typCode !== 65 && g.typCode !== 66);
  const kreisfrei = verbandsfrei.filter((g) => g.typCode === 61);
  const add = (g: Gemeinde) => members.push({ id: b.gemeinde(p, p, g), name: g.name, population: g.einwohner });
  kreisfrei.forEach(add);
  for (const k of dir.kreiseOfLand('15').filter((k) => k.typCode !== 41)) {
    members.push({ id: b.landkreis(p, p, k), name: `Landkreis ${k.name}`, population: k.einwohner, joined: k.kreisAgs === '15082' ? '2022-10-01' : undefined });
  }
  for (const v of dir.verbaendeOfLand('15').filter((v) => v.typCode === 53)) {
    members.push({ id: b.verband(p, p, v), name: `Verbandsgemeinde ${v.name}`, population: v.einwohner });
  }
  const barleben = dir.gemeinde('15083040');
  add(barleben);
  for (const g of verbandsfrei.filter((g) => g.typCode !== 61 && g.ags !== barleben.ags)) {
    if (members.length >= MEMBERS) {
      break;
    }
    add(g);
  }
  const onboard: { orgId: string; agreementId: string; startedAt: string }[] = [];
  members.forEach((m, i) => {
    const shares = { count: Math.max(1, Math.ceil(m.population / 10_000)), nominalValueCents: SHARE_CENTS };
    const base = {
      orgId: m.id,
      kind: 'genossenschaft' as const,
      title: `Beitrittserklärung und Beteiligung an der Kommunale IT-UNION eG – ${m.name}`,
      reference: `KITU-M-${String(i + 1).padStart(4, '0')}`,
      allocationKey: 'usage' as const,
      noticeMonths: 24,
      noticeToYearEnd: true,
      memberSigner: { name: 'H. Muster', function: 'Hauptverwaltungsbeamte/r' },
      providerSigner: { name: 'D. Beispiel', function: 'Vorstand' },
    };
    if (m.joined) {
      b.agreement({ ...base, intent: '2022-05-01', signed: '2022-08-30', onboarding: '2022-09-01', active: m.joined, shares }, p);
    } else if (i >= MEMBERS - 2) {
      b.agreement({ ...base, intent: `${year}-09-01`, shares: { ...shares, paidCents: 0 } }, p);
    } else if (i >= MEMBERS - 4) {
      const id = b.agreement({ ...base, intent: `${year}-02-01`, signed: `${year}-04-15`, onboarding: `${year}-05-01`, shares: { ...shares, paidCents: SHARE_CENTS } }, p);
      onboard.push({ orgId: m.id, agreementId: id, startedAt: `${year}-05-01` });
    } else if (i === 42) {
      b.agreement({ ...base, intent: '2019-01-15', signed: '2019-03-01', onboarding: '2019-03-01', active: '2019-07-01', notice: `${year}-06-30`, shares }, p);
    } else {
      const y = 2015 + (i % 10);
      // Every tenth member pays its shares in instalments: half is paid so far.
      const paidCents = i % 10 === 3 ? Math.floor((shares.count * SHARE_CENTS) / 2) : undefined;
      b.agreement({ ...base, intent: `${y}-01-15`, signed: `${y}-03-01`, onboarding: `${y}-03-01`, active: `${y}-07-01`, shares: { ...shares, paidCents } }, p);
    }
  });
  await b.flush();
  await b.template(p);
  await b.user(p, 'admin@kitu.demo', 'Ines Admin', 'provider_admin', 'KITU eG (alles)', true);
  await b.user(p, 'finance@kitu.demo', 'Felix Finanzen', 'provider_finance', 'KITU eG (alles)', true);
  await b.user(p, 'agent@kitu.demo', 'Lena Servicedesk', 'provider_agent', 'KITU eG (alles)', true);
  await b.user(b.byAgs.get('15003000')!, 'user@kitu.demo', 'Otto Sachbearbeiter', 'member_user', 'Landeshauptstadt Magdeburg', false);
  const agent = await b.userId('agent@kitu.demo');
  for (const o of onboard) {
    await b.onboarding(o.orgId, o.agreementId, o.startedAt, 2, agent);
  }
  return p;
}
