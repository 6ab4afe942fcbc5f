/**
 * Demo knowledge base and mail traffic of a scenario provider: categories and German articles
 * members really ask for (VPN, passwords, printers, phishing …), some internal ones for the
 * provider's staff and a draft; a few notification mails in the outbox (sent, pending, one failed)
 * and mails of unknown senders in the review queue. Runs in the scenario's transaction on the
 * admin path, after the tickets. A provider with articles already is left as it is.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/client.js';
import { knowledgeArticles, knowledgeCategories } from '../modules/knowledge/index.js';
import { mailInbound, mailOutbox, renderMail } from '../modules/mail/index.js';

type Audience = 'public' | 'internal';
interface Article {
  category: string;
  title: string;
  audience: Audience;
  status: 'draft' | 'published';
  body: string;
}

const CATEGORIES = ['Zugang und Passwörter', 'Netz und VPN', 'Arbeitsplatz und Drucker', 'E-Mail und Kalender', 'Informationssicherheit', 'Fachverfahren'];

const ARTICLES: Article[] = [
  {
    category: 'Netz und VPN',
    title: 'VPN einrichten (Homeoffice und unterwegs)',
    audience: 'public',
    status: 'published',
    body: `Mit dem VPN erreichen Sie vom Homeoffice aus die Fachverfahren und Laufwerke im Rechenzentrum.

## Voraussetzungen
- ein dienstliches Notebook mit installiertem VPN-Client (Symbol mit Schloss in der Taskleiste)
- Ihre Windows-Anmeldung und ein zweiter Faktor (App oder Hardware-Token)

## So verbinden Sie sich
1. Notebook mit dem Internet verbinden (WLAN zu Hause oder Hotspot).
2. Auf das VPN-Symbol klicken und **Verbinden** wählen.
3. Benutzername und Kennwort eingeben, dann den Code aus der Authenticator-App.
4. Nach etwa 10 Sekunden erscheint „Verbunden“. Laufwerke werden automatisch eingebunden.

## Wenn es nicht klappt
- Prüfen Sie, ob Sie ohne VPN Internetseiten öffnen können.
- Uhrzeit des Notebooks muss stimmen (sonst wird der Code abgelehnt).
- Öffnen Sie ein Ticket mit der genauen Fehlermeldung (Bildschirmfoto hilft).`,
  },
  {
    category: 'Zugang und Passwörter',
    title: 'Passwort zurücksetzen',
    audience: 'public',
    status: 'published',
    body: `Ihr Kennwort läuft alle 12 Monate ab oder Sie haben es vergessen? So geht es weiter.

## Kennwort noch bekannt
Drücken Sie **Strg + Alt + Entf** und wählen Sie **Kennwort ändern**. Das neue Kennwort braucht mindestens 12 Zeichen; Sätze lassen sich gut merken.

## Kennwort vergessen oder Konto gesperrt
Rufen Sie den Service-Desk an oder lassen Sie Ihre Vorgesetzte bzw. Ihren Vorgesetzten ein Ticket öffnen. Wir prüfen Ihre Identität per Rückruf an die hinterlegte Dienstnummer und vergeben ein Einmalkennwort, das Sie bei der ersten Anmeldung ändern.

> Wir fragen **nie** per E-Mail nach Ihrem Kennwort.`,
  },
  {
    category: 'Arbeitsplatz und Drucker',
    title: 'Drucker verbinden',
    audience: 'public',
    status: 'published',
    body: `Die Multifunktionsgeräte im Rathaus sind im Netz freigegeben und heißen nach Standort und Raum, z. B. \`RH-EG-017\`.

1. **Start → Einstellungen → Bluetooth und Geräte → Drucker und Scanner** öffnen.
2. **Gerät hinzufügen** wählen und kurz warten.
3. Den Drucker Ihres Raums aus der Liste wählen. Fehlt er, „Der gewünschte Drucker ist nicht aufgeführt“ → Namen eingeben: \`\\\\print01\\RH-EG-017\`.

Druckaufträge mit **Sicherem Druck** erscheinen erst, wenn Sie sich am Gerät mit Ihrer Dienstkarte anmelden.`,
  },
  {
    category: 'Informationssicherheit',
    title: 'Phishing-Mail melden',
    audience: 'public',
    status: 'published',
    body: `Eine E-Mail kommt Ihnen verdächtig vor (unerwartete Rechnung, Druck zur Eile, Link zu einer Anmeldeseite)?

1. **Nicht** auf Links klicken, keine Anhänge öffnen.
2. Die Mail über die Schaltfläche **Phishing melden** in Outlook weiterleiten – oder als Anhang an den Service-Desk senden.
3. Haben Sie schon geklickt oder Daten eingegeben? **Sofort** anrufen: Jede Minute zählt. Ziehen Sie bei Verdacht auf Schadsoftware das Netzwerkkabel.

Ein Sicherheitsvorfall ist kein Grund zur Scham – schnelle Meldungen verhindern Schaden für alle Mitglieder.`,
  },
  {
    category: 'Zugang und Passwörter',
    title: 'Neue Mitarbeiterin, neuer Mitarbeiter: Zugang beantragen',
    audience: 'public',
    status: 'published',
    body: `Bitte beantragen Sie Konten **mindestens fünf Arbeitstage** vor dem ersten Arbeitstag über das Portal (Ticket-Typ *Anfrage*, Kategorie *Benutzerkonten → Ein- und Austritt*).

Wir brauchen: Name, Amt/Abteilung, Eintrittsdatum, benötigte Fachverfahren und Laufwerke, ob ein Notebook oder ein fester Arbeitsplatz gebraucht wird.

Beim Austritt bitte ebenso früh melden; Postfach und Laufwerk werden 30 Tage aufbewahrt.`,
  },
  {
    category: 'E-Mail und Kalender',
    title: 'Dienstliche E-Mail auf dem Smartphone',
    audience: 'public',
    status: 'published',
    body: `Dienstliche Mails auf dem Smartphone gibt es nur auf verwalteten Geräten.

- Dienstgerät: Die App *Outlook* ist vorinstalliert; mit Ihrer Kennung anmelden.
- Privatgerät: nicht zulässig (Datenschutz, Dienstvereinbarung).

Abwesenheitsnotiz: in Outlook **Datei → Automatische Antworten**.`,
  },
  {
    category: 'Fachverfahren',
    title: 'Einwohnermeldewesen: Drucken von Meldebescheinigungen',
    audience: 'public',
    status: 'published',
    body: `Meldebescheinigungen werden auf dem Drucker gedruckt, der im Fachverfahren unter **Einstellungen → Arbeitsplatz** hinterlegt ist. Nach einem Druckertausch dort den neuen Drucker auswählen. Hilft das nicht, öffnen Sie ein Ticket mit der Kategorie *Fachverfahren → Einwohnermeldewesen*.`,
  },
  {
    category: 'Zugang und Passwörter',
    title: 'Checkliste Kennwort-Rücksetzung (intern)',
    audience: 'internal',
    status: 'published',
    body: `1. Identität per **Rückruf** an die Dienstnummer aus dem Verzeichnis prüfen, nie an eine Nummer aus dem Anruf.
2. Einmalkennwort erzeugen, „Kennwort bei nächster Anmeldung ändern“ setzen.
3. Sperre im AD lösen, ggf. MFA-Gerät zurücksetzen (nur mit Ticket).
4. Im Ticket dokumentieren: wer, wann, wie geprüft.`,
  },
  {
    category: 'Netz und VPN',
    title: 'VPN-Störung eingrenzen (intern)',
    audience: 'internal',
    status: 'published',
    body: `- Betrifft es einen Nutzer oder einen ganzen Standort? Monitoring des Standort-Tunnels prüfen.
- Zertifikat des Clients abgelaufen? Gültigkeit in der Verwaltungskonsole ansehen.
- Bei mehr als drei Meldungen in 15 Minuten: **Major Incident** eröffnen und Mitglieder über die Statusseite informieren.`,
  },
  {
    category: 'E-Mail und Kalender',
    title: 'Videokonferenzen mit dem neuen Konferenzdienst',
    audience: 'public',
    status: 'draft',
    body: `Entwurf – wird mit dem Start des Dienstes veröffentlicht.

Einladungen verschicken Sie direkt aus dem Kalender; Gäste brauchen nur einen Browser.`,
  },
];

const REVIEW = [
  { from: 'm.schulz@example.org', name: 'Martina Schulz', subject: 'Zugang zum Bürgerportal gesperrt', text: 'Guten Tag,\nich komme nicht mehr in mein Konto im Bürgerportal. Können Sie das entsperren?\nMit freundlichen Grüßen\nMartina Schulz', reason: 'unknown_sender' },
  { from: 'vertrieb@druckerpatronen-guenstig.example', name: 'Druckerpatronen-Vertrieb', subject: 'Sonderangebot Toner – nur diese Woche!', text: 'Sehr geehrte Damen und Herren, bestellen Sie jetzt …', reason: 'unknown_sender' },
  { from: 'hauptamt@privat-mail.example', name: 'Hauptamt (privat)', subject: 'Neue Kollegin ab 1. des Monats', text: 'Hallo, bitte richtet für Frau Berger ein Konto ein. (gesendet vom privaten Postfach)', reason: 'unknown_sender' },
];

export async function seedKnowledgeAndMail(tx: Tx, providerId: string, opts: { now: Date; publicUrl?: string }): Promise<void> {
  const has = await tx.execute<{ n: number }>(sql`select count(*)::int as n from knowledge_articles where org_id = ${providerId}`);
  if ((has.rows[0]?.n ?? 0) > 0) {
    return;
  }
  const cats = await tx
    .insert(knowledgeCategories)
    .values(CATEGORIES.map((name, i) => ({ orgId: providerId, name, position: i * 10 })))
    .returning({ id: knowledgeCategories.id, name: knowledgeCategories.name });
  const catId = new Map(cats.map((c) => [c.name, c.id]));
  const day = 86_400_000;
  await tx.insert(knowledgeArticles).values(
    ARTICLES.map((a, i) => {
      const at = new Date(opts.now.getTime() - (ARTICLES.length - i) * 9 * day);
      return {
        orgId: providerId,
        categoryId: catId.get(a.category) ?? null,
        title: a.title,
        body: a.body,
        audience: a.audience,
        status: a.status,
        publishedAt: a.status === 'published' ? at : null,
        createdAt: at,
        updatedAt: at,
      };
    }),
  );

  // Outbox: the mails the last few tickets would have caused.
  const base = (opts.publicUrl ?? 'http://localhost:3000').replace(/\/$/, '');
  const recent = await tx.execute<{ id: string; number: string; title: string; org_id: string; requester_name: string | null; requester_email: string | null; status: string; created_at: Date | string }>(sql`
    select id, number, title, org_id, requester_name, requester_email, status, created_at from tickets
     where provider_id = ${providerId} and requester_email is not null order by created_at desc limit 8`);
  const rows = recent.rows.map((t, i) => {
    const data = { number: t.number, title: t.title, url: `${base}/tickets/${t.id}`, recipientName: t.requester_name };
    const m =
      i % 3 === 0
        ? renderMail({ kind: 'ticket_created', ticket: data }, 'de')
        : i % 3 === 1
          ? renderMail({ kind: 'ticket_replied', ticket: data, author: 'Service-Desk', body: 'Vielen Dank für Ihre Meldung. Wir kümmern uns darum und melden uns heute noch.' }, 'de')
          : renderMail({ kind: 'ticket_status', ticket: data, from: 'in_progress', to: t.status === 'resolved' ? 'resolved' : 'waiting' }, 'de');
    const created = new Date(new Date(t.created_at).getTime() + 60_000);
    // One failed mail whatever the count: the requesters (and so the tickets with an address) are
    // picked by a generator seeded from the provider's fresh id, and a run once found only four.
    const failedAt = Math.min(4, recent.rows.length - 1);
    const failed = i === failedAt;
    const sent = i > failedAt;
    return {
      orgId: t.org_id,
      providerId,
      kind: (i % 3 === 0 ? 'ticket_created' : i % 3 === 1 ? 'ticket_replied' : 'ticket_status') as 'ticket_created' | 'ticket_replied' | 'ticket_status',
      toAddress: failed ? t.requester_email!.replace('@', '.alt@') : t.requester_email!,
      toName: t.requester_name,
      locale: 'de',
      subject: m.subject,
      textBody: m.text,
      ticketId: t.id,
      status: (failed ? 'failed' : sent ? 'sent' : 'pending') as 'failed' | 'sent' | 'pending',
      attempts: failed ? 1 : sent ? 1 : 0,
      lastError: failed ? '550 5.1.1 Mailbox unavailable' : null,
      sentAt: sent ? new Date(created.getTime() + 15_000) : null,
      nextAttemptAt: created,
      createdAt: created,
      updatedAt: created,
    };
  });
  if (rows.length > 0) {
    await tx.insert(mailOutbox).values(rows);
  }

  await tx.insert(mailInbound).values(
    REVIEW.map((r, i) => ({
      orgId: providerId,
      fromAddress: r.from,
      fromName: r.name,
      subject: r.subject,
      textBody: r.text,
      messageId: `<demo-${providerId}-${i}@example.org>`,
      receivedAt: new Date(opts.now.getTime() - (i + 1) * 3 * 3_600_000),
      status: 'review' as const,
      reason: r.reason,
    })),
  );
}
