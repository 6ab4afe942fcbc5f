/**
 * readInvoice: XML text → model, with syntax and specification detection.
 */
import { parseXml, type ParseLimits, type XElement } from '../xml/parse.js';
import type { Invoice, Syntax } from '../model/types.js';
import { customizationId, detectSpecification, detectSyntax, type Specification } from './detect.js';
import { readUbl } from './ubl.js';
import { readCii } from './cii.js';
import { Origins } from './origins.js';
import { publicModel } from './common.js';

export type ReadResult =
  | { ok: true; invoice: Invoice; syntax: Syntax; specification: Specification; root: XElement; origins: Origins }
  | { ok: false; error: string; code: string };

/**
 * The model as the rules read it: every object with all its keys, absent terms undefined
 * (see publicModel); `readInvoice` hands out the public copy.
 */
export function readTree(root: XElement): ReadResult {
  const syntax = detectSyntax(root);
  if (!syntax) {
    return {
      ok: false,
      code: 'not-an-invoice',
      error: `root element {${root.ns}}${root.name} is neither a UBL Invoice, a UBL CreditNote nor a CII CrossIndustryInvoice`,
    };
  }
  const origins = new Origins();
  const invoice = syntax === 'cii' ? readCii(root, origins) : readUbl(root, origins);
  return {
    ok: true,
    invoice,
    syntax,
    specification: detectSpecification(customizationId(root, syntax)),
    root,
    origins,
  };
}

export function readInvoice(xml: string | Uint8Array, limits?: ParseLimits): ReadResult {
  const parsed = parseXml(xml, limits);
  if (!parsed.ok) {
    return { ok: false, code: parsed.code, error: parsed.error };
  }
  const read = readTree(parsed.root);
  if (!read.ok) {
    return read;
  }
  const origins = new Origins();
  return { ...read, invoice: publicModel(read.invoice, read.origins, origins), origins };
}
