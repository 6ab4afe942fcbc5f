// Every Drizzle table of the app, for the typed client and drizzle-kit.
export * from '../../modules/organisations/organisations.schema.js';
export * from '../../modules/users/users.schema.js';
export * from '../auth/auth.schema.js';
export * from '../audit/audit.schema.js';
export * from '../../modules/agreements/agreements.schema.js';
export * from '../../modules/onboarding/onboarding.schema.js';
export * from '../../modules/partners/partners.schema.js';
export * from '../../modules/reference/reference.schema.js';
export * from '../../modules/members/members.schema.js';
export * from '../../modules/sites/sites.schema.js';
export * from '../../modules/assets/assets.schema.js';
export * from '../../modules/tickets/tickets.schema.js';
export * from '../../modules/knowledge/knowledge.schema.js';
export * from '../../modules/mail/mail.schema.js';
export * from '../../modules/catalog/catalog.schema.js';
export * from '../../modules/billing/billing.schema.js';
export * from '../../modules/backups/backups.schema.js';
