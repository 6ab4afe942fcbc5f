import { hashPassword } from '../../platform/auth/password.js';
import type { Db } from '../../platform/db/client.js';
import { withSystem } from '../../platform/db/tenant.js';
import { DEMO_PASSWORD } from '../demo.js';
import { ScenarioBuilder, type ScenarioLogin } from './builder.js';
import { directory } from './directory.js';
import { kids } from './kids.js';
import { kits } from './kits.js';
import { kitu } from './kitu.js';
import { ksm } from './ksm.js';

export const SCENARIOS = { kits, ksm, kitu, kids } as const;
export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

export type { ScenarioLogin };

/**
 * Loads demo scenarios of real provider set-ups (names and keys from the Gemeindeverzeichnis in
 * the repo; people and contract numbers invented). Each scenario is one transaction; a scenario
 * whose provider already has members is left as it is. `all` runs KIDS last so that its partner
 * KITS is the full scenario, not a bare record. Passwords: DEMO_PASSWORD.
 */
export async function seedScenarios(db: Db, names: readonly (ScenarioName | 'all')[], now = new Date()): Promise<ScenarioLogin[]> {
  const wanted = names.includes('all') ? SCENARIO_NAMES : SCENARIO_NAMES.filter((n) => names.includes(n));
  const dir = directory();
  const hash = await hashPassword(DEMO_PASSWORD);
  const logins: ScenarioLogin[] = [];
  for (const name of wanted) {
    await withSystem(db, async (tx) => {
      const b = new ScenarioBuilder(tx, dir, hash);
      await SCENARIOS[name](b, dir, now.getUTCFullYear());
      logins.push(...b.logins);
    });
  }
  return logins;
}
