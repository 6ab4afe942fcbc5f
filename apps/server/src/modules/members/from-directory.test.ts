import { beforeAll, describe, expect, it } from 'vitest';
import { readDirectory, type Directory } from '../reference/reference.csv.js';
import type { RefGemeindeRow, RefKreisRow, RefVerbandRow } from '../reference/index.js';
import { baseName, gemeindeType, planFromDirectory, verbandType, type Selection } from './from-directory.js';

const none = { byAgs: new Map<string, string>(), byArs: new Map<string, string>() };

describe('planning members from the directory', () => {
  let d: Directory;
  const kreisSelection = (kreis: string): Selection => {
    const gemeinden = d.gemeinden.filter((g) => g.kreisAgs === kreis) as RefGemeindeRow[];
    const verbaende = d.verbaende.filter((v) => v.kreisAgs === kreis) as RefVerbandRow[];
    return {
      kreis: d.kreise.find((k) => k.kreisAgs === kreis) as RefKreisRow,
      verbaende,
      gemeinden,
      verbandTypes: new Map(verbaende.map((v) => [v.verbandArs, v.typCode])),
    };
  };
  beforeAll(() => {
    d = readDirectory();
  });

  it('maps directory types to organisation types', () => {
    expect([61, 62, 63, 67, 60, 64, 65, 66].map((c) => gemeindeType(c))).toEqual([
      'kreisfreie_stadt', 'kreisfreie_stadt', 'stadt', 'stadt', 'gemeinde', 'gemeinde', null, null,
    ]);
    expect([50, 51, 52, 53, 54, 55, 56, 57, 58].map(verbandType)).toEqual([
      null, 'amt', 'verbandsgemeinde', 'verbandsgemeinde', 'verwaltungsgemeinschaft', 'amt', 'verwaltungsgemeinschaft', 'verwaltungsgemeinschaft', null,
    ]);
    expect(baseName('Kahla, Stadt')).toBe('Kahla');
    // Landgemeinden have no Textkennzeichen: the reference module's list names them by AGS.
    expect(gemeindeType(63, '16068063')).toBe('landgemeinde');
    expect(gemeindeType(63, '16068051')).toBe('stadt');
    expect(gemeindeType(66, '16068063')).toBeNull();
  });

  it('plans Landkreis Sömmerda: the Kreis, its VGs with their Gemeinden below, verbandsfreie Gemeinden at the root', () => {
    const { planned, skipped } = planFromDirectory(kreisSelection('16068'), none);
    const kreis = planned.find((o) => o.type === 'landkreis')!;
    expect(kreis).toMatchObject({ ars: '160680000000', ags: null, name: 'Landkreis Sömmerda', parent: { kind: 'root' }, population: 67_693 });
    const vg = planned.find((o) => o.ars === '160685002000')!;
    expect(vg).toMatchObject({ name: 'Verwaltungsgemeinschaft Gera-Aue', type: 'verwaltungsgemeinschaft', parent: { kind: 'root' } });
    const gebesee = planned.find((o) => o.ags === '16068014')!;
    expect(gebesee).toMatchObject({ type: 'stadt', shortName: 'Gebesee', parent: { kind: 'planned', ars: '160685002000' } });
    const weissensee = planned.find((o) => o.ags === '16068058')!;
    expect(weissensee).toMatchObject({ type: 'stadt', parent: { kind: 'root' } });
    // Elxleben is an erfüllende Gemeinde (type 58): the Gemeinden it serves go below it.
    const eg = d.gemeinden.filter((g) => g.verbandArs === '160685050');
    const host = planned.find((o) => o.ags === '16068009')!;
    expect(host.parent).toEqual({ kind: 'root' });
    for (const g of eg.filter((x) => x.ags !== '16068009')) {
      expect(planned.find((o) => o.ags === g.ags)!.parent).toEqual({ kind: 'planned', ars: host.ars });
    }
    // Parents come before their children, every Gemeinde once.
    const seen = new Set<string>();
    for (const o of planned) {
      if (o.parent.kind === 'planned') {
        expect(seen.has(o.parent.ars)).toBe(true);
      }
      seen.add(o.ars);
    }
    expect(planned.filter((o) => o.ags).length).toBe(37);
    expect(skipped).toEqual([]);
  });

  it('plans a kreisfreie Stadt as one organisation', () => {
    const { planned } = planFromDirectory(kreisSelection('16051'), none);
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ ags: '16051000', type: 'kreisfreie_stadt', name: 'Erfurt, Stadt' });
  });

  it('skips what exists and puts new Gemeinden below an existing VG', () => {
    const existing = { byAgs: new Map([['16068014', 'gebesee-id']]), byArs: new Map([['160685002000', 'vg-id']]) };
    const sel = kreisSelection('16068');
    const { planned, skipped } = planFromDirectory({ ...sel, kreis: undefined, verbaende: sel.verbaende.filter((v) => v.verbandArs === '160685002') , gemeinden: sel.gemeinden.filter((g) => g.verbandArs === '160685002') }, existing);
    expect(skipped.map((s) => s.existingId).sort()).toEqual(['gebesee-id', 'vg-id']);
    expect(planned.length).toBeGreaterThan(0);
    for (const o of planned) {
      expect(o.parent).toEqual({ kind: 'existing', id: 'vg-id' });
    }
  });

  it('skips gemeindefreie Gebiete', () => {
    const gf = d.gemeinden.find((g) => g.typCode === 65 || g.typCode === 66) as RefGemeindeRow;
    const { planned, skipped } = planFromDirectory({ verbaende: [], gemeinden: [gf], verbandTypes: new Map() }, none);
    expect(planned).toEqual([]);
    expect(skipped).toEqual([{ ars: gf.ars, name: gf.name, reason: 'gemeindefrei' }]);
  });
});
