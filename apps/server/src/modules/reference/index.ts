export { ReferenceService } from './reference.service.js';
export { referenceRoutes } from './reference.routes.js';
export { checkOrganisationKeys } from './keys.js';
export { importDirectory, ensureDirectory, formatReport, type ImportReport } from './reference.import.js';
export { DEFAULT_DIRECTORY_DIR, readDirectory, DirectoryFormatError } from './reference.csv.js';
export { foldName, foldNameAlt } from './normalize.js';
export * as referenceRepository from './reference.repository.js';
export type { RefGemeindeRow, RefVerbandRow, RefKreisRow } from './reference.schema.js';
export { LANDGEMEINDEN, isLandgemeinde } from './landgemeinden.js';
