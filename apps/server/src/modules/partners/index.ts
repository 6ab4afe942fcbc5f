export { PartnersService } from './partners.service.js';
export { partnersRoutes } from './partners.routes.js';
export { partnerLinks, type PartnerLinkRow } from './partners.schema.js';
export * as partnersRepository from './partners.repository.js';
