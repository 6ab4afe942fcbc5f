/**
 * Demo service desk of a scenario provider: two SLA profiles (office hours; round the clock for
 * the network), a category tree, desk settings, and a few hundred tickets over the past six months
 * spread over the members, in every status, with replies, internal notes and the timestamps and
 * SLA due dates the real workflow would have written. Runs in the scenario's transaction on the
 * admin path; bulk inserts only. A provider that has tickets already is left as it is.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/client.js';
import { uuidv7 } from '../platform/db/columns.js';
import {
  slaProfiles,
  ticketCategories,
  ticketComments,
  ticketEvents,
  tickets,
  ticketSettings,
  type TicketStatus,
} from '../modules/tickets/index.js';
import { addBusinessMinutes, berlinDate, DEFAULT_MATRIX, priorityOf } from '../modules/tickets/sla.js';
import { calendarOf } from '../modules/tickets/sla-config.js';
import type { Level, ServiceHours, Targets } from '../modules/tickets/tickets.schema.js';

const OFFICE: ServiceHours = {
  '1': [{ start: '07:00', end: '16:00' }],
  '2': [{ start: '07:00', end: '16:00' }],
  '3': [{ start: '07:00', end: '16:00' }],
  '4': [{ start: '07:00', end: '16:00' }],
  '5': [{ start: '07:00', end: '13:00' }],
  '6': [],
  '7': [],
};
const ALWAYS = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])) as ServiceHours;
const STANDARD: Targets = {
  P1: { responseMinutes: 30, resolutionMinutes: 240 },
  P2: { responseMinutes: 120, resolutionMinutes: 480 },
  P3: { responseMinutes: 480, resolutionMinutes: 1440 },
  P4: { responseMinutes: 960, resolutionMinutes: 2880 },
};
const NETWORK: Targets = {
  P1: { responseMinutes: 15, resolutionMinutes: 240 },
  P2: { responseMinutes: 60, resolutionMinutes: 480 },
  P3: { responseMinutes: 240, resolutionMinutes: 1440 },
  P4: { responseMinutes: 480, resolutionMinutes: 2880 },
};

const CATEGORIES: [string, string[]][] = [
  ['Arbeitsplatz', ['Hardware', 'Drucker und Multifunktionsgeräte', 'Software-Verteilung']],
  ['Benutzerkonten', ['Passwort und Anmeldung', 'Berechtigungen', 'Ein- und Austritt']],
  ['Fachverfahren', ['Einwohnermeldewesen', 'Finanzwesen (doppisch)', 'Personenstandswesen', 'Gewerbe']],
  ['Kommunikation', ['E-Mail', 'Telefonie']],
  ['Netz und Standorte', ['VPN und Standortanbindung', 'WLAN']],
  ['E-Akte und DMS', []],
  ['Online-Dienste und Portal', []],
  ['Informationssicherheit', ['Phishing', 'Schadsoftware']],
  ['Beschaffung', []],
  ['Schul-IT', []],
];

/** Subject, description, category path, type, impact, urgency, service code. */
const SUBJECTS: [string, string, string, 'incident' | 'request' | 'security_incident', Level, Level, string | null][] = [
  ['Drucker im Bürgerbüro druckt nicht', 'Der Multifunktionsdrucker im Erdgeschoss zeigt **Papierstau**, obwohl kein Papier klemmt.', 'Drucker und Multifunktionsgeräte', 'incident', 'medium', 'medium', 'APB-01'],
  ['Passwort für Fachverfahren gesperrt', 'Nach drei Fehlversuchen ist das Konto gesperrt. Bitte entsperren.', 'Passwort und Anmeldung', 'incident', 'low', 'high', 'BEN-01'],
  ['Neue Mitarbeiterin ab 1. des Monats', 'Bitte Benutzerkonto, Postfach und Zugang zum Meldewesen einrichten.', 'Ein- und Austritt', 'request', 'low', 'medium', 'BEN-01'],
  ['Meldewesen startet nicht', 'Beim Start des Fachverfahrens erscheint „Verbindung zum Server fehlgeschlagen“.', 'Einwohnermeldewesen', 'incident', 'high', 'high', null],
  ['Jahresabschluss: Buchungsperiode öffnen', 'Für die Nachbuchungen brauchen wir die Periode 13 im Finanzverfahren.', 'Finanzwesen (doppisch)', 'request', 'medium', 'medium', null],
  ['VPN zur Außenstelle Bauhof unterbrochen', 'Seit heute Morgen keine Verbindung vom Bauhof ins Rathausnetz.', 'VPN und Standortanbindung', 'incident', 'high', 'medium', null],
  ['Postfach voll', 'Das Funktionspostfach Standesamt nimmt keine Mails mehr an.', 'E-Mail', 'incident', 'medium', 'high', 'MAIL-01'],
  ['Telefon im Ordnungsamt ohne Freizeichen', 'Die Nebenstelle 204 hat kein Freizeichen.', 'Telefonie', 'incident', 'medium', 'medium', null],
  ['Phishing-Mail geöffnet', 'Eine Kollegin hat den Anhang einer verdächtigen Mail geöffnet. PC ist vom Netz getrennt.', 'Phishing', 'security_incident', 'high', 'high', null],
  ['Scanner speichert nicht in die E-Akte', 'Gescannte Dokumente kommen nicht im Posteingang der E-Akte an.', 'E-Akte und DMS', 'incident', 'medium', 'low', null],
  ['Online-Antrag Gewerbeanmeldung hängt', 'Anträge aus dem Portal bleiben im Status „übermittelt“.', 'Online-Dienste und Portal', 'incident', 'medium', 'medium', null],
  ['Bestellung: zwei Notebooks für Telearbeit', 'Bitte Angebot für zwei Notebooks mit Dockingstation.', 'Beschaffung', 'request', 'low', 'low', 'APB-01'],
  ['WLAN im Sitzungssaal langsam', 'Bei Ratssitzungen bricht das WLAN regelmäßig ein.', 'WLAN', 'incident', 'low', 'medium', null],
  ['Grundschule: Tablets nicht im MDM', 'Die neuen Tablets der Grundschule tauchen im Gerätemanagement nicht auf.', 'Schul-IT', 'request', 'low', 'medium', null],
  ['Berechtigung Personenstandsregister', 'Der neue Standesbeamte braucht Schreibrechte im Personenstandsregister.', 'Berechtigungen', 'request', 'medium', 'medium', null],
  ['Software: PDF-Programm aktualisieren', 'Bitte die neue Version auf allen Arbeitsplätzen verteilen.', 'Software-Verteilung', 'request', 'low', 'low', 'APB-01'],
  ['Virenwarnung auf Arbeitsplatz Kasse', 'Der Virenschutz meldet einen Fund in einem Download.', 'Schadsoftware', 'security_incident', 'high', 'medium', null],
  ['Monitor flackert', 'Der zweite Monitor am Arbeitsplatz Bauamt flackert.', 'Hardware', 'incident', 'low', 'low', 'APB-01'],
];

