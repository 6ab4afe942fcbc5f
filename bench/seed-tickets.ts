/**
 * Generator for the service-desk bench: one provider with 1,000 member organisations and
 * 1,000,000 tickets on PostgreSQL, written with generate_series INSERT … SELECT (no row goes through
 * Node). Titles and descriptions come from 24 German subjects with a few varying words, so the
 * full-text index has realistic posting lists; statuses, priorities, assignees and dates are spread
 * over 18 months. The GIN indexes are dropped for the load and built once afterwards (much faster
 * than maintaining them row by row).
 *
 *   npx tsx --conditions=source bench/seed-tickets.ts [postgres-url-of-an-empty-or-bench-database]
 *
 * Environment: BENCH_TICKETS (default 1000000), BENCH_MEMBERS (default 1000). Prints what it made
 * and how long it took. Also exported as `seedTicketsBench` for tickets.bench.ts.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openPostgres, type Database } from '../apps/server/src/platform/db/client.js';
import { uuidv7 } from '../apps/server/src/platform/db/columns.js';
import { runMigrations } from '../apps/server/src/platform/db/migrate.js';
import { newSecret, sha256 } from '../apps/server/src/platform/auth/tokens.js';
import { sessions } from '../apps/server/src/platform/auth/auth.schema.js';
import { roleGrants, users } from '../apps/server/src/modules/users/index.js';

export interface TicketBenchSeed {
  providerId: string;
  members: string[];
  /** The member whose portal user is measured. */
  memberOrg: string;
  agent: { id: string; token: string };
  member: { id: string; token: string };
  tickets: number;
}

const SUBJECTS = [
  ['Drucker druckt nicht', 'Der Multifunktionsdrucker im Bürgerbüro meldet Papierstau'],
  ['Passwort gesperrt', 'Nach mehreren Fehlversuchen ist das Benutzerkonto gesperrt'],
  ['Meldewesen startet nicht', 'Das Fachverfahren Einwohnermeldewesen meldet einen Verbindungsfehler'],
  ['VPN Außenstelle unterbrochen', 'Die Standortanbindung zum Bauhof ist ausgefallen'],
  ['Postfach voll', 'Das Funktionspostfach nimmt keine E-Mails mehr an'],
  ['Telefon ohne Freizeichen', 'Die Nebenstelle im Ordnungsamt hat kein Freizeichen'],
  ['Phishing-Mail geöffnet', 'Eine verdächtige Mail mit Anhang wurde geöffnet'],
  ['Scanner speichert nicht', 'Gescannte Dokumente erscheinen nicht in der E-Akte'],
  ['Online-Antrag hängt', 'Anträge aus dem Portal bleiben im Status übermittelt'],
  ['Notebook bestellen', 'Bitte ein Angebot für Notebooks mit Dockingstation'],
  ['WLAN langsam', 'Im Sitzungssaal bricht das WLAN regelmäßig ein'],
  ['Tablets nicht im Gerätemanagement', 'Die Tablets der Grundschule erscheinen nicht'],
  ['Berechtigung Personenstandsregister', 'Der neue Standesbeamte braucht Schreibrechte'],
  ['PDF-Programm aktualisieren', 'Bitte die neue Version auf allen Arbeitsplätzen verteilen'],
  ['Virenwarnung an der Kasse', 'Der Virenschutz meldet einen Fund in einem Download'],
  ['Monitor flackert', 'Der zweite Monitor am Arbeitsplatz flackert'],
  ['Finanzverfahren Periode öffnen', 'Für Nachbuchungen wird die Periode dreizehn benötigt'],
  ['Kalender wird nicht synchronisiert', 'Termine vom Smartphone erscheinen nicht im Kalender'],
  ['Zertifikat abgelaufen', 'Die Signaturkarte meldet ein abgelaufenes Zertifikat'],
  ['Gewerbeanmeldung Schnittstelle', 'Die Übermittlung an das Gewerberegister schlägt fehl'],
  ['Neue Mitarbeiterin einrichten', 'Benutzerkonto und Postfach ab dem Ersten des Monats'],
  ['Datensicherung fehlgeschlagen', 'Die nächtliche Sicherung des Dateiservers ist fehlgeschlagen'],
  ['Kassenautomat offline', 'Der Kassenautomat im Rathaus ist nicht erreichbar'],
  ['Ratsinformationssystem langsam', 'Sitzungsunterlagen laden sehr langsam'],
];
const WORDS = ['Rathaus', 'Bauamt', 'Standesamt', 'Kämmerei', 'Bürgerbüro', 'Ordnungsamt', 'Bauhof', 'Grundschule', 'Kita', 'Feuerwehr', 'Bibliothek', 'Friedhofsverwaltung'];

