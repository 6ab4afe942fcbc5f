import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind } from '../../../test/db.js';
import { ownDatabase } from '../../../test/own-database.js';
import type { Database } from '../../platform/db/client.js';
import { importDirectory, ensureDirectory } from './reference.import.js';
import { readDirectory, type Directory } from './reference.csv.js';

// The import changes global tables: on PostgreSQL this file works in a database of its own.
describe(`Gemeindeverzeichnis import (${dbKind()})`, () => {
  let database: Database;
  let drop: () => Promise<void>;
  let d: Directory;

  beforeAll(async () => {
    ({ database, drop } = await ownDatabase({ empty: true }));
    d = readDirectory();
  });
  afterAll(async () => {
    await drop();
  });

  const count = async (table: string) =>
    (await database.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`))).rows[0]!.n;

  it('loads all Gemeinden into an empty database, and ensureDirectory does nothing the second time', async () => {
    if ((await count('ref_gemeinden')) === 0) {
      const r = await ensureDirectory(database.db);
      expect(r?.tables.gemeinden).toEqual({ new: 10_953, changed: 0, removed: 0, unchanged: 0 });
    }
    expect(await count('ref_gemeinden')).toBe(10_953);
    expect(await count('ref_verbaende')).toBe(4_590);
    expect(await ensureDirectory(database.db)).toBeNull();
  });

  it('is idempotent: the same edition again changes nothing', async () => {
    const r = await importDirectory(database.db, d);
    for (const c of Object.values(r.tables)) {
      expect(c.new + c.changed + c.removed).toBe(0);
    }
    expect(r.tables.gemeinden.unchanged).toBe(10_953);
    expect(r.previousGebietsstand).toBe('2025-11-30');
  });

  it('applies a newer Gebietsstand: renames, new populations, merged and new Gemeinden, with counts', async () => {
    const newer: Directory = structuredClone(d);
    newer.gebietsstand = '2026-06-30';
    newer.populationDate = '2025-12-31';
    const ix = (ags: string) => newer.gemeinden.findIndex((g) => g.ags === ags);
    newer.gemeinden[ix('16068058')] = { ...newer.gemeinden[ix('16068058')]!, einwohner: 3_500 };
    newer.gemeinden[ix('16074002')] = { ...newer.gemeinden[ix('16074002')]!, name: 'Altenberga-Neu', searchName: 'altenberga neu', searchNameAlt: 'altenberga neu' };
    const merged = newer.gemeinden.splice(ix('16074008'), 1)[0]!;
    newer.gemeinden.push({ ...merged, ars: '160745011900', ags: '16074900', name: 'Neue Gemeinde' });
    // Weißensee joins a Verband: same AGS, new ARS (one removed, one new).
    const moved = newer.gemeinden.splice(ix('16068058'), 1)[0]!;
    newer.gemeinden.push({ ...moved, ars: '160685002058', verbandArs: '160685002' });
    newer.kreise[0] = { ...newer.kreise[0]!, einwohner: newer.kreise[0]!.einwohner + 1 };

    const r = await importDirectory(database.db, newer);
    expect(r.previousGebietsstand).toBe('2025-11-30');
    expect(r.gebietsstand).toBe('2026-06-30');
    expect(r.tables.gemeinden).toEqual({ new: 2, changed: 1, removed: 2, unchanged: 10_950 });
    expect(r.tables.kreise).toMatchObject({ changed: 1, new: 0, removed: 0 });
    expect(r.renamed).toEqual([{ ars: '160745011002', from: 'Altenberga', to: 'Altenberga-Neu' }]);
    const row = (await database.db.execute<{ einwohner: number }>(sql`select einwohner from ref_gemeinden where ags = '16068058'`)).rows[0];
    expect(row?.einwohner).toBe(3_500);
    const ds = (await database.db.execute<{ gebietsstand: string; population_date: string }>(sql`select gebietsstand::text, population_date::text from ref_datasets`)).rows[0];
    expect(ds).toEqual({ gebietsstand: '2026-06-30', population_date: '2025-12-31' });

    // And back to the shipped edition, which reverses each change.
    const back = await importDirectory(database.db, d);
    expect(back.tables.gemeinden).toEqual({ new: 2, changed: 1, removed: 2, unchanged: 10_950 });
    expect(await count('ref_gemeinden')).toBe(10_953);
  });

  it('lets the request role read but not write reference data', async () => {
    const res = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local role verbund_app`);
      const n = (await tx.execute<{ n: number }>(sql`select count(*)::int as n from ref_kreise`)).rows[0]!.n;
      await tx.execute(sql`savepoint s`);
      let denied = '';
      try {
        await tx.execute(sql`update ref_gemeinden set einwohner = 0 where ags = '16068058'`);
      } catch (e) {
        denied = String((e as { cause?: { code?: string }; code?: string }).cause?.code ?? (e as { code?: string }).code);
        await tx.execute(sql`rollback to savepoint s`);
      }
      return { n, denied };
    });
    expect(res).toEqual({ n: 400, denied: '42501' });
  });
});
