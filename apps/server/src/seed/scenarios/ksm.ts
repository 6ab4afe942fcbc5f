import type { ScenarioBuilder } from './builder.js';
import type { Dir } from './directory.js';

export const KSM_PROVIDER = {
  type: 'aoer' as const,
  name: 'Kommunalservice Mecklenburg AöR',
  shortName: 'KSM',
  street: 'Eckdrift 93',
  postalCode: '19061',
  city: 'Schwerin',
  email: 'servicedesk@ksm.demo',
};

/**
 * KSM: a joint AöR (§ 167b KV M-V) whose Träger joined by public-law contract. Stadt and Amt
 * Neustadt-Glewe signed on 2018-01-26; the Amt's other Gemeinden are served through the Amt.
 */
export async function ksm(b: ScenarioBuilder, dir: Dir, year: number): Promise<string> {
  const p = await b.provider(KSM_PROVIDER);
  if (await b.hasMembers(p)) {
    return p;
  }
  const vorstand = { name: 'S. Beispiel', function: 'Vorstand' };
  const contract = (orgId: string, name: string, i: number, dates: { intent: string; signed?: string; onboarding?: string; active?: string }) =>
    b.agreement(
      {
        orgId,
        kind: 'oer_vertrag',
        title: `Öffentlich-rechtlicher Vertrag über die Trägerschaft und IT-Leistungen – ${name}`,
        reference: `KSM-ÖRV-${dates.intent.slice(0, 4)}-${String(i).padStart(2, '0')}`,
        ...dates,
        memberSigner: { name: 'R. Muster', function: name.startsWith('Amt') ? 'Amtsvorsteher/in' : name.startsWith('Landkreis') ? 'Landrat/Landrätin' : 'Bürgermeister/in' },
        providerSigner: vorstand,
        allocationKey: 'workstations',
        noticeMonths: 24,
        noticeToYearEnd: true,
      },
      p,
    );
  const schwerin = b.gemeinde(p, p, dir.gemeinde('13004000'));
  contract(schwerin, 'Landeshauptstadt Schwerin', 1, { intent: '2017-03-01', signed: '2017-06-30', onboarding: '2017-07-01', active: '2018-01-01' });
  const lup = b.landkreis(p, p, dir.kreis('13076'));
  contract(lup, 'Landkreis Ludwigslust-Parchim', 2, { intent: '2017-03-01', signed: '2017-07-12', onboarding: '2017-08-01', active: '2018-01-01' });
  const amt = b.verband(p, p, dir.verband('130765660'));
  contract(amt, 'Amt Neustadt-Glewe', 3, { intent: '2017-09-15', signed: '2018-01-26', onboarding: '2018-02-01', active: '2018-07-01' });
  for (const g of dir.gemeindenOfVerband('130765660')) {
    const id = b.gemeinde(p, amt, g);
    if (g.ags === '13076105') {
      contract(id, 'Stadt Neustadt-Glewe', 4, { intent: '2017-09-15', signed: '2018-01-26', onboarding: '2018-02-01', active: '2018-07-01' });
    }
  }
  const ludwigslust = b.gemeinde(p, p, dir.gemeinde('13076090'));
  contract(ludwigslust, 'Stadt Ludwigslust', 5, { intent: '2019-02-01', signed: '2019-05-16', onboarding: '2019-06-01', active: '2020-01-01' });
  const parchim = b.gemeinde(p, p, dir.gemeinde('13076108'));
  const parchimContract = contract(parchim, 'Stadt Parchim', 6, { intent: `${year}-01-20`, signed: `${year}-05-08`, onboarding: `${year}-07-01` });
  await b.flush();
  await b.template(p);
  await b.user(p, 'admin@ksm.demo', 'Martin Admin', 'provider_admin', 'KSM AöR (alles)', true);
  await b.user(p, 'finance@ksm.demo', 'Marta Finanzen', 'provider_finance', 'KSM AöR (alles)', true);
  await b.user(p, 'agent@ksm.demo', 'Jens Servicedesk', 'provider_agent', 'KSM AöR (alles)', true);
  await b.user(b.byAgs.get('13076105')!, 'user@ksm.demo', 'Nina Sachbearbeiterin', 'member_user', 'Stadt Neustadt-Glewe', false);
  await b.onboarding(parchim, parchimContract, `${year}-07-01`, 3, await b.userId('agent@ksm.demo'));
  return p;
}
