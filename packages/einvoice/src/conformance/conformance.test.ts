import { describe, expect, it } from 'vitest';
import { runCorpus } from './corpus.js';
import { runXmute } from './xmute.js';
import { FIXTURE_DIR } from '../../test/corpus.js';

// The committed fixture subset with the official verdicts: any regression in a rule shows here.
describe('conformance over the committed fixture corpus', () => {
  const s = runCorpus(FIXTURE_DIR);

  it('agrees with the official verdict on every whole document', () => {
    const bad = s.outcomes
      .filter((o) => o.validAgrees === false)
      .map((o) => `${o.record.file}: ours ${o.result.errors.join(' ')} ref ${o.record.errors.join(' ')}`);
    expect(bad).toEqual([]);
    expect(s.whole).toBeGreaterThan(100);
  });

  it('reports the same set of error rule ids on every whole document', () => {
    const bad = s.outcomes
      .filter((o) => o.errorsAgree === false)
      .map((o) => `${o.record.file}: ours ${o.result.errors.join(' ')} ref ${o.record.errors.join(' ')}`);
    expect(bad).toEqual([]);
  });

  it('reports the same warning and information ids and the same schema verdict on every whole document', () => {
    const bad = s.outcomes
      .filter((o) => o.warningsAgree === false || o.infosAgree === false || o.xsdAgrees === false)
      .map(
        (o) =>
          `${o.record.file}: warnings ${o.result.warnings.join(' ')} / ${o.record.warnings.join(' ')}; infos ${o.result.infos.join(' ')} / ${o.record.infos.join(' ')}`,
      );
    expect(bad).toEqual([]);
  });

  it('fires the same syntax binding rules (UBL-*, CII-*) as the reference on every record, unit fragments included', () => {
    const bad = s.outcomes.filter((o) => !o.syntaxAgrees).map((o) => o.record.file);
    expect(bad).toEqual([]);
    expect(s.syntaxAgree).toBe(s.outcomes.length);
  });

  it('meets the expectations of every CEN unit test case and KoSIT xmute declaration', () => {
    const bad = s.outcomes
      .filter((o) => o.unitMet === false)
      .map((o) => `${o.record.file}: ${o.unitDetail?.join('; ')}`);
    expect(bad).toEqual([]);
    expect(s.unit).toBeGreaterThan(1000);
  });
});

// KoSIT's XML-Mutate declarations (remove, empty, code) expanded into mutated documents: each
// mutant must fire the rules its declaration calls invalid and none it calls valid.
describe('KoSIT mutation tests over the committed fixture instances', () => {
  const x = runXmute(FIXTURE_DIR);
  it('meets the expectation of every mutant', () => {
    expect(
      x.outcomes.filter((o) => !o.met).map((o) => `${o.file} ${o.id} ${o.value ?? ''}: ${o.detail.join('; ')}`),
    ).toEqual([]);
    expect(x.mutants).toBeGreaterThan(150);
  });
});
