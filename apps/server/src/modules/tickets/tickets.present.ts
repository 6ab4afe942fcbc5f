import type { AuthContext } from '../../platform/auth/auth.context.js';
import { renderMarkdown } from '../knowledge/index.js';
import { gdprDeadline, type SlaState } from './sla.js';
import { allowedNext, allowedNextForMember } from './ticket-workflow.js';
import type { TicketResponse, TicketSummary } from './tickets.dto.js';
import type { TicketDetailRow, TicketListRow } from './tickets.repository.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * SLA state of one due date for lists: met/breached are exact; the warning window is measured in
 * wall-clock minutes here (the sla-check job warns in business time).
 */
export function quickState(due: Date | null, doneAt: Date | null, now: Date, warnMinutes: number, paused: boolean): SlaState {
  if (!due) {
    return 'none';
  }
  if (doneAt) {
    return doneAt <= due ? 'met' : 'breached';
  }
  if (now > due) {
    return 'breached';
  }
  if (paused) {
    return 'paused';
  }
  return +due - +now <= warnMinutes * 60_000 ? 'warning' : 'ok';
}

function has(auth: AuthContext, orgId: string, p: 'ticket.manage' | 'ticket.internal' | 'ticket.create'): boolean {
  return auth.permissions.get(orgId)?.has(p) ?? false;
}

export function presentSummary(r: TicketListRow, now: Date): TicketSummary {
  const paused = r.status === 'waiting';
  const warn = r.warnBeforeMinutes ?? 60;
  return {
    id: r.id,
    number: r.number,
    orgId: r.orgId,
    orgName: r.orgName,
    type: r.type,
    title: r.title,
    status: r.status,
    priority: r.priority,
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeName,
    groupName: r.groupName,
    requesterName: r.requesterName,
    tags: r.tags,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    sla: {
      profileId: r.slaProfileId,
      profileName: r.profileName,
      responseDueAt: iso(r.responseDueAt),
      resolutionDueAt: iso(r.resolutionDueAt),
      response: quickState(r.responseDueAt, r.firstResponseAt, now, warn, paused),
      resolution: quickState(r.resolutionDueAt, r.resolvedAt ?? r.closedAt, now, warn, paused),
      paused,
    },
  };
}

export function presentTicket(auth: AuthContext, r: TicketDetailRow, now = new Date()): TicketResponse {
  const manage = has(auth, r.orgId, 'ticket.manage');
  const s = r.security;
  return {
    ...presentSummary(r, now),
    providerId: r.providerId,
    description: r.description,
    descriptionHtml: renderMarkdown(r.description),
    impact: r.impact,
    urgency: r.urgency,
    serviceId: r.serviceId,
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    requesterUserId: r.requesterUserId,
    requesterContactId: r.requesterContactId,
    requesterEmail: r.requesterEmail,
    watcherIds: r.watcherIds,
    channel: r.channel,
    firstResponseAt: iso(r.firstResponseAt),
    assignedAt: iso(r.assignedAt),
    inProgressAt: iso(r.inProgressAt),
    waitingSince: iso(r.waitingSince),
    resolvedAt: iso(r.resolvedAt),
    closedAt: iso(r.closedAt),
    reopenedAt: iso(r.reopenedAt),
    reopenCount: r.reopenCount,
    security: s
      ? {
          detectedAt: s.detectedAt,
          affectedSystems: s.affectedSystems,
          affectedMemberIds: s.affectedMemberIds,
          personalData: s.personalData,
          reportedAt: s.reportedAt,
          authorityNotifiedAt: s.authorityNotifiedAt,
          gdprDeadline: s.personalData && s.detectedAt ? gdprDeadline(new Date(s.detectedAt)).toISOString() : null,
          checklist: s.checklist,
        }
      : null,
    allowedTransitions: [...(manage ? allowedNext(r.status) : allowedNextForMember(r.status))],
    abilities: {
      update: manage,
      comment: r.status !== 'closed' && (manage || has(auth, r.orgId, 'ticket.create')),
      internalNote: has(auth, r.orgId, 'ticket.internal'),
      attach: r.status !== 'closed' && (manage || has(auth, r.orgId, 'ticket.create')),
      link: manage,
    },
  };
}
