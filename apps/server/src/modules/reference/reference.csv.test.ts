import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldName, foldNameAlt } from './normalize.js';
import { DEFAULT_DIRECTORY_DIR, DirectoryFormatError, readDirectory, type Directory } from './reference.csv.js';

describe('Gemeindeverzeichnis CSV mapping', () => {
  let d: Directory;
  beforeAll(() => {
    d = readDirectory();
  });

  it('reads all five files with the counts of the README', () => {
    expect(d.gemeinden).toHaveLength(10_953);
    expect(d.verbaende).toHaveLength(4_590);
    expect(d.kreise).toHaveLength(400);
    expect(d.regierungsbezirke).toHaveLength(29);
    expect(d.laender).toHaveLength(16);
    expect(d.gebietsstand).toBe('2025-11-30');
    expect(d.populationDate).toBe('2024-12-31');
    expect(d.gemeinden.reduce((s, g) => s + g.einwohner, 0)).toBe(83_577_140);
  });

  it('keeps keys as strings with leading zeros and maps the columns', () => {
    const flensburg = d.gemeinden.find((g) => g.ags === '01001000')!;
    expect(flensburg).toMatchObject({ ars: '010010000000', verbandArs: '010010000', kreisAgs: '01001', land: '01', typCode: 61 });
    const soemmerda = d.gemeinden.find((g) => g.ags === '16068051')!;
    expect(soemmerda).toMatchObject({ name: 'Sömmerda, Stadt', searchName: 'soemmerda stadt', searchNameAlt: 'sommerda stadt', kreisAgs: '16068' });
    const th = d.gemeinden.filter((g) => g.land === '16');
    expect(th).toHaveLength(605);
  });

  it('folds names so that case, umlauts and ß do not matter', () => {
    expect(foldName('Weißensee, Stadt')).toBe('weissensee stadt');
    expect(foldName('WEISSENSEE')).toBe('weissensee');
    expect(foldName('Göschitz')).toBe('goeschitz');
    expect(foldNameAlt('Göschitz')).toBe('goschitz');
    expect(foldName('Bautzen / Budyšin')).toBe('bautzen budysin');
  });

  it('refuses a file with a broken key or a missing column, naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gv-'));
    cpSync(DEFAULT_DIRECTORY_DIR, dir, { recursive: true });
    const file = path.join(dir, 'gemeinden.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('010010000000,01001000', '10010000000,01001000'));
    expect(() => readDirectory(dir)).toThrow(DirectoryFormatError);
    expect(() => readDirectory(dir)).toThrow(/ars = "10010000000"/);
    writeFileSync(path.join(dir, 'kreise.csv'), 'kreis_ags,name\n01001,x\n');
    writeFileSync(file, readFileSync(path.join(DEFAULT_DIRECTORY_DIR, 'gemeinden.csv')));
    expect(() => readDirectory(dir)).toThrow(/kreis_name/);
  });
});
