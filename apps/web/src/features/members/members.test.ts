import { describe, expect, it } from 'vitest';
import de from '../../i18n/members.de.json';
import en from '../../i18n/members.en.json';
import { formatDate, orNull } from './DateField';
import { exportHref, memberFilterSearch } from './filters';
import { agreementSearch, agreementsExportHref } from '../agreements/list-filters';
import { megabytes, tooLarge } from '../agreements/upload-limit';
import { memberTabs } from './tabs';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('members translations', () => {
  it('English has exactly the keys of German', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
  });
});

describe('memberTabs', () => {
  it('shows member tabs only on members and only with the permission behind each', () => {
    expect(memberTabs({ kind: 'provider' }, ['member.read', 'agreement.read'])).toEqual([]);
    expect(memberTabs({ kind: 'member' }, ['organisation.read'])).toEqual([]);
    expect(memberTabs({ kind: 'member' }, ['member.read', 'agreement.read', 'document.read', 'onboarding.read'])).toEqual([
      'profile',
      'leitweg',
      'contacts',
      'agreements',
      'documents',
      'onboarding',
    ]);
    expect(memberTabs({ kind: 'member' }, ['agreement.read'])).toEqual(['agreements']);
  });
});

describe('date helpers', () => {
  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('2026-01-01', 'de')).toBe('01.01.2026');
    expect(formatDate(null, 'de')).toBe('–');
    expect(orNull('  ')).toBeNull();
    expect(orNull(' a ')).toBe('a');
  });
});

describe('member filters', () => {
  it('keeps only valid filters from the address bar', () => {
    expect(memberFilterSearch({ status: 'active', kreis: '16074', agreementKind: 'genossenschaft' })).toEqual({
      status: 'active',
      kreis: '16074',
      agreementKind: 'genossenschaft',
    });
    expect(memberFilterSearch({ status: 'nope', kreis: '1607', agreementKind: 3 })).toEqual({
      status: undefined,
      kreis: undefined,
      agreementKind: undefined,
    });
  });

  it('builds export links with the same filters', () => {
    expect(exportHref('csv', { within: 'p1', q: undefined, status: 'active' })).toBe(
      '/api/v1/organisations?within=p1&status=active&sort=name&format=csv',
    );
  });
});

describe('agreements list helpers', () => {
  it('keeps only valid filters from the address bar and builds export links with them', () => {
    expect(agreementSearch({ q: '  Sömmerda ', status: 'active', kind: 'bogus' })).toEqual({ q: 'Sömmerda', status: 'active', kind: undefined });
    expect(agreementsExportHref('xlsx', { q: 'Sömmerda', status: 'active' })).toBe(
      '/api/v1/agreements?q=S%C3%B6mmerda&status=active&limit=500&format=xlsx',
    );
  });
});

describe('upload limit', () => {
  it('says the limit in MB and refuses larger files before sending', () => {
    expect(megabytes(20 * 1024 * 1024)).toBe('20');
    expect(megabytes(1.5 * 1024 * 1024)).toBe('1.5');
    expect(tooLarge({ size: 20 * 1024 * 1024 }, 20 * 1024 * 1024)).toBe(false);
    expect(tooLarge({ size: 20 * 1024 * 1024 + 1 }, 20 * 1024 * 1024)).toBe(true);
    expect(tooLarge({ size: 5 }, undefined)).toBe(false);
  });
});
