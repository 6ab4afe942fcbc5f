import { hashPassword } from '../../platform/auth/password.js';
import type { Db } from '../../platform/db/client.js';
import type { FileStore } from '../../platform/files/index.js';
import { withSystem } from '../../platform/db/tenant.js';
import { placeDemoAssets, seedAssets } from '../assets.js';
import { seedCatalog } from '../catalog.js';
import { seedKnowledgeAndMail } from '../knowledge-mail.js';
import { seedTickets } from '../tickets.js';
import { seedBilling } from '../billing.js';
import { INFRASTRUCTURE, seedInfrastructure } from '../infrastructure.js';
import { seedGrants } from '../grants.js';
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
export async function seedScenarios(
  db: Db,
  names: readonly (ScenarioName | 'all')[],
  opts: { now?: Date; files?: FileStore } = {},
): Promise<ScenarioLogin[]> {
  const now = opts.now ?? new Date();
  const wanted = names.includes('all') ? SCENARIO_NAMES : SCENARIO_NAMES.filter((n) => names.includes(n));
  const dir = directory();
  const hash = await hashPassword(DEMO_PASSWORD);
  const logins: ScenarioLogin[] = [];
  for (const name of wanted) {
    let b: ScenarioBuilder | undefined;
    try {
      await withSystem(db, async (tx) => {
        b = new ScenarioBuilder(tx, dir, hash, opts.files);
        const provider = await SCENARIOS[name](b, dir, now.getUTCFullYear());
        await b.flush();
        await seedCatalog(tx, provider, { year: now.getUTCFullYear(), vat: name === 'kitu' ? 'taxable' : 'public' });
        // Before the infrastructure seed: its backup jobs pick up the members' servers from the inventory.
        if (name === 'kids' || name === 'kits') {
          await seedAssets(tx, provider, { now, workplaceOwner: name === 'kids' ? 'member' : 'provider' });
        }
        await seedTickets(tx, provider, { now });
        // After the tickets: the demo outbox quotes the latest of them.
        await seedKnowledgeAndMail(tx, provider, { now });
        await seedBilling(tx, provider, { year: now.getUTCFullYear(), vat: name === 'kitu' ? 'taxable' : 'public', index: SCENARIO_NAMES.indexOf(name) });
        // Sites, data centres and backups last: backup jobs name the members' servers from the inventory.
        const infra = INFRASTRUCTURE[name];
        if (infra) {
          await seedInfrastructure(tx, provider, { ...infra, now });
          await placeDemoAssets(tx, provider);
        }
        // Grants last: expenses name assets of the data centre from the inventory.
        if (name === 'kids' || name === 'kits') {
          await seedGrants(tx, provider, { scenario: name, now });
        }
      });
    } catch (e) {
      // The rows are rolled back; the files of the signed copies go too.
      for (const key of b?.storedKeys ?? []) {
        await opts.files?.delete(key);
      }
      throw e;
    }
    logins.push(...b!.logins);
  }
  return logins;
}
