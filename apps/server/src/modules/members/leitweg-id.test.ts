import { describe, expect, it } from 'vitest';
import { leitwegCheckDigits, makeLeitwegId, mod97, validateLeitwegId } from './leitweg-id.js';

describe('Leitweg-ID validator', () => {
  it.each([
    // Weißensee (Thüringen), published on the town's website.
    ['16068058-0001-73', '16', '0001'],
    // XRechnung test suite's buyer reference.
    ['04011000-1234512345-06', '04', '1234512345'],
    // OZG-RE test ID (Bund, letters in the Feinadressierung).
    ['991-33333TEST-33', '99', '33333TEST'],
    // Computed by the algorithm and checked by hand below: 16068058 without Feinadressierung.
    ['16068058-74', '16', null],
    // Shortest form: Land only.
    ['16-50', '16', null],
  ])('accepts %s', (id, land, fein) => {
    const r = validateLeitwegId(id);
    expect(r).toMatchObject({ valid: true, normalized: id, land, fein });
  });

  it('computes check digits as ISO 7064 MOD 97-10 (hand check of 16068058)', () => {
    // 1606805800 = 97 × 16565008 + 24, so the check is 98 − 24 = 74.
    expect(97 * 16565008 + 24).toBe(1606805800);
    expect(mod97('1606805800')).toBe(24);
    expect(leitwegCheckDigits('16068058')).toBe('74');
    // 0001 appended: 160680580001 00 → 98 − remainder = 73 (Weißensee's published ID).
    expect(leitwegCheckDigits('16068058', '0001')).toBe('73');
    // Letters count A=10 … Z=35: T=29, E=14, S=28.
    expect(leitwegCheckDigits('991', '33333TEST')).toBe('33');
    expect(makeLeitwegId('16074044', 'KAEMMEREI')).toMatch(/^16074044-KAEMMEREI-\d{2}$/);
    expect(validateLeitwegId(makeLeitwegId('16074044', 'KAEMMEREI')).valid).toBe(true);
  });

  it('normalizes lower case and surrounding spaces', () => {
    expect(validateLeitwegId(' 991-33333test-33 ')).toMatchObject({ valid: true, normalized: '991-33333TEST-33' });
  });

  const error = (id: string) => {
    const r = validateLeitwegId(id);
    if (r.valid) {
      throw new Error(`${id} should be invalid`);
    }
    return r.error;
  };

  it('names a wrong check digit and the right one, in German and English', () => {
    const e = error('16068058-0001-72');
    expect(e.part).toBe('pruefziffer');
    expect(e.de).toContain('„73“');
    expect(e.en).toContain('"73"');
  });

  it('rejects a Land outside 01–16 and 99', () => {
    for (const id of [makeLeitwegId('17068058'), makeLeitwegId('00123'), makeLeitwegId('98')]) {
      expect(error(id).part).toBe('land');
    }
    expect(error(makeLeitwegId('17068058')).de).toContain('„17“');
  });

  it('rejects a Feinadressierung over 30 characters', () => {
    const fein = 'A'.repeat(31);
    const e = error(`16068058-${fein}-00`);
    expect(e.part).toBe('fein');
    expect(e.de).toContain('hat 31');
    expect(validateLeitwegId(makeLeitwegId('16068058', 'A'.repeat(30))).valid).toBe(true);
  });

  it('rejects illegal characters, naming the character', () => {
    const e = error('16068058-00_1-73');
    expect(e.part).toBe('format');
    expect(e.de).toContain('„_“');
    expect(error('16068058-ÄB-73').part).toBe('format');
  });

  it('rejects missing or empty parts and a bad Grobadressierung', () => {
    expect(error('16068058').part).toBe('format');
    expect(error('16068058--73').part).toBe('format');
    expect(error('-0001-73').part).toBe('format');
    expect(error('16068058-0001-73-1').part).toBe('format');
    expect(error('1-0001-73').part).toBe('grob');
    expect(error('1606805812345-73').part).toBe('grob');
    expect(error('16A68058-0001-73').part).toBe('grob');
    expect(error('16068058-0001-7').part).toBe('pruefziffer');
  });

  it('rejects IDs shorter than 5 or longer than 46 characters', () => {
    expect(error('16-5').part).toBe('length');
    expect(error(`160680581234-${'A'.repeat(30)}-123`).part).toBe('length');
    // 12 + 1 + 30 + 1 + 2 = 46 characters is the maximum and valid.
    const longest = makeLeitwegId('160680581234', 'B'.repeat(30));
    expect(longest).toHaveLength(46);
    expect(validateLeitwegId(longest).valid).toBe(true);
  });
});
