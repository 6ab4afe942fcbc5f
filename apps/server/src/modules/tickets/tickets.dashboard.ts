import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ForbiddenError } from '../../platform/http/errors.js';

/*
 * The service desk dashboard of a provider's staff: open tickets by priority and by member, tickets
 * whose SLA is at risk, and created vs solved per week. Read-only queries over the tickets tables,
 * in the caller's tenant transaction (RLS limits them to visible members); kept beside the tickets
 * module by its owner's leave, written by the mail/knowledge helper.
 */

export const DashboardQuery = z.object({
  /** Weeks of the created/solved chart (Monday to Sunday, Europe/Berlin). */
  weeks: z.coerce.number().int().min(4).max(52).default(12),
  /** "At risk": open and due within this many hours (or overdue). */
  riskHours: z.coerce.number().int().min(1).max(168).default(8),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Priority = z.enum(['P1', 'P2', 'P3', 'P4']);

export const DashboardResponse = z.object({
  generatedAt: z.iso.datetime(),
  openTotal: z.number().int(),
  openByPriority: z.array(z.object({ priority: Priority, count: z.number().int() })),
  openByMember: z.array(
    z.object({
      memberId: z.uuid(),
      memberName: z.string(),
      total: z.number().int(),
      P1: z.number().int(),
      P2: z.number().int(),
      P3: z.number().int(),
      P4: z.number().int(),
    }),
  ),
  slaAtRisk: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      title: z.string(),
      memberName: z.string(),
      priority: Priority,
      status: z.string(),
      /** Which target is next: the first response or the resolution. */
      which: z.enum(['response', 'resolution']),
      dueAt: z.iso.datetime(),
      overdue: z.boolean(),
    }),
  ),
  createdVsSolved: z.array(z.object({ weekStart: z.iso.date(), created: z.number().int(), solved: z.number().int() })),
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;

const OPEN = sql.raw(`('new', 'assigned', 'in_progress', 'waiting')`);

/** Providers on which the caller works tickets (ticket.read held on the provider organisation itself). */
async function staffProviders(tx: Tx, auth: AuthContext): Promise<string[]> {
  const held = orgsWith(auth, 'ticket.read');
  if (held.length === 0) {
    return [];
  }
  const res = await tx.execute<{ id: string }>(sql`select id from organisations where kind = 'provider' and id = any(${`{${held.join(',')}}`}::uuid[])`);
  return res.rows.map((r) => r.id);
}

export class TicketsDashboardService {
  constructor(private readonly db: Db) {}

  async dashboard(auth: AuthContext, q: DashboardQuery, now = new Date()): Promise<DashboardResponse> {
    access.requireAnywhere(auth, 'ticket.read');
    return withTenant(this.db, auth, async (tx) => {
      const providers = await staffProviders(tx, auth);
      if (providers.length === 0) {
        throw new ForbiddenError('The service desk dashboard is for the provider’s staff.');
      }
      const prov = sql`${`{${providers.join(',')}}`}::uuid[]`;
      const vis = sql`${`{${auth.orgIds.join(',')}}`}::uuid[]`;
      const scope = sql`t.provider_id = any(${prov}) and t.org_id = any(${vis})`;
      const byPriority = await tx.execute<{ priority: 'P1' | 'P2' | 'P3' | 'P4'; n: number }>(
        sql`select t.priority, count(*)::int as n from tickets t where ${scope} and t.status in ${OPEN} group by t.priority`,
      );
      const byMember = await tx.execute<{ org_id: string; name: string; total: number; p1: number; p2: number; p3: number; p4: number }>(sql`
        select t.org_id, o.name, count(*)::int as total,
               count(*) filter (where t.priority = 'P1')::int as p1, count(*) filter (where t.priority = 'P2')::int as p2,
               count(*) filter (where t.priority = 'P3')::int as p3, count(*) filter (where t.priority = 'P4')::int as p4
          from tickets t join organisations o on o.id = t.org_id
         where ${scope} and t.status in ${OPEN}
         group by t.org_id, o.name order by total desc, o.name limit 15`);
      const horizon = new Date(now.getTime() + q.riskHours * 3_600_000).toISOString();
      // Waiting tickets are paused: their clock does not run, so they are not at risk.
      const risk = await tx.execute<{ id: string; number: string; title: string; name: string; priority: 'P1' | 'P2' | 'P3' | 'P4'; status: string; which: 'response' | 'resolution'; due: Date | string }>(sql`
        select * from (
          select t.id, t.number, t.title, o.name, t.priority, t.status,
                 case when t.first_response_at is null and t.response_due_at is not null and t.response_due_at < coalesce(t.resolution_due_at, 'infinity')
                      then 'response' else 'resolution' end as which,
                 case when t.first_response_at is null and t.response_due_at is not null and t.response_due_at < coalesce(t.resolution_due_at, 'infinity')
                      then t.response_due_at else t.resolution_due_at end as due
            from tickets t join organisations o on o.id = t.org_id
           where ${scope} and t.status in ('new', 'assigned', 'in_progress')
        ) x where x.due is not null and x.due <= ${horizon}::timestamptz
        order by x.due limit 25`);
      const weeks = await tx.execute<{ week: string; created: number; solved: number }>(sql`
        with w as (
          select generate_series(
                   date_trunc('week', (${now.toISOString()}::timestamptz at time zone 'Europe/Berlin')) - make_interval(weeks => ${q.weeks - 1}),
                   date_trunc('week', (${now.toISOString()}::timestamptz at time zone 'Europe/Berlin')),
                   interval '1 week') as week
        )
        select to_char(w.week, 'YYYY-MM-DD') as week,
               (select count(*)::int from tickets t where ${scope}
                  and t.created_at >= (w.week at time zone 'Europe/Berlin') and t.created_at < ((w.week + interval '1 week') at time zone 'Europe/Berlin')) as created,
               (select count(*)::int from tickets t where ${scope}
                  and t.resolved_at >= (w.week at time zone 'Europe/Berlin') and t.resolved_at < ((w.week + interval '1 week') at time zone 'Europe/Berlin')) as solved
          from w order by w.week`);
      const counts = new Map(byPriority.rows.map((r) => [r.priority, r.n]));
      return {
        generatedAt: now.toISOString(),
        openTotal: byPriority.rows.reduce((s, r) => s + r.n, 0),
        openByPriority: (['P1', 'P2', 'P3', 'P4'] as const).map((p) => ({ priority: p, count: counts.get(p) ?? 0 })),
        openByMember: byMember.rows.map((r) => ({ memberId: r.org_id, memberName: r.name, total: r.total, P1: r.p1, P2: r.p2, P3: r.p3, P4: r.p4 })),
        slaAtRisk: risk.rows.map((r) => {
          const due = new Date(r.due);
          return { id: r.id, number: r.number, title: r.title, memberName: r.name, priority: r.priority, status: r.status, which: r.which, dueAt: due.toISOString(), overdue: due.getTime() < now.getTime() };
        }),
        createdVsSolved: weeks.rows.map((r) => ({ weekStart: r.week, created: r.created, solved: r.solved })),
      };
    });
  }
}
