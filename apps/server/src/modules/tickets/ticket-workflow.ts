import type { TicketStatus } from './tickets.schema.js';

/**
 * The ticket workflow: new → assigned → in_progress ⇄ waiting (SLA paused) → resolved → closed.
 * A resolved ticket can be reopened (back to in_progress); closed is final (a new ticket links to
 * it). Agents may resolve from any open state; a new ticket may be closed directly (spam,
 * duplicate).
 */
const NEXT: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['assigned', 'in_progress', 'waiting', 'resolved', 'closed'],
  assigned: ['new', 'in_progress', 'waiting', 'resolved'],
  in_progress: ['assigned', 'waiting', 'resolved'],
  waiting: ['in_progress', 'resolved'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};

export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'assigned', 'in_progress', 'waiting'];

export function allowedNext(status: TicketStatus): readonly TicketStatus[] {
  return NEXT[status];
}

/** What a member (requester side) may do: confirm a resolution (close) or reopen it. */
export function allowedNextForMember(status: TicketStatus): readonly TicketStatus[] {
  return status === 'resolved' ? ['in_progress', 'closed'] : [];
}

export function canMove(from: TicketStatus, to: TicketStatus): boolean {
  return NEXT[from].includes(to);
}

export interface TransitionStamp {
  status: TicketStatus;
  assignedAt?: Date;
  inProgressAt?: Date;
  waitingSince?: Date | null;
  resolvedAt?: Date | null;
  closedAt?: Date;
  reopenedAt?: Date;
}

/** Column values a move stamps (the time of each step is kept). */
export function stamp(from: TicketStatus, to: TicketStatus, at: Date): TransitionStamp {
  const s: TransitionStamp = { status: to };
  if (to === 'assigned') {
    s.assignedAt = at;
  }
  if (to === 'in_progress') {
    s.inProgressAt = at;
  }
  if (to === 'waiting') {
    s.waitingSince = at;
  } else if (from === 'waiting') {
    s.waitingSince = null;
  }
  if (to === 'resolved') {
    s.resolvedAt = at;
  }
  if (to === 'closed') {
    s.closedAt = at;
  }
  if (from === 'resolved' && to === 'in_progress') {
    s.reopenedAt = at;
    s.resolvedAt = null;
  }
  return s;
}
