export { OrganisationsService, type AgreementOrgFilter } from './organisations.service.js';
export { organisationsRoutes } from './organisations.routes.js';
export { organisations, type OrganisationRow } from './organisations.schema.js';
export * as organisationsRepository from './organisations.repository.js';
