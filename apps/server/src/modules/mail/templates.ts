/**
 * Notification texts in German and English. Pure: the same input always gives the same mail, so
 * the outbox row holds exactly what is sent. The subject starts with the ticket number in square
 * brackets: a reply keeps it, and `verbund mail-in` files the reply on that ticket.
 */
export type MailLocale = 'de' | 'en';

export interface TicketMailData {
  number: string;
  title: string;
  /** Link to the ticket in the web app. */
  url: string;
  recipientName: string | null;
}

export type MailTemplate =
  | { kind: 'ticket_created'; ticket: TicketMailData }
  | { kind: 'ticket_replied'; ticket: TicketMailData; author: string | null; body: string }
  | { kind: 'ticket_status'; ticket: TicketMailData; from: string; to: string }
  | { kind: 'sla_warning'; ticket: TicketMailData; which: 'response' | 'resolution'; dueAt: Date; priority: string };

const STATUS: Record<MailLocale, Record<string, string>> = {
  de: { new: 'Neu', assigned: 'Zugewiesen', in_progress: 'In Bearbeitung', waiting: 'Wartet auf Ihre Rückmeldung', resolved: 'Gelöst', closed: 'Geschlossen' },
  en: { new: 'New', assigned: 'Assigned', in_progress: 'In progress', waiting: 'Waiting for your reply', resolved: 'Resolved', closed: 'Closed' },
};

export function localeOf(value: string | null | undefined): MailLocale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'de';
}

/** Date and time in Europe/Berlin, as people there read it. */
export function berlinDateTime(d: Date, locale: MailLocale): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
}

function greeting(locale: MailLocale, name: string | null): string {
  if (locale === 'de') {
    return name ? `Guten Tag ${name},` : 'Guten Tag,';
  }
  return name ? `Hello ${name},` : 'Hello,';
}

function footer(locale: MailLocale, url: string): string {
  return locale === 'de'
    ? `Zum Ticket: ${url}\n\nSie können auf diese E-Mail antworten; Ihre Antwort wird dem Ticket hinzugefügt. Bitte lassen Sie die Ticketnummer im Betreff stehen.\n\n-- \nIhr Service-Desk`
    : `Open the ticket: ${url}\n\nYou can reply to this e-mail; your reply is added to the ticket. Please keep the ticket number in the subject.\n\n-- \nYour service desk`;
}

/** Quotes a reply so that it stands apart from the frame text. */
function quote(body: string): string {
  return body
    .trim()
    .split(/\r?\n/)
    .map((l) => `> ${l}`)
    .join('\n');
}

export function renderMail(t: MailTemplate, locale: MailLocale): { subject: string; text: string } {
  const tk = t.ticket;
  const tag = `[${tk.number}]`;
  const hello = greeting(locale, tk.recipientName);
  const de = locale === 'de';
  switch (t.kind) {
    case 'ticket_created':
      return {
        subject: de ? `${tag} Ihr Ticket wurde angelegt: ${tk.title}` : `${tag} Your ticket has been opened: ${tk.title}`,
        text: de
          ? `${hello}\n\nwir haben Ihr Anliegen „${tk.title}“ unter der Nummer ${tk.number} aufgenommen und melden uns so bald wie möglich.\n\n${footer(locale, tk.url)}`
          : `${hello}\n\nwe have recorded your request "${tk.title}" as ${tk.number} and will get back to you as soon as possible.\n\n${footer(locale, tk.url)}`,
      };
    case 'ticket_replied': {
      const who = t.author ?? (de ? 'Der Service-Desk' : 'The service desk');
      return {
        subject: de ? `${tag} Neue Antwort: ${tk.title}` : `${tag} New reply: ${tk.title}`,
        text: de
          ? `${hello}\n\n${who} hat auf das Ticket ${tk.number} „${tk.title}“ geantwortet:\n\n${quote(t.body)}\n\n${footer(locale, tk.url)}`
          : `${hello}\n\n${who} replied to ticket ${tk.number} "${tk.title}":\n\n${quote(t.body)}\n\n${footer(locale, tk.url)}`,
      };
    }
    case 'ticket_status': {
      const from = STATUS[locale][t.from] ?? t.from;
      const to = STATUS[locale][t.to] ?? t.to;
      return {
        subject: de ? `${tag} Status: ${to} – ${tk.title}` : `${tag} Status: ${to} – ${tk.title}`,
        text: de
          ? `${hello}\n\nder Status des Tickets ${tk.number} „${tk.title}“ hat sich geändert: ${from} → ${to}.\n\n${footer(locale, tk.url)}`
          : `${hello}\n\nthe status of ticket ${tk.number} "${tk.title}" has changed: ${from} → ${to}.\n\n${footer(locale, tk.url)}`,
      };
    }
    case 'sla_warning': {
      const due = berlinDateTime(t.dueAt, locale);
      const what = de ? (t.which === 'response' ? 'Reaktionszeit' : 'Lösungszeit') : t.which === 'response' ? 'response time' : 'resolution time';
      return {
        subject: de ? `${tag} SLA-Warnung (${t.priority}): ${what} endet ${due}` : `${tag} SLA warning (${t.priority}): ${what} ends ${due}`,
        text: de
          ? `${hello}\n\ndie ${what} des Tickets ${tk.number} „${tk.title}“ (Priorität ${t.priority}) endet am ${due} (Europe/Berlin). Bitte kümmern Sie sich darum.\n\nZum Ticket: ${tk.url}`
          : `${hello}\n\nthe ${what} of ticket ${tk.number} "${tk.title}" (priority ${t.priority}) ends on ${due} (Europe/Berlin). Please take care of it.\n\nOpen the ticket: ${tk.url}`,
      };
    }
  }
}
