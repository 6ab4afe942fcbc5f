import type { Role } from '@verbund/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.js';
import { uuidv7 } from '../platform/db/columns.js';
import { withSystem } from '../platform/db/tenant.js';
import { hashPassword } from '../platform/auth/password.js';
import { organisations, organisationsRepository } from '../modules/organisations/index.js';
import { roleGrants, users } from '../modules/users/index.js';

/** `verbund users create`: the operator's way to the first admin of a new provider. */
export async function createUserCli(
  db: Db,
  o: { email: string; name: string; password: string; org?: string; provider?: string; role: Role; descendants: boolean },
): Promise<{ userId: string; orgId: string }> {
  if (!o.org === !o.provider) {
    throw new Error('Give exactly one of --org <id> or --provider <name>.');
  }
  if (o.password.length < 12) {
    throw new Error('The password needs at least 12 characters.');
  }
  const passwordHash = await hashPassword(o.password);
  return withSystem(db, async (tx) => {
    let orgId = o.org;
    if (o.provider) {
      orgId = uuidv7();
      await organisationsRepository.insertProvider(tx, { id: orgId, type: 'sonstige', name: o.provider });
    } else {
      const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, orgId!));
      if (!org) {
        throw new Error(`No organisation ${orgId}.`);
      }
    }
    const userId = uuidv7();
    await tx.insert(users).values({ id: userId, orgId: orgId!, email: o.email, name: o.name, passwordHash });
    await tx.insert(roleGrants).values({ userId, orgId: orgId!, role: o.role, includeDescendants: o.descendants });
    return { userId, orgId: orgId! };
  });
}
