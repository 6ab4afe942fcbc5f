import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE, progress } from './onboarding.service.js';

describe('onboarding progress', () => {
  it('counts done and not applicable as progress', () => {
    expect(progress(['done', 'open', 'not_applicable', 'open'])).toEqual({
      counts: { total: 4, open: 2, done: 1, notApplicable: 1 },
      progressPercent: 50,
    });
    expect(progress(['done', 'open', 'open']).progressPercent).toBe(33);
    expect(progress([]).progressPercent).toBe(100);
  });

  it('has the default checklist of the brief', () => {
    expect(DEFAULT_TEMPLATE.map((t) => t.title)).toEqual(
      expect.arrayContaining(['Zweckvereinbarung unterzeichnet', 'Firewall migriert', 'Datensicherung eingerichtet', 'Benutzer übernommen', 'Schulung durchgeführt']),
    );
  });
});
