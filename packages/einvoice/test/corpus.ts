/** Access to the committed fixture corpus and its expected verdicts (test helper). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'corpus');

export interface ExpectedRecord {
  file: string;
  syntax: string;
  valid: boolean;
  errors: string[];
  warnings: string[];
  infos: string[];
  scenario: string | null;
  unit?: {
    kind: 'cen-testset' | 'xmute-identity';
    expectSuccess?: string[];
    expectError?: string[];
    expectWarning?: string[];
    expectFired?: string[];
    expectNotFired?: string[];
  };
}

export function fixturePath(file: string): string {
  return join(FIXTURE_DIR, file);
}

export function expectedRecords(dir = FIXTURE_DIR): ExpectedRecord[] {
  return readFileSync(join(dir, 'expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ExpectedRecord);
}

export function wholeDocuments(): ExpectedRecord[] {
  return expectedRecords().filter((r) => !r.file.includes('#'));
}
