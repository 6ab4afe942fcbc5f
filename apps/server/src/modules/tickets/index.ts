/**
 * The service desk's public face. Other modules (e-mail, backups, dashboards) use these functions
 * in their own transaction; see /tmp/verbund-notes/tickets-contract.md for the semantics.
 */
export {
  createTicket,
  addComment,
  findTicketByNumber,
  onTicketEvent,
  openOrUpdateSystemTicket,
  moveStatus,
  canSee,
  type TicketActor,
  type SystemActor,
  type TicketCreateInput,
  type CommentInput,
  type SystemTicketInput,
  type TicketEvent,
  type TicketEventListener,
  type TicketSnapshot,
  type NewTicket,
} from './tickets.core.js';
export { OPEN_STATUSES, allowedNext } from './ticket-workflow.js';
export {
  tickets,
  ticketComments,
  ticketEvents,
  ticketAttachments,
  ticketLinks,
  slaProfiles,
  ticketCategories,
  ticketSettings,
  TICKET_TYPES,
  TICKET_STATUSES,
  PRIORITIES,
  type TicketRow,
  type TicketCommentRow,
  type TicketStatus,
  type TicketType,
  type Priority,
  type Visibility,
} from './tickets.schema.js';
export { TicketsService } from './tickets.service.js';
export { TicketExtrasService } from './ticket-extras.service.js';
export { DeskConfigService } from './desk-config.service.js';
export { SlaReportService } from './sla-report.js';
export { ticketsRoutes } from './tickets.routes.js';
export { deskConfigRoutes } from './desk-config.routes.js';
export { autoClose, slaCheck } from './tickets.jobs.js';
