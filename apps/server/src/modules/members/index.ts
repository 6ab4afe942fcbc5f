export { MembersService, valuesAt } from './members.service.js';
export { LeitwegService } from './leitweg.service.js';
/** Default Leitweg-ID per member (for invoices), in the caller's tenant transaction. */
export { defaults as defaultLeitwegIds } from './leitweg.repository.js';
export { ContactsService } from './contacts.service.js';
export { FromDirectoryService } from './from-directory.service.js';
export { membersRoutes } from './members.routes.js';
export { contactsRoutes } from './contacts.routes.js';
export { validateLeitwegId, makeLeitwegId, leitwegCheckDigits, type LeitwegIdResult } from './leitweg-id.js';
export { ibanError, bicError, vatIdError } from './bank.js';
export { valueAt, allocationCutoff } from './history.js';
export { memberPopulation, memberWorkstations, memberProfiles, leitwegIds, contacts, CONTACT_ROLES } from './members.schema.js';
export { syncPopulationFromDirectory, type PopulationSyncReport } from './population-sync.js';
