import type { OrganisationType, Role } from '@verbund/shared';
import type { Db } from '../src/platform/db/client.js';
import { uuidv7 } from '../src/platform/db/columns.js';
import { withSystem } from '../src/platform/db/tenant.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { sessions } from '../src/platform/auth/auth.schema.js';
import { newSecret, sha256 } from '../src/platform/auth/tokens.js';
import { organisations } from '../src/modules/organisations/index.js';
import { roleGrants, users } from '../src/modules/users/index.js';

export const TEST_PASSWORD = 'test-password-123';
let hashed: Promise<string> | undefined;
/** argon2 is slow on purpose; one hash serves every factory user of a test file. */
const passwordHash = () => (hashed ??= hashPassword(TEST_PASSWORD));

export interface TestUser {
  id: string;
  email: string;
  orgId: string;
  /** Raw session token, usable as the `verbund_session` cookie. */
  session: string;
}

export interface Tree {
  provider: string;
  vg: string;
  gemeindeA: string;
  gemeindeB: string;
  town: string;
  users: {
    admin: TestUser;
    agent: TestUser;
    finance: TestUser;
    auditor: TestUser;
    vgAdmin: TestUser;
    userA: TestUser;
    townUser: TestUser;
  };
}

const unique = () => uuidv7().slice(-12);

export async function makeOrg(
  db: Db,
  o: { parentId: string | null; providerId?: string; type?: OrganisationType; name?: string },
): Promise<string> {
  const id = uuidv7();
  await withSystem(db, (tx) =>
    tx.insert(organisations).values({
      id,
      parentId: o.parentId,
      providerId: o.providerId ?? id,
      kind: o.parentId ? 'member' : 'provider',
      type: o.type ?? (o.parentId ? 'gemeinde' : 'aoer'),
      name: o.name ?? `Org ${unique()}`,
    }),
  );
  return id;
}

export async function makeUser(
  db: Db,
  orgId: string,
  grants: { orgId?: string; role: Role; includeDescendants?: boolean }[],
  opts: { active?: boolean } = {},
): Promise<TestUser> {
  const id = uuidv7();
  const email = `u-${unique()}@test.verbund`;
  const session = newSecret();
  const hash = await passwordHash();
  await withSystem(db, async (tx) => {
    await tx.insert(users).values({ id, orgId, email, name: `User ${email}`, passwordHash: hash, active: opts.active ?? true });
    for (const g of grants) {
      await tx.insert(roleGrants).values({ userId: id, orgId: g.orgId ?? orgId, role: g.role, includeDescendants: g.includeDescendants ?? false });
    }
    await tx.insert(sessions).values({ tokenHash: sha256(session), userId: id, expiresAt: new Date(Date.now() + 3_600_000) });
  });
  return { id, email, orgId, session };
}

/**
 * A whole provider tree of its own, so tests never collide and never truncate:
 * provider → VG → (Gemeinde A, Gemeinde B); provider → town; with one user per role.
 */
export async function makeTree(db: Db): Promise<Tree> {
  const provider = await makeOrg(db, { parentId: null, name: `Provider ${unique()}` });
  const vg = await makeOrg(db, { parentId: provider, providerId: provider, type: 'verwaltungsgemeinschaft', name: `VG ${unique()}` });
  const gemeindeA = await makeOrg(db, { parentId: vg, providerId: provider, name: `Gemeinde A ${unique()}` });
  const gemeindeB = await makeOrg(db, { parentId: vg, providerId: provider, name: `Gemeinde B ${unique()}` });
  const town = await makeOrg(db, { parentId: provider, providerId: provider, type: 'stadt', name: `Stadt ${unique()}` });
  const deep = (role: Role, orgId = provider) => [{ orgId, role, includeDescendants: true }];
  return {
    provider,
    vg,
    gemeindeA,
    gemeindeB,
    town,
    users: {
      admin: await makeUser(db, provider, deep('provider_admin')),
      agent: await makeUser(db, provider, deep('provider_agent')),
      finance: await makeUser(db, provider, deep('provider_finance')),
      auditor: await makeUser(db, provider, deep('auditor')),
      vgAdmin: await makeUser(db, vg, deep('member_admin', vg)),
      userA: await makeUser(db, gemeindeA, [{ role: 'member_user' }]),
      townUser: await makeUser(db, town, [{ role: 'member_user' }]),
    },
  };
}
