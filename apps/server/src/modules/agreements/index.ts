export { AgreementsService, columnsOf, type OnboardingStarter } from './agreements.service.js';
export { effectiveEndDate, addDays, addMonths } from './agreement-lifecycle.js';
export { agreementsRoutes } from './agreements.routes.js';
export { DocumentsService } from './documents.service.js';
export { documentsRoutes } from './documents.routes.js';
export { agreements, documents, type AgreementRow, type DocumentRow } from './agreements.schema.js';
export { membershipsOf, agreementStatusesOf, type Membership } from './memberships.js';
