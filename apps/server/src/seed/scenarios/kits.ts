import type { ScenarioBuilder } from './builder.js';
import type { Dir } from './directory.js';

export const KITS_PROVIDER = {
  type: 'sonstige' as const,
  name: 'KITS – Kommunaler IT-Service Schmalkalden-Meiningen',
  shortName: 'KITS',
  street: 'Obertshäuser Platz 1',
  postalCode: '98617',
  city: 'Meiningen',
  email: 'servicedesk@kits.demo',
};

/** Members of the first round (Zweckvereinbarung signed last year) and of the second. */
const FIRST = ['16066086' /* Wasungen */, '16066013' /* Breitungen/Werra */, '16066023' /* Floh-Seligenthal */, '16066094' /* Grabfeld */, '16066093' /* Rhönblick */, '16066022' /* Fambach */, '16066061' /* Roßdorf */];
const DOLMAR_SALZBRUECKE = '160665014';
const SECOND = ['16066015' /* Christes */, '16066045' /* Neubrunn */, '16066049' /* Obermaßfeld-Grimmenthal */, '16066057' /* Ritschenhausen */, '16066005' /* Belrieth */];

/**
 * KITS: Gemeinden of Schmalkalden-Meiningen that joined by Zweckvereinbarung: seven last year,
 * then the VG Dolmar-Salzbrücke with five of its Gemeinden this year (13 members in all).
 */
export async function kits(b: ScenarioBuilder, dir: Dir, year: number): Promise<string> {
  const p = await b.provider(KITS_PROVIDER);
  if (await b.hasMembers(p)) {
    return p;
  }
  const prev = year - 1;
  const landrätin = { name: 'P. Beispiel', function: 'Landrätin' };
  const mayor = { name: 'B. Muster', function: 'Bürgermeister/in' };
  const title = (n: string) => `Zweckvereinbarung IT-Basisdienste – ${n}`;
  const first: string[] = [];
  FIRST.forEach((ags, i) => {
    const g = dir.gemeinde(ags);
    const id = b.gemeinde(p, p, g);
    const m = String(3 + i).padStart(2, '0');
    first[i] = b.agreement(
      {
        orgId: id,
        kind: 'zweckvereinbarung',
        title: title(g.name),
        reference: `KITS-ZV-${prev}-${String(i + 1).padStart(2, '0')}`,
        intent: `${prev}-${m}-01`,
        signed: `${prev}-${m}-20`,
        onboarding: `${prev}-${String(4 + i).padStart(2, '0')}-01`,
        active: i < 5 ? `${year}-01-01` : undefined,
        memberSigner: mayor,
        providerSigner: landrätin,
        allocationKey: 'population',
        minimumTermYears: 5,
      },
      p,
    );
  });
  const vg = b.verband(p, p, dir.verband(DOLMAR_SALZBRUECKE));
  const later: { id: string; agreement: string; onboarding: boolean }[] = [];
  const vgAgreement = b.agreement(
    { orgId: vg, kind: 'zweckvereinbarung', title: title('VG Dolmar-Salzbrücke'), reference: `KITS-ZV-${year}-01`, intent: `${prev}-11-10`, signed: `${year}-04-22`, onboarding: `${year}-06-01`, memberSigner: { name: 'C. Muster', function: 'Gemeinschaftsvorsitzende/r' }, providerSigner: landrätin, allocationKey: 'population', minimumTermYears: 5 },
    p,
  );
  SECOND.forEach((ags, i) => {
    const g = dir.gemeinde(ags);
    const id = b.gemeinde(p, vg, g);
    const onboarding = i < 2;
    const agreement = b.agreement(
      {
        orgId: id,
        kind: 'zweckvereinbarung',
        title: title(g.name),
        reference: `KITS-ZV-${year}-${String(i + 2).padStart(2, '0')}`,
        intent: `${prev}-11-10`,
        signed: `${year}-0${5 + (i % 3)}-1${i}`,
        onboarding: onboarding ? `${year}-08-01` : undefined,
        memberSigner: mayor,
        providerSigner: landrätin,
        allocationKey: 'population',
        minimumTermYears: 5,
      },
      p,
    );
    later.push({ id, agreement, onboarding });
  });
  await b.flush();
  await b.template(p);
  await b.user(p, 'admin@kits.demo', 'Karl Admin', 'provider_admin', 'KITS Schmalkalden-Meiningen (alles)', true);
  await b.user(p, 'finance@kits.demo', 'Fiona Finanzen', 'provider_finance', 'KITS Schmalkalden-Meiningen (alles)', true);
  await b.user(p, 'agent@kits.demo', 'Tom Servicedesk', 'provider_agent', 'KITS Schmalkalden-Meiningen (alles)', true);
  await b.user(b.byAgs.get('16066086')!, 'user@kits.demo', 'Wanda Sachbearbeiterin', 'member_user', 'Stadt Wasungen', false);
  const agent = await b.userId('agent@kits.demo');
  // The first round's last two are still onboarding; the VG and two of its Gemeinden have started.
  for (const [i, ags] of FIRST.entries()) {
    if (i >= 5) {
      await b.onboarding(b.byAgs.get(ags)!, first[i]!, `${prev}-${String(4 + i).padStart(2, '0')}-01`, 4, agent);
    }
  }
  await b.onboarding(vg, vgAgreement, `${year}-06-01`, 2, agent);
  for (const l of later.filter((x) => x.onboarding)) {
    await b.onboarding(l.id, l.agreement, `${year}-08-01`, 1, agent);
  }
  return p;
}