const AGENT_REPLIES = [
  'Danke für die Meldung, wir kümmern uns darum.',
  'Wir haben das Problem nachgestellt und arbeiten an einer Lösung.',
  'Können Sie uns bitte einen Screenshot der Fehlermeldung schicken?',
  'Die Einrichtung ist erledigt. Bitte einmal ab- und wieder anmelden.',
  'Ein Techniker kommt morgen früh vorbei.',
];
const MEMBER_REPLIES = ['Danke, funktioniert wieder.', 'Anbei die gewünschten Angaben.', 'Der Fehler tritt weiterhin auf.', 'Passt, vielen Dank!'];
const NOTES = ['Firewall-Log geprüft, nichts Auffälliges.', 'Hersteller-Ticket eröffnet.', 'Rückfrage beim Fachverfahrensbetreuer läuft.', 'Gleiche Ursache wie letzte Woche in der Nachbargemeinde.'];

/** Deterministic pseudo-random numbers, so every first start has the same demo. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function seedTickets(tx: Tx, providerId: string, opts: { now?: Date; count?: number; seed?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const existing = await tx.execute<{ n: number }>(sql`select count(*)::int as n from tickets where provider_id = ${providerId}`);
  if (existing.rows[0]!.n > 0) {
    return 0;
  }
  const rand = rng(opts.seed ?? providerId.split('').reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  // Configuration.
  const svc = await tx.execute<{ id: string; code: string }>(sql`select id, code from services where provider_id = ${providerId}`);
  const serviceByCode = new Map(svc.rows.map((r) => [r.code, r.id]));
  const networkServices = svc.rows.filter((r) => /^(NET|RZ|FW)/.test(r.code)).map((r) => r.id);
  const standardId = uuidv7();
  await tx.insert(slaProfiles).values([
    { id: standardId, providerId, name: 'Standard (Servicezeit Mo–Do 7–16, Fr 7–13)', hours: OFFICE, targets: STANDARD, isDefault: true, warnBeforeMinutes: 60 },
    { id: uuidv7(), providerId, name: 'Netz und Rechenzentrum (24/7)', hours: ALWAYS, targets: NETWORK, observeHolidays: false, serviceIds: networkServices, warnBeforeMinutes: 30 },
  ]);
  await tx.insert(ticketSettings).values({ providerId, priorityMatrix: DEFAULT_MATRIX, autoCloseDays: 7, groups: ['1st Level', 'Fachverfahren', 'Netz', 'Informationssicherheit'] });
  const categoryIds = new Map<string, string>();
  const catRows: (typeof ticketCategories.$inferInsert)[] = [];
  CATEGORIES.forEach(([parent, children], i) => {
    const pid = uuidv7();
    categoryIds.set(parent, pid);
    catRows.push({ id: pid, providerId, name: parent, sort: i });
    children.forEach((c, j) => {
      const cid = uuidv7();
      categoryIds.set(c, cid);
      catRows.push({ id: cid, providerId, parentId: pid, name: c, sort: j });
    });
  });
  await tx.insert(ticketCategories).values(catRows);

  // People.
  const members = (
    await tx.execute<{ id: string; ags: string | null }>(sql`select id, ags from organisations where provider_id = ${providerId} and kind = 'member' order by name`)
  ).rows;
  if (members.length === 0) {
    return 0;
  }
  const agents = (
    await tx.execute<{ id: string; name: string }>(sql`select u.id, u.name from users u where u.org_id = ${providerId} and exists (
      select 1 from role_grants g where g.user_id = u.id and g.role in ('provider_agent', 'provider_admin'))`)
  ).rows;
  const memberUsers = (
    await tx.execute<{ id: string; name: string; email: string; org_id: string }>(sql`select u.id, u.name, u.email, u.org_id from users u
      join organisations o on o.id = u.org_id where o.provider_id = ${providerId} and o.kind = 'member'`)
  ).rows;
  const contacts = (
    await tx.execute<{ id: string; name: string; email: string | null; org_id: string }>(sql`select c.id, c.name, c.email, c.org_id from contacts c
      join organisations o on o.id = c.org_id where o.provider_id = ${providerId}`)
  ).rows;

  const count = opts.count ?? Math.min(400, Math.max(150, members.length * 8));
  const since = +now - 183 * 86_400_000;
  const statuses: TicketStatus[] = ['new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed'];
  const rows: (typeof tickets.$inferInsert)[] = [];
  const comments: (typeof ticketComments.$inferInsert)[] = [];
  const events: (typeof ticketEvents.$inferInsert)[] = [];
  const counters = new Map<number, number>();
  const openedTimes = Array.from({ length: count }, () => since + Math.floor(rand() * (+now - since - 3_600_000))).sort((x, y) => x - y);
  // The last week shows every status: about a dozen picks by chance would miss one in ~1 of 8 seeds.
  const unseen = new Set<TicketStatus>(statuses);
  const recentStatus = (picked: TicketStatus): TicketStatus => {
    const status = unseen.size === 0 || unseen.has(picked) ? picked : [...unseen][0]!;
    unseen.delete(status);
    return status;
  };

  for (const openedMs of openedTimes) {
    const opened = new Date(openedMs);
    const ageDays = (+now - openedMs) / 86_400_000;
    // Old tickets are mostly closed; recent ones spread over every status.
    const status: TicketStatus =
      ageDays > 21 ? (rand() < 0.93 ? 'closed' : pick(['resolved', 'waiting', 'in_progress'] as const)) : ageDays > 7 ? pick(['resolved', 'closed', 'in_progress', 'waiting', 'assigned'] as const) : recentStatus(pick(statuses));
    const member = pick(members);
    const [title, description, category, type, impact, urgency, serviceCode] = pick(SUBJECTS);
    const priority = priorityOf(impact, urgency);
    const serviceId = serviceCode ? (serviceByCode.get(serviceCode) ?? null) : null;
    const cal = calendarOf({ hours: OFFICE, observeHolidays: true }, member.ags);
    const responseDue = addBusinessMinutes(opened, STANDARD[priority].responseMinutes, cal);
    const resolutionDue = addBusinessMinutes(opened, STANDARD[priority].resolutionMinutes, cal);
    const year = Number(berlinDate(openedMs).slice(0, 4));
    const seq = (counters.get(year) ?? 0) + 1;
    counters.set(year, seq);
    const requesters = memberUsers.filter((u) => u.org_id === member.id);
    const contact = contacts.filter((c) => c.org_id === member.id);
    const requester = requesters.length && rand() < 0.7 ? pick(requesters) : undefined;
    const onBehalf = !requester && contact.length ? pick(contact) : undefined;
    const agent = agents.length ? pick(agents) : undefined;
    // Response and resolution within or beyond the target: most are met.
    const late = rand() < 0.15;
    const step = (due: Date | null, frac: number) => new Date(Math.min(+now - 60_000, due ? +opened + (+due - +opened) * (late ? 1.3 : frac) : openedMs + 3_600_000));
    const firstResponse = status === 'new' ? null : step(responseDue, 0.3 + rand() * 0.6);
    const assignedAt = status === 'new' || !agent ? null : firstResponse;
    const inProgressAt = ['in_progress', 'waiting', 'resolved', 'closed'].includes(status) ? firstResponse : null;
    const resolvedAt = status === 'resolved' || status === 'closed' ? step(resolutionDue, 0.4 + rand() * 0.5) : null;
    const closedAt = status === 'closed' && resolvedAt ? new Date(Math.min(+now - 1000, +resolvedAt + 7 * 86_400_000)) : null;
    const waitingSince = status === 'waiting' && firstResponse ? new Date(Math.min(+now - 1000, +firstResponse + 3_600_000)) : null;
    const id = uuidv7({ msecs: openedMs });
    const row: typeof tickets.$inferInsert = {
      id,
      orgId: member.id,
      providerId,
      number: `T-${year}-${String(seq).padStart(6, '0')}`,
      type,
      title,
      description,
      status,
      impact,
      urgency,
      priority,
      requesterUserId: requester?.id ?? null,
      requesterContactId: onBehalf?.id ?? null,
      requesterName: requester?.name ?? onBehalf?.name ?? 'Bürgerbüro',
      requesterEmail: requester?.email ?? onBehalf?.email ?? null,
      serviceId,
      categoryId: categoryIds.get(category) ?? null,
      assigneeId: assignedAt ? (agent?.id ?? null) : null,
      groupName: type === 'security_incident' ? 'Informationssicherheit' : category === 'Einwohnermeldewesen' ? 'Fachverfahren' : '1st Level',
      tags: rand() < 0.2 ? ['vor-ort'] : [],
      channel: requester ? 'portal' : onBehalf ? 'agent' : 'email',
      slaProfileId: standardId,
      responseDueAt: responseDue,
      resolutionDueAt: resolutionDue,
      firstResponseAt: firstResponse,
      pauses: waitingSince ? [{ from: waitingSince.toISOString(), to: null }] : [],
      assignedAt,
      inProgressAt,
      waitingSince,
      resolvedAt,
      closedAt,
      security:
        type === 'security_incident'
          ? {
              detectedAt: opened.toISOString(),
              affectedSystems: ['Arbeitsplatz-PC'],
              affectedMemberIds: [member.id],
              personalData: rand() < 0.5,
              reportedAt: rand() < 0.5 ? new Date(+opened + 6 * 3_600_000).toISOString() : null,
              authorityNotifiedAt: null,
              checklist: [
                { label: 'Gerät vom Netz getrennt', phase: 'containment', done: true, doneAt: opened.toISOString() },
                { label: 'Passwörter zurückgesetzt', phase: 'containment', done: status !== 'new', doneAt: status !== 'new' ? firstResponse?.toISOString() ?? null : null },
                { label: 'Gerät neu installiert', phase: 'recovery', done: !!resolvedAt, doneAt: resolvedAt?.toISOString() ?? null },
              ],
            }
          : null,
      createdAt: opened,
      updatedAt: closedAt ?? resolvedAt ?? waitingSince ?? firstResponse ?? opened,
    };
    rows.push(row);
    events.push({ orgId: member.id, ticketId: id, kind: 'created', data: { status: 'new', priority, channel: row.channel }, actorUserId: requester?.id ?? null, createdAt: opened });
    const texts: string[] = [];
    if (firstResponse) {
      const body = pick(AGENT_REPLIES);
      texts.push(body);
      comments.push({ orgId: member.id, ticketId: id, visibility: 'public', body, authorUserId: agent?.id ?? null, authorName: agent?.name ?? 'Service-Desk', fromProvider: true, channel: 'agent', createdAt: firstResponse });
      for (const [to, at] of [['assigned', assignedAt], ['in_progress', inProgressAt], ['waiting', waitingSince], ['resolved', resolvedAt], ['closed', closedAt]] as const) {
        if (at) {
          events.push({ orgId: member.id, ticketId: id, kind: 'status', data: { to }, actorUserId: agent?.id ?? null, createdAt: new Date(+at + (to === 'in_progress' ? 1000 : 0)) });
        }
      }
      if (rand() < 0.5) {
        comments.push({ orgId: member.id, ticketId: id, visibility: 'internal', body: pick(NOTES), authorUserId: agent?.id ?? null, authorName: agent?.name ?? 'Service-Desk', fromProvider: true, channel: 'agent', createdAt: new Date(+firstResponse + 600_000) });
      }
      if (resolvedAt && requester && rand() < 0.6) {
        const body = pick(MEMBER_REPLIES);
        texts.push(body);
        comments.push({ orgId: member.id, ticketId: id, visibility: 'public', body, authorUserId: requester.id, authorName: requester.name, fromProvider: false, channel: 'portal', createdAt: new Date(+resolvedAt + 1_800_000) });
      }
    }
    // The vector is an SQL expression, which the insert type does not model.
    (row as Record<string, unknown>).searchPublic = sql`to_tsvector('german', ${[title, description, ...texts].join(' ')})`;
  }
  for (let i = 0; i < rows.length; i += 200) {
    await tx.insert(tickets).values(rows.slice(i, i + 200));
  }
  for (let i = 0; i < comments.length; i += 500) {
    await tx.insert(ticketComments).values(comments.slice(i, i + 500));
  }
  for (let i = 0; i < events.length; i += 500) {
    await tx.insert(ticketEvents).values(events.slice(i, i + 500));
  }
  await tx.execute(sql`update tickets set search_internal = to_tsvector('german', n.body)
    from (select ticket_id, string_agg(body, ' ') as body from ticket_comments where visibility = 'internal' group by ticket_id) n
    where n.ticket_id = tickets.id and tickets.provider_id = ${providerId}`);
  for (const [year, value] of counters) {
    await tx.execute(sql`select verbund_raise_ticket_seq(${providerId}::uuid, ${year}::int, ${value}::int)`);
  }
  return rows.length;
}
