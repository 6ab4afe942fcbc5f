import { sql } from 'drizzle-orm';
import type { Db } from '../../apps/server/src/platform/db/client.js';
import { uuidv7 } from '../../apps/server/src/platform/db/columns.js';
import { withSystem } from '../../apps/server/src/platform/db/tenant.js';
import { newSecret, sha256 } from '../../apps/server/src/platform/auth/tokens.js';
import { sessions } from '../../apps/server/src/platform/auth/auth.schema.js';
import { organisations } from '../../apps/server/src/modules/organisations/index.js';
import { roleGrants, users } from '../../apps/server/src/modules/users/index.js';

type OrgInsert = typeof organisations.$inferInsert;

/** Deterministic PRNG (mulberry32), so every run seeds the same shape. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFIX = ['Ober', 'Unter', 'Nieder', 'Hohen', 'Alt', 'Neu', 'Groß', 'Klein', 'Bad ', 'Sankt ', '', '', ''];
const STEM = ['bach', 'berg', 'feld', 'hausen', 'heim', 'dorf', 'stein', 'au', 'burg', 'tal', 'wald', 'brunn', 'hof', 'kirchen', 'furt', 'stadt'];
const ROOT = ['Eich', 'Linden', 'Buch', 'Rosen', 'Wiesen', 'Mühl', 'Sonnen', 'Birken', 'Tann', 'Wolfs', 'Hasel', 'Erlen', 'Kreuz', 'Markt', 'Ahorn', 'Fichten', 'Kalt', 'Weiden', 'Roth', 'Schön'];

export interface ProviderTree {
  provider: string;
  /** Every organisation of the tree, the provider included. */
  orgIds: string[];
  gemeinden: string[];
  /** Number of direct children per organisation, as seeded. */
  childCounts: Map<string, number>;
}

/**
 * One provider with `members` member organisations: Verwaltungsgemeinschaften with 5–20 Gemeinden
 * each, towns with schools below some of them, Zweckverbände and Schulträger; roughly the shape of
 * a Bavarian or Thuringian Landkreis-level IT provider.
 */
