import { describe, expect, it } from 'vitest';
import de from '../i18n/de.json';
import en from '../i18n/en.json';
import { createBody, emptyOrgForm, formFromOrganisation, updateBody } from '../features/organisations/org-form';
import { auditChanges } from './audit-diff';
import { formatDateTime } from './format';
import { safeRedirect } from './redirect';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('translations', () => {
  it('English has exactly the keys of German', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
  });
});

describe('safeRedirect', () => {
  it('follows only paths of this app', () => {
    expect(safeRedirect('/organisations?q=a')).toBe('/organisations?q=a');
    expect(safeRedirect(undefined)).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect('//evil.example')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect('/logout')).toBe('/');
  });
});

describe('organisation form bodies', () => {
  it('leaves blank optional fields out of a new organisation', () => {
    const v = { ...emptyOrgForm(), type: 'gemeinde' as const, name: '  Gemeinde Test ', ags: '16074002', city: ' ' };
    expect(createBody('p1', v)).toEqual({ parentId: 'p1', type: 'gemeinde', name: 'Gemeinde Test', ags: '16074002' });
  });

  it('sends only changes, a cleared field as null', () => {
    const before = formFromOrganisation({
      type: 'stadt',
      name: 'Stadt Kahla',
      shortName: null,
      ags: '16074044',
      ars: null,
      street: 'Markt 10',
      postalCode: '07768',
      city: 'Kahla',
      email: null,
      phone: null,
      website: null,
    });
    expect(updateBody(before, { ...before })).toEqual({});
    expect(updateBody(before, { ...before, street: '', phone: '0361 1', name: 'Stadt Kahla ' })).toEqual({
      street: null,
      phone: '0361 1',
    });
  });
});

describe('auditChanges', () => {
  it('lists set fields of a creation and skips bookkeeping', () => {
    expect(auditChanges(null, { id: 'x', name: 'A', ags: null, updatedAt: 't' })).toEqual([
      { field: 'name', before: '–', after: 'A' },
    ]);
  });

  it('lists only differing fields of an update', () => {
    expect(auditChanges({ name: 'A', city: 'X' }, { name: 'B', city: 'X' })).toEqual([
      { field: 'name', before: 'A', after: 'B' },
    ]);
  });
});

describe('formatDateTime', () => {
  it('shows Berlin time', () => {
    expect(formatDateTime('2026-01-15T12:00:00Z', 'de')).toContain('13:00');
    expect(formatDateTime(null, 'de')).toBe('–');
    expect(formatDateTime('nonsense', 'en')).toBe('–');
  });
});
