export { MailService } from './mail.service.js';
export { mailRoutes } from './mail.routes.js';
export { registerMailNotifications, notify } from './notifications.js';
export { deliverDue, startSender, type DeliveryReport } from './sender.js';
export { smtpTransport, type MailTransport } from './transport.js';
export { startMailIn } from './smtp-listener.js';
export { receiveMail, NoProviderError, type InboundMail } from './inbound.js';
export { mailOutbox, mailInbound, type OutboxRow, type InboundRow } from './mail.schema.js';
export { renderMail, localeOf } from './templates.js';
// For other modules' notices (grant deadlines): rows written in the caller's transaction.
export { enqueue as enqueueMail } from './outbox.repository.js';
