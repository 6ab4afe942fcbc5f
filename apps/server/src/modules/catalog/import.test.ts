import { describe, expect, it } from 'vitest';
import { lookupsOf, parseDate, parseQuantity, planRow, readSheet, validateRow, type ValidRow } from './import.js';

const members = [
  { id: '0190a0a0-0000-7000-8000-000000000001', name: 'Gemeinde Am Ettersberg', ags: '16071101' },
  { id: '0190a0a0-0000-7000-8000-000000000002', name: 'Stadt Weimar', ags: '16055000' },
  { id: '0190a0a0-0000-7000-8000-000000000003', name: 'Stadt Weimar', ags: null },
];
const services = [
  { id: 's1', code: 'APB-01', status: 'active' as const },
  { id: 's2', code: 'OLD', status: 'retired' as const },
];
const l = lookupsOf(members, services);

describe('import cells', () => {
  it('reads ISO and German dates, refusing impossible ones', () => {
    expect(parseDate('2025-02-28')).toBe('2025-02-28');
    expect(parseDate('1.3.2025')).toBe('2025-03-01');
    expect(parseDate('29.02.2024')).toBe('2024-02-29');
    expect(parseDate('29.02.2025')).toBeUndefined();
    expect(parseDate('2025/01/01')).toBeUndefined();
  });

  it('reads German and plain quantities exactly', () => {
    expect(parseQuantity('1.234,5')).toBe('1234.5000');
    expect(parseQuantity('7,25')).toBe('7.2500');
    expect(parseQuantity('1234.5')).toBe('1234.5000');
    expect(parseQuantity('-1')).toBeUndefined();
    expect(parseQuantity('1,23456')).toBeUndefined();
    expect(parseQuantity('zwölf')).toBeUndefined();
  });

  it('reads CSV with semicolons or commas, headers case-insensitive', async () => {
    expect(await readSheet('a.csv', Buffer.from('\uFEFFAGS;Leistung;Menge;Gültig ab\n16071101;APB-01;12;01.01.2025\n'))).toEqual([
      { ags: '16071101', leistung: 'APB-01', menge: '12', 'gültig_ab': '01.01.2025' },
    ]);
    expect(await readSheet('a.csv', Buffer.from('ags,leistung,menge,gueltig_ab\n16071101,APB-01,12,2025-01-01\n'))).toHaveLength(1);
  });
});

describe('import row validation', () => {
  it('finds the member by id, AGS or unique name and the service by code (any case)', () => {
    const byAgs = validateRow({ ags: '16071101', leistung: 'apb-01', menge: '12', gueltig_ab: '2025-01-01' }, l);
    expect(byAgs).toEqual({ ok: true, value: { member: members[0], service: services[0], quantity: '12.0000', validFrom: '2025-01-01', validTo: null } });
    const byId = validateRow({ member_id: members[2]!.id, leistung: 'APB-01', menge: '1', gueltig_ab: '2025-01-01', gueltig_bis: '31.12.2025' }, l);
    expect(byId.ok && byId.value.validTo).toBe('2025-12-31');
  });

  it('reports every problem of a row by column', () => {
    const r = validateRow({ mitglied: 'Stadt Weimar', leistung: 'NOPE', menge: '', gueltig_ab: '2025-01-01', gueltig_bis: '2024-12-31' }, l);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.column)).toEqual(['mitglied', 'leistung', 'menge', 'gueltig_bis']);
    expect(!r.ok && r.errors[0]!.message).toMatch(/mehrdeutig/);
    const none = validateRow({}, l);
    expect(!none.ok && none.errors.map((e) => e.column)).toEqual(['mitglied', 'leistung', 'menge', 'gueltig_ab']);
  });
});

describe('import plan', () => {
  const row = (o: Partial<ValidRow> = {}): ValidRow => ({ member: members[0]!, service: services[0]!, quantity: '12.0000', validFrom: '2025-07-01', validTo: null, ...o });
  const running = { id: 'sub1', validFrom: '2025-01-01', validTo: null, changes: [{ validFrom: '2025-01-01', quantity: '10' }] };

  it('changes the quantity of the running subscription, or leaves it when equal', () => {
    expect(planRow(row(), [running])).toEqual({ action: 'change', subscriptionId: 'sub1', quantityBefore: '10.0000', setValidTo: false });
    expect(planRow(row({ quantity: '10.0000' }), [running])).toMatchObject({ action: 'unchanged' });
    expect(planRow(row({ quantity: '10.0000', validTo: '2025-12-31' }), [running])).toMatchObject({ action: 'change', setValidTo: true });
  });

  it('creates when none runs that day, unless it would overlap a later one or the service is retired', () => {
    expect(planRow(row({ validFrom: '2024-01-01' }), [running])).toMatchObject({ action: 'error', column: 'gueltig_ab' });
    expect(planRow(row({ validFrom: '2024-01-01', validTo: '2024-12-31' }), [running])).toEqual({ action: 'create' });
    expect(planRow(row({ service: services[1]! }), [])).toMatchObject({ action: 'error', column: 'leistung' });
  });
});
