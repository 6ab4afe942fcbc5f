import type { ScenarioBuilder } from './builder.js';
import type { Dir } from './directory.js';
import { KITS_PROVIDER } from './kits.js';

export const KIDS_PROVIDER = {
  type: 'sonstige' as const,
  name: 'KIDS – Kommunale Informations- und Datendienste Sömmerda',
  shortName: 'KIDS',
  street: 'Bahnhofstraße 9',
  postalCode: '99610',
  city: 'Sömmerda',
  email: 'servicedesk@kids.demo',
};

/** Partner site in Greiz (16076); only its provider record exists in the demo. */
export const GREIZ_PROVIDER = {
  type: 'sonstige' as const,
  name: 'IT-Servicezentrum Landkreis Greiz',
  shortName: 'ITSZ Greiz',
  postalCode: '07973',
  city: 'Greiz',
};

/**
 * KIDS: the Landkreis Sömmerda's IT service for the Landkreis administration and every Gemeinde
 * of Kreis 16068 (Verwaltungsgemeinschaften with their Gemeinden below them), by Zweckvereinbarung.
 */
export async function kids(b: ScenarioBuilder, dir: Dir, year: number): Promise<string> {
  const p = await b.provider(KIDS_PROVIDER);
  if (await b.hasMembers(p)) {
    return p;
  }
  const kreis = dir.kreis('16068');
  b.landkreis(p, p, kreis);
  const top: { id: string; name: string; ags?: string }[] = [];
  const done = new Set<string>();
  for (const g of dir.gemeindenOfKreis('16068')) {
    if (done.has(g.verbandArs)) {
      continue;
    }
    const v = dir.verband(g.verbandArs);
    if (v.typCode === 54) {
      done.add(g.verbandArs);
      const vg = b.verband(p, p, v);
      top.push({ id: vg, name: v.name });
      for (const m of dir.gemeindenOfVerband(v.verbandArs)) {
        b.gemeinde(p, vg, m);
      }
    } else {
      // Verbandsfrei or erfüllende Gemeinde: a member of its own.
      top.push({ id: b.gemeinde(p, p, g), name: g.name, ags: g.ags });
    }
  }
  const zv = (i: number, name: string) => `Zweckvereinbarung über die Wahrnehmung von IT-Aufgaben (${name}) Nr. ${2019 + (i % 4)}/${String(i + 1).padStart(2, '0')}`;
  const pending: { orgId: string; agreementId: string; startedAt: string; done: number }[] = [];
  const landrat = { name: 'Dr. K. Beispiel', function: 'Landrat' };
  top.forEach((m, i) => {
    const base = { orgId: m.id, kind: 'zweckvereinbarung' as const, title: zv(i, m.name), allocationKey: 'population' as const, providerSigner: landrat, memberSigner: { name: 'A. Muster', function: 'Bürgermeister/in bzw. Gemeinschaftsvorsitzende/r' } };
    if (m.name.startsWith('Kindelbrück')) {
      const id = b.agreement({ ...base, intent: `${year - 1}-11-20`, signed: `${year}-02-14`, onboarding: `${year}-03-01` }, p);
      pending.push({ orgId: m.id, agreementId: id, startedAt: `${year}-03-01`, done: 3 });
    } else if (m.ags === '16068009') {
      b.agreement({ ...base, intent: `${year}-08-01`, signed: `${year}-10-15` }, p);
    } else if (m.ags === '16068061') {
      b.agreement({ ...base, intent: `${year}-09-01` }, p);
    } else if (m.ags === '16068058') {
      b.agreement({ ...base, intent: '2019-05-02', signed: '2019-09-30', onboarding: '2019-10-01', active: '2020-01-01', notice: `${year}-02-10` }, p);
    } else {
      const y = 2019 + (i % 4);
      b.agreement({ ...base, intent: `${y}-03-01`, signed: `${y}-06-15`, onboarding: `${y}-07-01`, active: `${y + 1}-01-01` }, p);
    }
  });
  await b.flush();
  await b.template(p);
  await b.user(p, 'admin@kids.demo', 'Katrin Admin', 'provider_admin', 'KIDS Sömmerda (alles)', true);
  await b.user(p, 'finance@kids.demo', 'Frank Finanzen', 'provider_finance', 'KIDS Sömmerda (alles)', true);
  await b.user(p, 'agent@kids.demo', 'Anja Servicedesk', 'provider_agent', 'KIDS Sömmerda (alles)', true);
  await b.user(b.byAgs.get('16068051')!, 'user@kids.demo', 'Ute Sachbearbeiterin', 'member_user', 'Stadt Sömmerda', false);
  const agent = await b.userId('agent@kids.demo');
  for (const o of pending) {
    await b.onboarding(o.orgId, o.agreementId, o.startedAt, o.done, agent);
  }
  const greiz = await b.provider(GREIZ_PROVIDER);
  const kits = await b.provider(KITS_PROVIDER);
  await b.partner(p, greiz, 'Georedundanter Standort: gegenseitige Datensicherung (Offsite-Kopien), Ausweich-Rechenzentrum für Fachverfahren');
  await b.partner(p, kits, 'Georedundanter Standort: Spiegelung der Virtualisierung und Ausweich-Arbeitsplätze im Notfall');
  return p;
}
