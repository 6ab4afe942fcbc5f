/**
 * writeXRechnung: model → XML with the XRechnung 3.0 specification identifier.
 */
import type { Invoice } from '../model/types.js';
import { SPEC } from '../read/detect.js';
import { writeUbl } from './ubl.js';
import { writeCii } from './cii.js';

export type WriteSyntax = 'ubl' | 'ubl-invoice' | 'ubl-creditnote' | 'cii';

export interface WriteOptions {
  /** 'ubl' picks Invoice or CreditNote from the type code (381 and other credit note codes → CreditNote) */
  syntax: WriteSyntax;
  /** XRechnung standard (default), extension or CVD; 'keep' leaves BT-24 as in the model */
  specification?: 'xrechnung' | 'xrechnung-extension' | 'xrechnung-cvd' | 'keep';
}

/** UNTDID 1001 codes that are credit notes in UBL (BR-CL-01 credit note list). */
const CREDIT_NOTE_CODES = new Set(['81', '83', '261', '262', '296', '308', '381', '396', '420', '458', '532']);

/** Peppol business process id: XRechnung adopts PEPPOL-EN16931-R001, so BT-23 must be present. */
export const DEFAULT_PROCESS_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

export function writeXRechnung(model: Invoice, options: WriteOptions): string {
  const spec = options.specification ?? 'xrechnung';
  const inv: Invoice = {
    ...model,
    specificationId:
      spec === 'keep'
        ? model.specificationId
        : spec === 'xrechnung-extension'
          ? SPEC.xrechnungExtension
          : spec === 'xrechnung-cvd'
            ? SPEC.xrechnungCvd
            : SPEC.xrechnung,
    processId: model.processId ?? DEFAULT_PROCESS_ID,
  };
  switch (options.syntax) {
    case 'cii':
      return writeCii(inv);
    case 'ubl-invoice':
      return writeUbl(inv, 'invoice');
    case 'ubl-creditnote':
      return writeUbl(inv, 'creditnote');
    case 'ubl':
      return writeUbl(inv, CREDIT_NOTE_CODES.has((inv.typeCode ?? '').trim()) ? 'creditnote' : 'invoice');
  }
}