const log = (msg: string) => process.stderr.write(`[seed-tickets] ${msg}\n`);

export async function seedTicketsBench(database: Database, opts: { tickets?: number; members?: number } = {}): Promise<TicketBenchSeed> {
  const total = opts.tickets ?? Number(process.env.BENCH_TICKETS ?? 1_000_000);
  const memberCount = opts.members ?? Number(process.env.BENCH_MEMBERS ?? 1000);
  const db = database.db;
  const t0 = performance.now();
  await runMigrations(database);
  const providerId = uuidv7();
  const members = Array.from({ length: memberCount }, () => uuidv7());
  const agent = { id: uuidv7(), token: newSecret() };
  const member = { id: uuidv7(), token: newSecret() };
  const memberOrg = members[0]!;
  const hash = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hiZW5jaGJlbmNo$0000000000000000000000000000000000000000000';
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into organisations (id, provider_id, kind, type, name) values (${providerId}, ${providerId}, 'provider', 'aoer', 'Bench-Zweckverband')`);
    // 1,000 Gemeinden under the provider; AGS in Thüringen so the SLA calendar has a Land.
    await tx.execute(sql`insert into organisations (id, parent_id, provider_id, kind, type, name, ags)
      select m.id, ${providerId}, ${providerId}, 'member', 'gemeinde', 'Gemeinde ' || lpad(m.n::text, 4, '0'),
             '16' || lpad((61 + m.n % 17)::text, 3, '0') || lpad((m.n % 1000)::text, 3, '0')
        from unnest(${`{${members.join(',')}}`}::uuid[]) with ordinality as m(id, n)`);
    await tx.insert(users).values([
      { id: agent.id, orgId: providerId, email: `agent-${providerId}@bench.verbund`, name: 'Bench Agent', passwordHash: hash },
      { id: member.id, orgId: memberOrg, email: `user-${providerId}@bench.verbund`, name: 'Bench Sachbearbeiterin', passwordHash: hash },
    ]);
    await tx.insert(roleGrants).values([
      { userId: agent.id, orgId: providerId, role: 'provider_agent', includeDescendants: true },
      { userId: member.id, orgId: memberOrg, role: 'member_user', includeDescendants: false },
    ]);
    const expiresAt = new Date(Date.now() + 86_400_000);
    await tx.insert(sessions).values([
      { tokenHash: sha256(agent.token), userId: agent.id, expiresAt },
      { tokenHash: sha256(member.token), userId: member.id, expiresAt },
    ]);
    await tx.execute(sql`insert into sla_profiles (id, provider_id, name, hours, targets, is_default) values (${uuidv7()}, ${providerId}, 'Standard',
      ${JSON.stringify({ 1: [{ start: '07:00', end: '16:00' }], 2: [{ start: '07:00', end: '16:00' }], 3: [{ start: '07:00', end: '16:00' }], 4: [{ start: '07:00', end: '16:00' }], 5: [{ start: '07:00', end: '13:00' }], 6: [], 7: [] })}::jsonb,
      ${JSON.stringify({ P1: { responseMinutes: 30, resolutionMinutes: 240 }, P2: { responseMinutes: 120, resolutionMinutes: 480 }, P3: { responseMinutes: 480, resolutionMinutes: 1440 }, P4: { responseMinutes: 960, resolutionMinutes: 2880 } })}::jsonb, true)`);
  });
  log(`provider, ${memberCount} members, users, sessions, SLA profile: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const t1 = performance.now();
  await db.execute(sql`drop index if exists tickets_search_public_idx`);
  await db.execute(sql`drop index if exists tickets_search_internal_idx`);
  const subjects = `{${SUBJECTS.map(([s]) => `"${s}"`).join(',')}}`;
  const bodies = `{${SUBJECTS.map(([, b]) => `"${b}"`).join(',')}}`;
  const words = `{${WORDS.map((w) => `"${w}"`).join(',')}}`;
  const batch = 200_000;
  for (let start = 0; start < total; start += batch) {
    const n = Math.min(batch, total - start);
    // Ticket g: member g % members (the measured member gets its share like every other), opened
    // g minutes apart going back 18 months; 85 % of the older ones closed, the rest spread.
    await db.execute(sql`
      with src as (
        select g,
               (${`{${members.join(',')}}`}::uuid[])[1 + (g::bigint * 7919) % ${memberCount}] as org_id,
               now() - ((${total} - g) * interval '47 seconds') as opened,
               (${subjects}::text[])[1 + g % ${SUBJECTS.length}] as subject,
               (${bodies}::text[])[1 + g % ${SUBJECTS.length}] as body,
               (${words}::text[])[1 + (g / 7) % ${WORDS.length}] as word,
               (g * 2654435761::bigint) % 1000 as r
          from generate_series(${start + 1}::int, ${start + n}::int) g
      )
      insert into tickets (id, org_id, provider_id, number, type, title, description, status, impact, urgency, priority,
                           requester_user_id, requester_name, assignee_id, channel, response_due_at, resolution_due_at,
                           first_response_at, resolved_at, closed_at, search_public, created_at, updated_at)
      select (lpad(to_hex((extract(epoch from opened) * 1000)::bigint), 12, '0') || '7' || lpad(to_hex(g % 4096), 3, '0') || '8' || lpad(to_hex(g), 15, '0'))::uuid,
             org_id, ${providerId}, 'T-' || extract(year from opened)::int || '-' || lpad(g::text, 7, '0'),
             case when r < 80 then 'request' when r < 85 then 'security_incident' else 'incident' end,
             subject || ' (' || word || ')', body || '. Betrifft ' || word || '.',
             case when opened < now() - interval '30 days' and r < 850 then 'closed'
                  when r < 300 then 'new' when r < 450 then 'assigned' when r < 650 then 'in_progress'
                  when r < 750 then 'waiting' when r < 900 then 'resolved' else 'closed' end,
             (array['low','medium','high'])[1 + r % 3], (array['low','medium','high'])[1 + (r / 3) % 3],
             (array['P1','P2','P3','P4'])[1 + r % 4],
             case when org_id = ${memberOrg}::uuid and r < 400 then ${member.id}::uuid end, 'Sachbearbeitung ' || word,
             case when r >= 300 then ${agent.id}::uuid end, 'portal',
             opened + interval '2 hours', opened + interval '1 day',
             case when r >= 300 then opened + interval '1 hour' end,
             case when r >= 750 or opened < now() - interval '30 days' then opened + interval '20 hours' end,
             case when opened < now() - interval '30 days' and r < 850 then opened + interval '8 days' end,
             to_tsvector('german', subject || ' ' || word || ' ' || body),
             opened, opened
        from src`);
    log(`${start + n} tickets: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  }
  // Valid SLA for the provider's counter too, so a created ticket continues the numbering.
  await db.execute(sql`select verbund_raise_ticket_seq(${providerId}::uuid, extract(year from now())::int, ${total + 1}::int)`);
  const t2 = performance.now();
  await db.execute(sql`create index tickets_search_public_idx on tickets using gin (search_public)`);
  await db.execute(sql`create index tickets_search_internal_idx on tickets using gin (search_internal)`);
  await db.execute(sql`vacuum analyze tickets`);
  log(`GIN indexes and analyze: ${((performance.now() - t2) / 1000).toFixed(1)} s; total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { providerId, members, memberOrg, agent, member, tickets: total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2] ?? process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = openPostgres(url, { max: 2 });
  void seedTicketsBench(database)
    .then((s) => {
      // Forked by tickets.bench.ts: the whole seed goes back to the parent.
      if (process.send) {
        process.send(s);
      } else {
        console.log(JSON.stringify({ providerId: s.providerId, tickets: s.tickets, members: s.members.length }));
      }
    })
    .finally(() => database.close());
}
