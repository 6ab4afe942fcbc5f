/**
 * Demo sites, data centres and backup evidence of a scenario provider: a town hall per member
 * (schools and a depot for towns), the provider's office and data centre with rooms, its partner
 * data centres (KIDS: Greiz and Schmalkalden-Meiningen), placements of the catalogue's services
 * with their replicas, backup jobs per member (the member's server from the inventory when there
 * is one, else the catalogue's backup service) with four months of nightly runs including
 * failures, two jobs failing right now (one ticket each), a yearly restore-test plan and tests.
 * Runs in the scenario's transaction on the admin path; bulk inserts only. A provider that has
 * sites already is left as it is.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/client.js';
import { uuidv7 } from '../platform/db/columns.js';
import { backupJobs, backupRuns, restoreTestPlanItems, restoreTests } from '../modules/backups/index.js';
import { dataCentrePartners, servicePlacements, siteRooms, sites } from '../modules/sites/index.js';
import { openOrUpdateSystemTicket } from '../modules/tickets/index.js';

const H = 3_600_000;
const CHUNK = 1000;

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) % 1_000_000) / 1_000_000;
  };
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await insert(rows.slice(i, i + CHUNK));
  }
}

export interface InfrastructureOptions {
  now?: Date;
  /** The provider's data centre: name, street, postal code, city. */
  dataCentre: { name: string; street: string; postalCode: string; city: string };
  office: { name: string; street: string; postalCode: string; city: string };
  /** Partner data centres: the partner provider's name as seeded, and the site's name and city. */
  partners: { providerName: string; name: string; city: string; purpose: string }[];
  /** Days of runs to seed. */
  days?: number;
}

