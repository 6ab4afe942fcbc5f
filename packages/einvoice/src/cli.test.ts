import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './cli.js';
import { sampleInvoice } from './sample.js';
import { writeXRechnung } from './write/index.js';

function capture(fn: () => number): { code: number; out: string } {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: fn(), out };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

describe('cli', () => {
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-cli-'));
  const valid = join(dir, 'valid.xml');
  const invalid = join(dir, 'invalid.xml');
  const broken = join(dir, 'broken.xml');
  writeFileSync(valid, writeXRechnung(sampleInvoice(2), { syntax: 'cii' }));
  const bad = sampleInvoice(2);
  delete bad.buyerReference;
  writeFileSync(invalid, writeXRechnung(bad, { syntax: 'ubl' }));
  writeFileSync(broken, '<Invoice>');
  afterEach(() => vi.restoreAllMocks());

  it('validate exits 0 for a valid file and prints one JSON line per file', () => {
    const { code, out } = capture(() => main(['validate', valid, '--json']));
    expect(code).toBe(0);
    const line = JSON.parse(out.trim());
    expect(line).toMatchObject({ file: valid, syntax: 'cii', valid: true, errors: [] });
    expect(Object.keys(line)).toEqual(['file', 'syntax', 'valid', 'errors', 'warnings', 'findings']);
  });
  it('validate exits 1 for an invalid file', () => {
    const { code, out } = capture(() => main(['validate', invalid, '--json']));
    expect(code).toBe(1);
    const line = JSON.parse(out.trim());
    expect(line.errors).toContain('BR-DE-15');
    expect(line.findings[0]).toHaveProperty('message_de');
  });
  it('validate exits 2 for unreadable files, worst code wins', () => {
    expect(capture(() => main(['validate', broken])).code).toBe(2);
    expect(capture(() => main(['validate', valid, invalid, join(dir, 'missing.xml'), '--json'])).code).toBe(2);
  });
  it('render prints HTML', () => {
    const { code, out } = capture(() => main(['render', valid, '--lang', 'en']));
    expect(code).toBe(0);
    expect(out).toContain('<!doctype html>');
  });
});
