import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { readInvoice } from './index.js';
import { writeUbl } from '../write/ubl.js';
import { writeCii } from '../write/cii.js';
import { wholeDocuments, fixturePath } from '../../test/corpus.js';
import { validate } from '../validate/engine.js';

describe('readers and writers', () => {
  it('detects syntax and specification', () => {
    const r = readInvoice(readFileSync(fixturePath('testsuite/technical-cases/cius/01.05_minimal_test_ubl.xml')));
    expect(r.ok && r.syntax).toBe('ubl-invoice');
    expect(r.ok && r.specification).toBe('xrechnung-3.0');
    const c = readInvoice(readFileSync(fixturePath('testsuite/technical-cases/cius/01.05_minimal_test_uncefact.xml')));
    expect(c.ok && c.syntax).toBe('cii');
  });

  it('reads a document that is not an invoice as a clear error', () => {
    const r = readInvoice('<Order xmlns="urn:example"/>');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('not-an-invoice');
  });

  it('round-trips every whole fixture document (read → write same syntax → read keeps every term)', () => {
    const failures: string[] = [];
    for (const rec of wholeDocuments()) {
      const a = readInvoice(readFileSync(fixturePath(rec.file)));
      if (!a.ok) {
        failures.push(`${rec.file}: ${a.error}`);
        continue;
      }
      const xml =
        a.syntax === 'cii'
          ? writeCii(a.invoice)
          : writeUbl(a.invoice, a.syntax === 'ubl-creditnote' ? 'creditnote' : 'invoice');
      const b = readInvoice(xml);
      if (!b.ok || !isDeepStrictEqual(a.invoice, b.invoice)) {
        failures.push(rec.file);
      }
    }
    expect(failures).toEqual([]);
  });

  it('writes documents that validate again: every valid fixture document stays valid after read → write', () => {
    const failures: string[] = [];
    for (const rec of wholeDocuments().filter((r) => r.valid)) {
      const a = readInvoice(readFileSync(fixturePath(rec.file)));
      if (!a.ok) {
        continue;
      }
      const xml =
        a.syntax === 'cii'
          ? writeCii(a.invoice)
          : writeUbl(a.invoice, a.syntax === 'ubl-creditnote' ? 'creditnote' : 'invoice');
      const r = validate(xml);
      if (!r.valid) {
        failures.push(`${rec.file}: ${r.errors.join(' ')}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