export async function seedInfrastructure(
  tx: Tx,
  providerId: string,
  opts: InfrastructureOptions,
): Promise<{ sites: number; jobs: number; runs: number }> {
  const existing = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from sites where provider_id = ${providerId}`,
  );
  if (existing.rows[0]!.n > 0) {
    return { sites: 0, jobs: 0, runs: 0 };
  }
  const now = opts.now ?? new Date();
  const days = opts.days ?? 120;
  const rand = rng(providerId.split('').reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 11));
  const members = (
    await tx.execute<{
      id: string;
      name: string;
      type: string;
      city: string | null;
      street: string | null;
      postal_code: string | null;
    }>(
      sql`select id, name, type, city, street, postal_code from organisations where provider_id = ${providerId} and kind = 'member' order by name`,
    )
  ).rows;

  // Provider sites: office, own data centre with rooms, partner data centres.
  const siteRows: (typeof sites.$inferInsert)[] = [];
  const roomRows: (typeof siteRooms.$inferInsert)[] = [];
  const dcId = uuidv7();
  siteRows.push({ id: uuidv7(), orgId: providerId, providerId, kind: 'office', ...opts.office });
  siteRows.push({
    id: dcId,
    orgId: providerId,
    providerId,
    kind: 'data_centre',
    ...opts.dataCentre,
    notes: 'Zwei Brandabschnitte, USV und Netzersatzanlage',
  });
  roomRows.push(
    { orgId: providerId, siteId: dcId, name: 'Serverraum A', floor: 'UG', purpose: 'server_room' },
    { orgId: providerId, siteId: dcId, name: 'Serverraum B (Brandabschnitt 2)', floor: 'UG', purpose: 'server_room' },
    { orgId: providerId, siteId: dcId, name: 'Netzwerkraum', floor: 'EG', purpose: 'network' },
  );
  const partnerSites: { id: string; purpose: string }[] = [];
  for (const p of opts.partners) {
    const partner = (
      await tx.execute<{ id: string }>(
        sql`select id from organisations where kind = 'provider' and name = ${p.providerName} limit 1`,
      )
    ).rows[0];
    if (!partner) {
      continue;
    }
    const id = uuidv7();
    siteRows.push({
      id,
      orgId: providerId,
      providerId,
      kind: 'partner_data_centre',
      name: p.name,
      city: p.city,
      partnerProviderId: partner.id,
    });
    partnerSites.push({ id, purpose: p.purpose });
  }

  // Member sites: a town hall each with a server room; towns also a school; every fifth a depot.
  const townHall = new Map<string, string>();
  members.forEach((m, i) => {
    const id = uuidv7();
    townHall.set(m.id, id);
    const place = m.city ?? m.name.replace(/^(Stadt|Gemeinde|Landgemeinde|VG|Verwaltungsgemeinschaft)\s+/, '');
    const hall = m.type === 'verwaltungsgemeinschaft' ? 'Verwaltungssitz' : 'Rathaus';
    const plz = m.postal_code && /^[0-9]{5}$/.test(m.postal_code) ? m.postal_code : null;
    siteRows.push({
      id,
      orgId: m.id,
      providerId,
      kind: 'town_hall',
      name: `${hall} ${place}`,
      street: m.street ?? 'Markt 1',
      postalCode: plz,
      city: place,
    });
    roomRows.push(
      { orgId: m.id, siteId: id, name: 'Serverraum', floor: 'KG', purpose: 'server_room' },
      { orgId: m.id, siteId: id, name: 'Bürgerbüro', floor: 'EG', purpose: 'office' },
    );
    if (m.type === 'stadt') {
      const school = uuidv7();
      siteRows.push({
        id: school,
        orgId: m.id,
        providerId,
        kind: 'school',
        name: `Grundschule ${place}`,
        city: place,
        postalCode: plz,
      });
      roomRows.push({ orgId: m.id, siteId: school, name: 'Computerraum', floor: '1. OG', purpose: 'classroom' });
    }
    if (i % 5 === 0) {
      siteRows.push({ orgId: m.id, providerId, kind: 'depot', name: `Bauhof ${place}`, city: place, postalCode: plz });
    }
  });
  await insertChunked(siteRows, (c) => tx.insert(sites).values(c));
  await insertChunked(roomRows, (c) => tx.insert(siteRooms).values(c));
  if (partnerSites.length > 0) {
    await tx
      .insert(dataCentrePartners)
      .values(
        partnerSites.map((p) => ({ orgId: providerId, dataCentreId: dcId, partnerSiteId: p.id, purpose: p.purpose })),
      );
  }

  // Placements: every catalogue service runs in the data centre; replicas alternate between partners.
  const services = (
    await tx.execute<{ id: string; code: string; name_de: string }>(
      sql`select id, code, name_de from services where provider_id = ${providerId} order by code`,
    )
  ).rows;
  const byCode = new Map(services.map((s) => [s.code, s]));
  const placementRows: (typeof servicePlacements.$inferInsert)[] = services
    .filter((s) => s.code !== 'SCHUL-01')
    .map((s, i) => ({
      orgId: providerId,
      providerId,
      serviceId: s.id,
      name: s.name_de,
      primarySiteId: dcId,
      replicaSiteId: partnerSites.length > 0 && s.code !== 'STD-01' ? partnerSites[i % partnerSites.length]!.id : null,
      replication:
        s.code === 'FV-HOST' || s.code === 'MAIL-01'
          ? ('synchronous' as const)
          : s.code === 'DASI-01'
            ? ('backup_restore' as const)
            : ('asynchronous' as const),
      rtoHours: s.code === 'FV-HOST' ? 4 : s.code === 'MAIL-01' ? 2 : 24,
    }));
  if (placementRows.length > 0) {
    await tx.insert(servicePlacements).values(placementRows);
  }

  // Backup jobs: the member's server from the inventory, else the catalogue's backup service;
  // the ten largest members also back up their specialist applications.
  const servers = new Map(
    (
      await tx.execute<{ id: string; org_id: string; name: string | null }>(
        sql`select distinct on (org_id) id, org_id, name from assets where provider_id = ${providerId} and type = 'server' and status = 'deployed' order by org_id, inventory_number`,
      )
    ).rows.map((r) => [r.org_id, r]),
  );
  const dasi = byCode.get('DASI-01') ?? services[0];
  const fv = byCode.get('FV-HOST');
  const created = new Date(now.getTime() - (days + 10) * 24 * H);
  const jobRows: (typeof backupJobs.$inferInsert)[] = [];
  members.forEach((m, i) => {
    const server = servers.get(m.id);
    const copy = partnerSites.length > 0 ? partnerSites[i % partnerSites.length]!.id : townHall.get(m.id)!;
    if (server || dasi) {
      jobRows.push({
        id: uuidv7(),
        orgId: m.id,
        providerId,
        name: `Fileserver ${m.name}`,
        targetKind: server ? 'asset' : 'service',
        assetId: server?.id ?? null,
        serviceId: server ? null : dasi!.id,
        schedule: '0 22 * * *',
        primarySiteId: dcId,
        copySiteId: copy,
        retentionDays: 90,
        rpoHours: 26,
        createdAt: created,
      });
    }
    if (fv && i < 10) {
      jobRows.push({
        id: uuidv7(),
        orgId: m.id,
        providerId,
        name: `Fachverfahren-Datenbanken ${m.name}`,
        targetKind: 'service',
        serviceId: fv.id,
        schedule: 'every 6h',
        primarySiteId: dcId,
        copySiteId: copy,
        retentionDays: 30,
        rpoHours: 8,
        createdAt: created,
      });
    }
  });
  await insertChunked(jobRows, (c) => tx.insert(backupJobs).values(c));

  // Runs: nightly (or every 6 h) over `days`; ~3 % failures with real-looking messages; two
  // jobs fail since two days (their RPO is violated now), one warns about skipped files.
  const MESSAGES = [
    'VSS-Snapshot fehlgeschlagen (0x80042306)',
    'Zielspeicher nicht erreichbar (Timeout nach 300 s)',
    'Bandlaufwerk meldet Medienfehler',
    'Quota auf dem Repository überschritten',
  ];
  const broken = new Set(jobRows.filter((_, i) => i === 1 || i === 4).map((j) => j.id!));
  const runRows: (typeof backupRuns.$inferInsert)[] = [];
  const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (const j of jobRows) {
    const every = j.schedule === 'every 6h' ? 6 : 24;
    const first = dayStart - days * 24 * H + (every === 24 ? 21 * H : 0);
    const size = Math.round((20 + rand() * 400) * 1024 ** 3);
    for (let t = first; t < now.getTime() - H; t += every * H) {
      const recentBreak = broken.has(j.id!) && t > now.getTime() - 50 * H;
      const fail = recentBreak || rand() < 0.03;
      const warn = !fail && rand() < 0.03;
      const minutes = 20 + Math.floor(rand() * 90);
      runRows.push({
        orgId: j.orgId,
        jobId: j.id!,
        status: fail ? 'failed' : warn ? 'warning' : 'success',
        startedAt: new Date(t + Math.floor(rand() * 10) * 60_000),
        endedAt: new Date(t + minutes * 60_000),
        bytes: fail ? null : Math.round(size * (0.02 + rand() * 0.05)),
        message: fail
          ? MESSAGES[Math.floor(rand() * MESSAGES.length)]!
          : warn
            ? '3 Dateien gesperrt, übersprungen'
            : 'Erfolgreich',
        source: 'seed',
      });
    }
  }
  await insertChunked(runRows, (c) => tx.insert(backupRuns).values(c));
  await tx.execute(sql`
    with lr as (
      select distinct on (job_id) job_id, started_at, status from backup_runs where org_id in (select id from organisations where provider_id = ${providerId})
       order by job_id, started_at desc
    ), ls as (
      select job_id, max(coalesce(ended_at, started_at)) as at from backup_runs
       where status in ('success', 'warning') and org_id in (select id from organisations where provider_id = ${providerId}) group by job_id
    )
    update backup_jobs j set last_run_at = lr.started_at, last_run_status = lr.status, last_success_at = ls.at
      from lr left join ls on ls.job_id = lr.job_id where j.id = lr.job_id`);
  // Jobs failing or past their RPO now have their one ticket, as the ingest and RPO check would have opened it.
  const alerting = (
    await tx.execute<{ id: string; org_id: string; name: string; failed: boolean }>(sql`
      select id, org_id, name, last_run_status = 'failed' as failed from backup_jobs
       where provider_id = ${providerId}
         and (last_run_status = 'failed' or coalesce(last_success_at, created_at) < ${now.toISOString()}::timestamptz - make_interval(hours => rpo_hours))`)
  ).rows;
  for (const j of alerting) {
    const { ticket } = await openOrUpdateSystemTicket(tx, {
      providerId,
      memberId: j.org_id,
      dedupeKey: `backup:job:${j.id}`,
      title: j.failed ? `Datensicherung fehlgeschlagen: ${j.name}` : `RPO überschritten: ${j.name}`,
      body: j.failed ? 'Letzter Sicherungslauf fehlgeschlagen.' : 'Keine erfolgreiche Sicherung innerhalb des RPO.',
      reporter: 'Backup-Überwachung',
      urgency: j.failed ? 'high' : 'medium',
    });
    await tx.execute(
      sql`update backup_jobs set alert_state = ${j.failed ? 'failed' : 'rpo_violated'}, alert_ticket_id = ${ticket.id} where id = ${j.id}`,
    );
  }

  // Restore tests: two planned per member and year (March, September); earlier ones done.
  const year = now.getUTCFullYear();
  const planRows: (typeof restoreTestPlanItems.$inferInsert)[] = [];
  const testRows: (typeof restoreTests.$inferInsert)[] = [];
  const PEOPLE = ['M. Schulz', 'S. Becker', 'J. Wagner', 'L. Hoffmann'];
  members.forEach((m, i) => {
    const job = jobRows.find((j) => j.orgId === m.id);
    for (const [month, what] of [
      [3, 'Wiederherstellung einzelner Dateien aus der Nachtsicherung'],
      [9, 'Vollständige Wiederherstellung des Fileservers in die Testumgebung'],
    ] as const) {
      const id = uuidv7();
      planRows.push({ id, orgId: m.id, year, plannedMonth: month, what, jobId: job?.id ?? null });
      const due = new Date(Date.UTC(year, month - 1, 10 + (i % 15)));
      // Most planned tests whose month has passed were done; every seventh member is behind.
      if (due.getTime() < now.getTime() - 24 * H && i % 7 !== 3) {
        testRows.push({
          orgId: m.id,
          jobId: job?.id ?? null,
          planItemId: id,
          testedOn: due.toISOString().slice(0, 10),
          what,
          result: i % 11 === 5 ? 'partial' : 'success',
          durationMinutes: month === 9 ? 120 + (i % 5) * 20 : 15 + (i % 4) * 5,
          performedBy: PEOPLE[i % PEOPLE.length]!,
          notes: i % 11 === 5 ? 'Zwei Dateien aus der Sicherung nicht lesbar; Job-Konfiguration angepasst.' : null,
        });
      }
    }
  });
  await insertChunked(planRows, (c) => tx.insert(restoreTestPlanItems).values(c));
  await insertChunked(testRows, (c) => tx.insert(restoreTests).values(c));
  return { sites: siteRows.length, jobs: jobRows.length, runs: runRows.length };
}

/** The scenarios with sites and backups (issue 7): KIDS with its partner sites, and KITS. */
export const INFRASTRUCTURE: Partial<Record<string, Omit<InfrastructureOptions, 'now'>>> = {
  kids: {
    office: { name: 'KIDS Geschäftsstelle', street: 'Bahnhofstraße 9', postalCode: '99610', city: 'Sömmerda' },
    dataCentre: { name: 'Rechenzentrum Sömmerda', street: 'Bahnhofstraße 9', postalCode: '99610', city: 'Sömmerda' },
    partners: [
      {
        providerName: 'IT-Servicezentrum Landkreis Greiz',
        name: 'Partner-RZ Greiz',
        city: 'Greiz',
        purpose: 'Offsite-Kopien der Datensicherung, Ausweich-Rechenzentrum für Fachverfahren',
      },
      {
        providerName: 'KITS – Kommunaler IT-Service Schmalkalden-Meiningen',
        name: 'Partner-RZ Meiningen (KITS)',
        city: 'Meiningen',
        purpose: 'Spiegelung der Virtualisierung, Ausweich-Arbeitsplätze im Notfall',
      },
    ],
  },
  kits: {
    office: { name: 'KITS Geschäftsstelle', street: 'Obertshäuser Platz 1', postalCode: '98617', city: 'Meiningen' },
    dataCentre: {
      name: 'Rechenzentrum Meiningen',
      street: 'Obertshäuser Platz 1',
      postalCode: '98617',
      city: 'Meiningen',
    },
    partners: [
      {
        providerName: 'KIDS – Kommunale Informations- und Datendienste Sömmerda',
        name: 'Partner-RZ Sömmerda (KIDS)',
        city: 'Sömmerda',
        purpose: 'Offsite-Kopien der Datensicherung',
      },
    ],
  },
};
