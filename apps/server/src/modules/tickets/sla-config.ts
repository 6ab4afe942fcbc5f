import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { areaOfAgs, holidayPredicate } from './holidays.js';
import { DEFAULT_MATRIX, dueDates, pauseIntervals, type Calendar, type SlaDue } from './sla.js';
import { slaProfiles, ticketSettings, type Level, type PausePeriod, type Priority, type SlaProfileRow } from './tickets.schema.js';

export interface ProviderSettings {
  priorityMatrix: Record<Level, Record<Level, Priority>>;
  autoCloseDays: number;
  groups: string[];
}

export const DEFAULT_SETTINGS: ProviderSettings = { priorityMatrix: DEFAULT_MATRIX, autoCloseDays: 7, groups: [] };

/** The provider's desk settings (defaults when it never saved any). */
export async function loadSettings(tx: Tx, providerId: string): Promise<ProviderSettings> {
  const [row] = await tx.select().from(ticketSettings).where(eq(ticketSettings.providerId, providerId)).limit(1);
  return row ? { priorityMatrix: row.priorityMatrix, autoCloseDays: row.autoCloseDays, groups: row.groups } : DEFAULT_SETTINGS;
}

/** Which profile applies: the service's, else the member's default, else the provider default. */
export async function profileFor(tx: Tx, providerId: string, memberId: string, serviceId: string | null): Promise<SlaProfileRow | undefined> {
  const rows = await tx
    .select()
    .from(slaProfiles)
    .where(
      and(
        eq(slaProfiles.providerId, providerId),
        sql`(${serviceId}::uuid = any(${slaProfiles.serviceIds}) or ${memberId}::uuid = any(${slaProfiles.memberIds}) or ${slaProfiles.isDefault})`,
      ),
    );
  const rank = (p: SlaProfileRow) => (serviceId && p.serviceIds.includes(serviceId) ? 0 : p.memberIds.includes(memberId) ? 1 : 2);
  return rows.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))[0];
}

/** The member's AGS (for its Land's holidays); members without one get the nationwide holidays. */
export async function agsOf(tx: Tx, orgId: string): Promise<string | null> {
  // Walk up: a Gemeinde of a VG has its own AGS; a VG or Zweckverband may not, its parent might.
  const res = await tx.execute<{ ags: string | null }>(sql`
    with recursive up as (
      select id, parent_id, ags, 0 as depth from organisations where id = ${orgId}
      union all
      select o.id, o.parent_id, o.ags, up.depth + 1 from organisations o join up on o.id = up.parent_id where up.ags is null and up.depth < 5
    )
    select ags from up where ags is not null order by depth limit 1`);
  return res.rows[0]?.ags ?? null;
}

export function calendarOf(profile: Pick<SlaProfileRow, 'hours' | 'observeHolidays'>, ags: string | null): Calendar {
  const holidays = holidayPredicate(areaOfAgs(ags));
  return { hours: profile.hours, isHoliday: profile.observeHolidays ? holidays : () => false };
}

/** Due dates of a ticket under its profile, counting the pauses so far (an open one is still running). */
export function computeDue(
  profile: SlaProfileRow | undefined,
  ags: string | null,
  openedAt: Date,
  priority: Priority,
  pauses: readonly PausePeriod[],
): SlaDue {
  if (!profile) {
    return { responseDueAt: null, resolutionDueAt: null };
  }
  return dueDates(openedAt, priority, profile.targets, calendarOf(profile, ags), pauseIntervals(pauses));
}
