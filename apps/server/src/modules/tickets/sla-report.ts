import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import type { Db } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { HttpError, NotFoundError } from '../../platform/http/errors.js';
import { berlinInstant, businessMinutesBetween, median, pauseIntervals } from './sla.js';
import { agsOf, calendarOf } from './sla-config.js';
import { seesAllOf } from './tickets.core.js';
import { slaProfiles, tickets, PRIORITIES, type Priority } from './tickets.schema.js';
import type { DeskConfigService } from './desk-config.service.js';

interface Tally {
  tickets: number;
  responseMet: number;
  responseBreached: number;
  resolutionMet: number;
  resolutionBreached: number;
  response: number[];
  resolution: number[];
}

const pct = (met: number, breached: number) => (met + breached === 0 ? null : Math.round((met / (met + breached)) * 1000) / 10);

/**
 * SLA report of the tickets opened in one month (Europe/Berlin) for one member, or for every member
 * the caller sees in full: per priority the share of response and resolution targets met (of those
 * already decided) and the median business times.
 */
export class SlaReportService {
  constructor(
    private readonly db: Db,
    private readonly config: DeskConfigService,
  ) {}

  async report(auth: AuthContext, q: { member?: string; month: string; provider?: string }, now = new Date()) {
    access.requireAnywhere(auth, 'ticket.read');
    return withTenant(this.db, auth, async (tx) => {
      let member: { id: string; name: string } | null = null;
      let orgFilter;
      if (q.member) {
        await access.require(tx, auth, 'ticket.read', [q.member]);
        if (!seesAllOf(auth, q.member)) {
          throw new HttpError(403, 'Forbidden', 'The SLA report of an organisation is for its administrators and the provider.');
        }
        const res = await tx.execute<{ name: string; kind: string }>(sql`select name, kind from organisations where id = ${q.member}`);
        if (!res.rows[0] || res.rows[0].kind !== 'member') {
          throw new NotFoundError();
        }
        member = { id: q.member, name: res.rows[0].name };
        orgFilter = eq(tickets.orgId, q.member);
      } else {
        const providerId = await this.config.providerFor(tx, auth, q.provider);
        const all = auth.orgIds.filter((o) => (auth.permissions.get(o)?.has('ticket.read') ?? false) && seesAllOf(auth, o));
        if (!all.includes(providerId)) {
          throw new HttpError(403, 'Forbidden', 'Name a member (?member=) for its report.');
        }
        orgFilter = eq(tickets.providerId, providerId);
      }
      const [y, m] = q.month.split('-').map(Number) as [number, number];
      const from = new Date(berlinInstant(`${q.month}-01`, 0));
      const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      const to = new Date(berlinInstant(next, 0));
      const rows = await tx
        .select({
          orgId: tickets.orgId,
          priority: tickets.priority,
          createdAt: tickets.createdAt,
          responseDueAt: tickets.responseDueAt,
          resolutionDueAt: tickets.resolutionDueAt,
          firstResponseAt: tickets.firstResponseAt,
          resolvedAt: tickets.resolvedAt,
          closedAt: tickets.closedAt,
          pauses: tickets.pauses,
          hours: slaProfiles.hours,
          observeHolidays: slaProfiles.observeHolidays,
        })
        .from(tickets)
        .leftJoin(slaProfiles, eq(slaProfiles.id, tickets.slaProfileId))
        .where(and(orgFilter, gte(tickets.createdAt, from), lt(tickets.createdAt, to)));
      const agsCache = new Map<string, string | null>();
      const tallies = new Map<Priority | 'all', Tally>();
      const tally = (k: Priority | 'all') => {
        let t = tallies.get(k);
        if (!t) {
          t = { tickets: 0, responseMet: 0, responseBreached: 0, resolutionMet: 0, resolutionBreached: 0, response: [], resolution: [] };
          tallies.set(k, t);
        }
        return t;
      };
      for (const r of rows) {
        if (!agsCache.has(r.orgId)) {
          agsCache.set(r.orgId, await agsOf(tx, r.orgId));
        }
        const cal = r.hours ? calendarOf({ hours: r.hours, observeHolidays: r.observeHolidays ?? true }, agsCache.get(r.orgId) ?? null) : null;
        const pauses = pauseIntervals(r.pauses, now);
        const resolved = r.resolvedAt ?? r.closedAt;
        for (const t of [tally(r.priority), tally('all')]) {
          t.tickets++;
          if (r.responseDueAt) {
            if (r.firstResponseAt) {
              t[r.firstResponseAt <= r.responseDueAt ? 'responseMet' : 'responseBreached']++;
            } else if (now > r.responseDueAt) {
              t.responseBreached++;
            }
          }
          if (r.resolutionDueAt) {
            if (resolved) {
              t[resolved <= r.resolutionDueAt ? 'resolutionMet' : 'resolutionBreached']++;
            } else if (now > r.resolutionDueAt) {
              t.resolutionBreached++;
            }
          }
          if (cal && r.firstResponseAt) {
            t.response.push(businessMinutesBetween(r.createdAt, r.firstResponseAt, cal, pauses));
          }
          if (cal && resolved) {
            t.resolution.push(businessMinutesBetween(r.createdAt, resolved, cal, pauses));
          }
        }
      }
      const out = [...PRIORITIES, 'all' as const].map((p) => {
        const t = tally(p);
        return {
          priority: p,
          tickets: t.tickets,
          responseMet: t.responseMet,
          responseBreached: t.responseBreached,
          responseMetPct: pct(t.responseMet, t.responseBreached),
          resolutionMet: t.resolutionMet,
          resolutionBreached: t.resolutionBreached,
          resolutionMetPct: pct(t.resolutionMet, t.resolutionBreached),
          medianResponseMinutes: median(t.response),
          medianResolutionMinutes: median(t.resolution),
        };
      });
      return { month: q.month, member, rows: out };
    });
  }
}
