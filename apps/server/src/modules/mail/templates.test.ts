import { describe, expect, it } from 'vitest';
import { afterAttempt, MAX_ATTEMPTS } from './backoff.js';
import { berlinDateTime, localeOf, renderMail, type MailTemplate } from './templates.js';

const ticket = { number: 'T-2026-000042', title: 'Drucker im Bürgerbüro druckt nicht', url: 'https://verbund.example/tickets/1', recipientName: 'Erika Muster' };

describe('mail templates', () => {
  it('renders every kind in German and English with the ticket number in the subject', () => {
    const kinds: MailTemplate[] = [
      { kind: 'ticket_created', ticket },
      { kind: 'ticket_replied', ticket, author: 'Max Agent', body: 'Bitte starten Sie den Drucker neu.\nDanke!' },
      { kind: 'ticket_status', ticket, from: 'in_progress', to: 'resolved' },
      { kind: 'sla_warning', ticket, which: 'resolution', dueAt: new Date('2026-10-30T14:00:00Z'), priority: 'P2' },
    ];
    for (const k of kinds) {
      for (const locale of ['de', 'en'] as const) {
        const m = renderMail(k, locale);
        expect(m.subject.startsWith('[T-2026-000042] ')).toBe(true);
        expect(m.text).toContain('https://verbund.example/tickets/1');
      }
    }
    expect(renderMail(kinds[0]!, 'de').text).toMatch(/^Guten Tag Erika Muster,/);
    expect(renderMail(kinds[0]!, 'en').text).toMatch(/^Hello Erika Muster,/);
    expect(renderMail(kinds[1]!, 'de').text).toContain('> Bitte starten Sie den Drucker neu.\n> Danke!');
    expect(renderMail(kinds[2]!, 'de').subject).toBe('[T-2026-000042] Status: Gelöst – Drucker im Bürgerbüro druckt nicht');
    expect(renderMail(kinds[2]!, 'en').text).toContain('In progress → Resolved');
    // 14:00 UTC on 30 October 2026 is 15:00 in Berlin (CET after the switch on 25 October).
    expect(renderMail(kinds[3]!, 'de').subject).toBe('[T-2026-000042] SLA-Warnung (P2): Lösungszeit endet 30.10.2026, 15:00');
  });

  it('picks the locale of the recipient, German by default', () => {
    expect(localeOf('en')).toBe('en');
    expect(localeOf('en-GB')).toBe('en');
    expect(localeOf('de')).toBe('de');
    expect(localeOf(null)).toBe('de');
    expect(berlinDateTime(new Date('2026-07-01T10:00:00Z'), 'de')).toBe('01.07.2026, 12:00');
  });
});

describe('delivery backoff', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('retries with growing pauses, then fails', () => {
    expect(afterAttempt(1, null, now)).toEqual({ status: 'sent' });
    expect(afterAttempt(1, { responseCode: 421 }, now)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-01-01T00:01:00Z') });
    expect(afterAttempt(2, {}, now)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-01-01T00:05:00Z') });
    expect(afterAttempt(5, {}, now)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-01-01T04:00:00Z') });
    expect(afterAttempt(MAX_ATTEMPTS, {}, now)).toEqual({ status: 'failed' });
  });
  it('fails at once on a permanent refusal', () => {
    expect(afterAttempt(1, { responseCode: 550 }, now)).toEqual({ status: 'failed' });
  });
});
