import { describe, expect, it } from 'vitest';
import { searchTerms } from './search-terms.js';

describe('searchTerms', () => {
  it('starts a term at every word of the name proper, in both foldings', () => {
    expect(searchTerms('Bad Berka, Stadt')).toEqual(['bad berka stadt', 'berka stadt']);
    expect(searchTerms('Sömmerda, Stadt')).toEqual(['soemmerda stadt', 'sommerda stadt']);
    expect(searchTerms('Floh-Seligenthal')).toEqual(['floh seligenthal', 'seligenthal']);
  });

  it('does not start a term at the designation after the comma', () => {
    expect(searchTerms('Erfurt, Landeshauptstadt')).toEqual(['erfurt landeshauptstadt']);
    expect(searchTerms('Weißensee, Stadt')).toEqual(['weissensee stadt']);
  });

  it('keeps names without words of their own searchable and never yields an empty term', () => {
    expect(searchTerms('Ö')).toEqual(['oe', 'o']);
    expect(searchTerms('')).toEqual([]);
  });
});
