/**
 * @verbund/einvoice — read, write and validate EN 16931 / XRechnung 3.0 invoices
 * (UBL 2.1 Invoice and CreditNote, UN/CEFACT CII D16B). Pure library: no I/O.
 */
export type * from './model/types.js';
export * as decimal from './model/decimal.js';
export { readInvoice, type ReadResult } from './read/index.js';
export { detectSpecification, SPEC, type Specification } from './read/detect.js';
export { writeXRechnung, DEFAULT_PROCESS_ID, type WriteOptions, type WriteSyntax } from './write/index.js';
export { validate, type ValidationResult, type ValidateOptions } from './validate/engine.js';
export { validateModel } from './validate/model.js';
export type { Finding, Level, Flag, Rule } from './validate/types.js';
export { ALL_RULES } from './validate/rules/index.js';
export { renderHtml, type RenderOptions } from './render/html.js';
export { parseXml, DEFAULT_MAX_BYTES, type ParseLimits } from './xml/parse.js';
export { sampleInvoice } from './sample.js';
export { EN16931_CODELIST_VERSION, XRECHNUNG_CODELIST_VERSION } from './codelists/index.js';
