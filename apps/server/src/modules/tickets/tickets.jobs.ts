import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { withSystem } from '../../platform/db/tenant.js';
import { businessMinutesBetween } from './sla.js';
import { agsOf, calendarOf, loadSettings } from './sla-config.js';
import { emit, lockTicket, moveStatus, snapshot, timeline, type SystemActor } from './tickets.core.js';
import { slaProfiles, ticketEvents, tickets } from './tickets.schema.js';

const JOB: SystemActor = { kind: 'system', name: 'Service-Desk' };

/**
 * Closes resolved tickets after the provider's auto-close delay (days since resolution without a
 * reopen). Run it from cron or a timer: `verbund tickets auto-close`. Returns the closed numbers.
 */
export async function autoClose(db: Db, now = new Date()): Promise<string[]> {
  const providers = await withSystem(db, (tx) =>
    tx.selectDistinct({ providerId: tickets.providerId }).from(tickets).where(eq(tickets.status, 'resolved')),
  );
  const closed: string[] = [];
  for (const { providerId } of providers) {
    await withSystem(db, async (tx) => {
      const { autoCloseDays } = await loadSettings(tx, providerId);
      const cutoff = new Date(+now - autoCloseDays * 86_400_000);
      const due = await tx
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(eq(tickets.providerId, providerId), eq(tickets.status, 'resolved'), sql`${tickets.resolvedAt} < ${cutoff.toISOString()}::timestamptz`))
        .limit(5000);
      for (const { id } of due) {
        const t = await lockTicket(tx, id);
        if (t.status === 'resolved') {
          await moveStatus(tx, JOB, t, 'closed', { reason: 'auto_close', at: now, skipCheck: true });
          closed.push(t.number);
        }
      }
    });
  }
  return closed;
}

/**
 * Warns once per ticket and target (response, resolution) when the due date is within the
 * profile's warning window in business time, or already passed: a `sla_warning` event for the
 * e-mail module and an internal timeline entry. `verbund tickets sla-check`, every few minutes.
 */
export async function slaCheck(db: Db, now = new Date()): Promise<{ id: string; number: string; which: 'response' | 'resolution' }[]> {
  return withSystem(db, async (tx) => {
    const horizon = new Date(+now + 7 * 86_400_000).toISOString();
    const rows = await tx
      .select({ t: tickets, hours: slaProfiles.hours, observeHolidays: slaProfiles.observeHolidays, warn: slaProfiles.warnBeforeMinutes })
      .from(tickets)
      .innerJoin(slaProfiles, eq(slaProfiles.id, tickets.slaProfileId))
      .where(
        and(
          sql`${tickets.status} in ('new', 'assigned', 'in_progress')`,
          sql`((${tickets.firstResponseAt} is null and ${tickets.responseDueAt} < ${horizon}::timestamptz) or ${tickets.resolutionDueAt} < ${horizon}::timestamptz)`,
          sql`not exists (select 1 from ticket_events e where e.ticket_id = ${tickets.id} and e.kind = 'sla_warning' and e.data->>'which' = 'resolution')`,
        ),
      )
      .limit(2000);
    const warned: { id: string; number: string; which: 'response' | 'resolution' }[] = [];
    const agsCache = new Map<string, string | null>();
    for (const { t, hours, observeHolidays, warn } of rows) {
      if (!agsCache.has(t.orgId)) {
        agsCache.set(t.orgId, await agsOf(tx, t.orgId));
      }
      const cal = calendarOf({ hours, observeHolidays }, agsCache.get(t.orgId) ?? null);
      const candidates: ['response' | 'resolution', Date | null][] = [
        ['response', t.firstResponseAt ? null : t.responseDueAt],
        ['resolution', t.resolutionDueAt],
      ];
      for (const [which, due] of candidates) {
        if (!due || (due > now && businessMinutesBetween(now, due, cal) > warn)) {
          continue;
        }
        const [seen] = await tx
          .select({ id: ticketEvents.id })
          .from(ticketEvents)
          .where(and(eq(ticketEvents.ticketId, t.id), eq(ticketEvents.kind, 'sla_warning'), sql`${ticketEvents.data}->>'which' = ${which}`))
          .limit(1);
        if (seen) {
          continue;
        }
        await timeline(tx, JOB, t, 'sla_warning', { which, dueAt: due.toISOString(), breached: due <= now }, 'internal', now);
        await tx.update(tickets).set({ slaWarnedAt: now }).where(eq(tickets.id, t.id));
        await emit(tx, { type: 'sla_warning', ticket: snapshot(t), which, dueAt: due });
        warned.push({ id: t.id, number: t.number, which });
      }
    }
    return warned;
  });
}