export function providerTree(label: string, members: number, seed: number): { rows: OrgInsert[]; tree: ProviderTree } {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const used = new Set<string>();
  const placeName = (): string => {
    for (;;) {
      const prefix = pick(PREFIX);
      const root = pick(ROOT);
      // "Ober" + "eich" + "bach", but "Bad " + "Eich" + "bach".
      const name = `${prefix}${prefix === '' || prefix.endsWith(' ') ? root : root.toLowerCase()}${pick(STEM)}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  let agsCounter = Math.floor(rand() * 1_000_000);
  const ags = () => String(9_000_0000 + (agsCounter++ % 1_000_000)).padStart(8, '0');
  const provider = uuidv7();
  const rows: OrgInsert[] = [
    { id: provider, parentId: null, providerId: provider, kind: 'provider', type: 'aoer', name: `${label} Kommunale IT AöR`, shortName: label, city: 'Musterstadt', email: `info@${label.toLowerCase()}.example` },
  ];
  const gemeinden: string[] = [];
  const member = (parentId: string, type: string, name: string, extra: Partial<OrgInsert> = {}) => {
    const id = uuidv7();
    const city = name.replace(/^(Gemeinde|Stadt|Markt|VG|Grundschule|Mittelschule|Gymnasium|Realschule|Zweckverband|Schulverband) /, '');
    rows.push({
      id,
      parentId,
      providerId: provider,
      kind: 'member',
      type,
      name,
      postalCode: String(10000 + Math.floor(rand() * 89999)),
      city,
      street: `${pick(['Haupt', 'Rathaus', 'Schul', 'Kirch', 'Markt'])}straße ${1 + Math.floor(rand() * 40)}`,
      email: `poststelle@${city.toLowerCase().replace(/[^a-z]/g, '')}${rows.length}.example`,
      phone: `0${Math.floor(1000 + rand() * 8999)} ${Math.floor(100000 + rand() * 899999)}`,
      ...extra,
    });
    return id;
  };
  const remaining = () => members - (rows.length - 1);
  // ~55 % Gemeinden in Verwaltungsgemeinschaften.
  while (rows.length - 1 < members * 0.55) {
    const vgName = placeName();
    const vg = member(provider, 'verwaltungsgemeinschaft', `VG ${vgName}`);
    const n = Math.min(5 + Math.floor(rand() * 16), remaining());
    for (let i = 0; i < n; i++) {
      const g = member(vg, 'gemeinde', `Gemeinde ${placeName()}`, { ags: ags() });
      gemeinden.push(g);
    }
  }
  // Towns, a third of them with two to four schools each.
  while (rows.length - 1 < members * 0.85) {
    const town = member(provider, pick(['stadt', 'stadt', 'gemeinde']), `${pick(['Stadt', 'Markt'])} ${placeName()}`, { ags: ags() });
    if (rand() < 0.34) {
      const schools = Math.min(2 + Math.floor(rand() * 3), remaining());
      for (let i = 0; i < schools; i++) {
        member(town, 'schule', `${pick(['Grundschule', 'Mittelschule', 'Realschule', 'Gymnasium'])} ${placeName()}`);
      }
    }
  }
  // The rest: Zweckverbände, Schulträger with a school, Eigenbetriebe.
  while (remaining() > 0) {
    const kind = pick(['zweckverband', 'schultraeger', 'eigenbetrieb'] as const);
    const id = member(provider, kind, `${kind === 'zweckverband' ? 'Zweckverband' : kind === 'schultraeger' ? 'Schulverband' : 'Eigenbetrieb'} ${placeName()}`);
    if (kind === 'schultraeger' && remaining() > 0) {
      member(id, 'schule', `Grundschule ${placeName()}`);
    }
  }
  const childCounts = new Map<string, number>(rows.map((r) => [r.id!, 0]));
  for (const r of rows) {
    if (r.parentId) {
      childCounts.set(r.parentId, childCounts.get(r.parentId)! + 1);
    }
  }
  return { rows, tree: { provider, orgIds: rows.map((r) => r.id!), gemeinden, childCounts } };
}

export interface BenchUser {
  id: string;
  label: string;
  /** Raw session token: the `verbund_session` cookie. */
  token: string;
}

export interface Seeded {
  main: ProviderTree;
  other: ProviderTree;
  agent: BenchUser;
  member: BenchUser;
  /** The member_user's Gemeinde: the one organisation it sees. */
  memberOrg: string;
}

/** Two provider trees, some background users and sessions, and the two callers of the bench. */
export async function seed(db: Db): Promise<Seeded> {
  const a = providerTree('KIT', 300, 42);
  const b = providerTree('RZV', 150, 7);
  const all = [...a.rows, ...b.rows];
  // Parents before children: rows are generated in that order; insert in chunks.
  await withSystem(db, async (tx) => {
    for (let i = 0; i < all.length; i += 200) {
      await tx.insert(organisations).values(all.slice(i, i + 200));
    }
  });

  const expires = new Date(Date.now() + 6 * 3_600_000);
  const agent: BenchUser = { id: uuidv7(), label: 'provider_agent', token: newSecret() };
  const member: BenchUser = { id: uuidv7(), label: 'member_user', token: newSecret() };
  const memberOrg = a.tree.gemeinden[Math.floor(a.tree.gemeinden.length / 2)]!;
  const userRows: (typeof users.$inferInsert)[] = [
    { id: agent.id, orgId: a.tree.provider, email: 'agent@bench.verbund', name: 'Bench Agent' },
    { id: member.id, orgId: memberOrg, email: 'member@bench.verbund', name: 'Bench Member' },
  ];
  const grantRows: (typeof roleGrants.$inferInsert)[] = [
    { userId: agent.id, orgId: a.tree.provider, role: 'provider_agent', includeDescendants: true },
    { userId: member.id, orgId: memberOrg, role: 'member_user', includeDescendants: false },
  ];
  const sessionRows: (typeof sessions.$inferInsert)[] = [
    { tokenHash: sha256(agent.token), userId: agent.id, expiresAt: expires },
    { tokenHash: sha256(member.token), userId: member.id, expiresAt: expires },
  ];
  // Background: one or two users per member organisation of both trees, each with a session, so
  // the sessions and role_grants lookups do not run against near-empty tables.
  for (const [i, orgId] of [...a.tree.orgIds, ...b.tree.orgIds].entries()) {
    for (let k = 0; k < 1 + (i % 2); k++) {
      const id = uuidv7();
      userRows.push({ id, orgId, email: `u${i}-${k}@bench.verbund`, name: `User ${i}/${k}` });
      grantRows.push({ userId: id, orgId, role: k === 0 ? 'member_admin' : 'member_user', includeDescendants: k === 0 });
      sessionRows.push({ tokenHash: sha256(newSecret()), userId: id, expiresAt: expires });
    }
  }
  await withSystem(db, async (tx) => {
    for (let i = 0; i < userRows.length; i += 200) {
      await tx.insert(users).values(userRows.slice(i, i + 200));
    }
    for (let i = 0; i < grantRows.length; i += 200) {
      await tx.insert(roleGrants).values(grantRows.slice(i, i + 200));
    }
    for (let i = 0; i < sessionRows.length; i += 200) {
      await tx.insert(sessions).values(sessionRows.slice(i, i + 200));
    }
  });
  await db.execute(sql`analyze`);
  return { main: a.tree, other: b.tree, agent, member, memberOrg };
}
