import { and, eq, sql, type SQL } from 'drizzle-orm';
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
    .where(and(eq(slaProfiles.providerId, providerId), candidateProfiles(sql`${slaProfiles.serviceIds}`, sql`${slaProfiles.memberIds}`, sql`${slaProfiles.isDefault}`, memberId, serviceId)));
  return pickProfile(rows, memberId, serviceId);
}

function candidateProfiles(serviceIds: SQL, memberIds: SQL, isDefault: SQL, memberId: string, serviceId: string | null): SQL {
  return sql`(${serviceId}::uuid = any(${serviceIds}) or ${memberId}::uuid = any(${memberIds}) or ${isDefault})`;
}

/** Among the candidates: the service's first, then the member's, then the default; by name within a rank. */
export function pickProfile(rows: SlaProfileRow[], memberId: string, serviceId: string | null): SlaProfileRow | undefined {
  const rank = (p: SlaProfileRow) => (serviceId && p.serviceIds.includes(serviceId) ? 0 : p.memberIds.includes(memberId) ? 1 : 2);
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))[0];
}

/** Everything opening a ticket reads before it writes, from one statement (see openingContext). */
export interface OpeningContext {
  providerId: string;
  kind: string;
  orgName: string;
  ags: string | null;
  settings: ProviderSettings;
  profile: SlaProfileRow | undefined;
  /** The requesting user, when the create names one and does not override the name. */
  requester: { id: string; name: string; email: string; locale: string; active: boolean } | null;
  assigneeName: string | null;
  categoryName: string | null;
  /**
   * The ticket's place in the provider's numbering for the year, drawn here (members only) so that
   * the ticket and everything written about it go out in one statement; see ticketNumber.
   */
  seq: string | null;
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/**
 * The member, its AGS, the provider's desk settings and candidate SLA profiles, the names the new
 * ticket shows and its number, in one round trip instead of seven: every statement of a create costs a round
 * trip and the tenant functions on each table it reads. The member comes through verbund_org_brief
 * (migration 0039: the scope check on one id, not the policy's set of all). Undefined when the
 * organisation is not visible. Same rules as loadSettings, profileFor and agsOf.
 */
export async function openingContext(
  tx: Tx,
  orgId: string,
  refs: { serviceId: string | null; requesterUserId: string | null; assigneeId: string | null; categoryId: string | null; year: number },
): Promise<OpeningContext | undefined> {
  const res = await tx.execute<{
    provider_id: string;
    kind: string;
    name: string;
    ags: string | null;
    settings: unknown;
    profiles: unknown;
    requester: unknown;
    assignee_name: string | null;
    category_name: string | null;
    seq: string | null;
  }>(sql`
    select o.provider_id, o.kind, o.name,
      case when o.kind = 'member' then verbund_next_ticket_seq(o.provider_id, ${refs.year}::int)::text end as seq,
      o.ags,
      (select json_build_object('priorityMatrix', s.priority_matrix, 'autoCloseDays', s.auto_close_days, 'groups', s.groups)
         from ticket_settings s where s.provider_id = o.provider_id) as settings,
      (select json_agg(json_build_object('id', p.id, 'providerId', p.provider_id, 'name', p.name, 'hours', p.hours, 'targets', p.targets,
                 'observeHolidays', p.observe_holidays, 'warnBeforeMinutes', p.warn_before_minutes, 'isDefault', p.is_default,
                 'serviceIds', p.service_ids, 'memberIds', p.member_ids, 'createdAt', p.created_at, 'updatedAt', p.updated_at))
         from sla_profiles p
        where p.provider_id = o.provider_id and ${candidateProfiles(sql`p.service_ids`, sql`p.member_ids`, sql`p.is_default`, orgId, refs.serviceId)}) as profiles,
      (select json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'locale', u.locale, 'active', u.active) from users u where u.id = ${refs.requesterUserId}) as requester,
      (select u.name from users u where u.id = ${refs.assigneeId}) as assignee_name,
      (select c.name from ticket_categories c where c.id = ${refs.categoryId}) as category_name
    from verbund_org_brief(${orgId}) o`);
  const row = res.rows[0];
  if (!row) {
    return undefined;
  }
  const profiles = (json<(Omit<SlaProfileRow, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string })[] | null>(row.profiles) ?? []).map((p) => ({
    ...p,
    createdAt: new Date(p.createdAt),
    updatedAt: new Date(p.updatedAt),
  }));
  return {
    providerId: row.provider_id,
    kind: row.kind,
    orgName: row.name,
    ags: row.ags,
    settings: json<ProviderSettings | null>(row.settings) ?? DEFAULT_SETTINGS,
    profile: pickProfile(profiles, orgId, refs.serviceId),
    requester: json<OpeningContext['requester']>(row.requester),
    assigneeName: row.assignee_name,
    categoryName: row.category_name,
    seq: row.seq,
  };
}

/**
 * The member's AGS (for its Land's holidays), else its nearest ancestor's, which the caller may not
 * see (migration 0036); members without one get the nationwide holidays.
 */
export async function agsOf(tx: Tx, orgId: string): Promise<string | null> {
  const res = await tx.execute<{ ags: string | null }>(sql`select verbund_ags_of(${orgId}) as ags`);
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
