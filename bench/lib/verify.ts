import { SESSION_COOKIE } from '../../apps/server/src/platform/auth/auth.plugin.js';
import type { BenchUser, Seeded } from './seed.js';

export const LIMIT = 50;
export const PATH = `/api/v1/organisations?limit=${LIMIT}`;

export type RawRow = Record<string, unknown> & { id: string; total: number };
export type RawQuery = (userId: string) => Promise<RawRow[]>;

type ApiItem = Record<string, unknown> & { id: string; name: string };
interface ApiPage {
  items: ApiItem[];
  nextCursor: string | null;
  total: number;
}

export async function getPage(base: string, token: string, cursor?: string): Promise<ApiPage> {
  const res = await fetch(`${base}${PATH}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
    headers: { cookie: `${SESSION_COOKIE}=${token}` },
  });
  if (res.status !== 200) {
    throw new Error(`GET ${PATH} answered ${res.status}: ${await res.text()}`);
  }
  return (await res.json()) as ApiPage;
}

/** API field → raw column, for the field-by-field comparison. */
const FIELDS: [string, string][] = [
  ['parentId', 'parent_id'],
  ['providerId', 'provider_id'],
  ['kind', 'kind'],
  ['type', 'type'],
  ['name', 'name'],
  ['shortName', 'short_name'],
  ['ags', 'ags'],
  ['ars', 'ars'],
  ['street', 'street'],
  ['postalCode', 'postal_code'],
  ['city', 'city'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['website', 'website'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
  ['childCount', 'child_count'],
];

const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v).toISOString() : (v ?? null));

/**
 * Before measuring anything: the API and the raw statement return the same rows and total, and the
 * caller sees exactly its own tree, paging through all of it (no organisation of the other
 * provider anywhere). Row or isolation differences abort the bench; differing field values are
 * reported as findings, since the bench should still measure.
 */
export async function verify(base: string, s: Seeded, user: BenchUser, expected: string[], raw: RawQuery): Promise<string[]> {
  const first = await getPage(base, user.token);
  const rows = await raw(user.id);
  if (first.total !== expected.length || rows[0]?.total !== expected.length) {
    throw new Error(`${user.label}: total ${first.total} (API) / ${rows[0]?.total} (raw), expected ${expected.length}`);
  }
  if (first.items.map((i) => i.id).join() !== rows.slice(0, LIMIT).map((r) => r.id).join()) {
    throw new Error(`${user.label}: API page and raw rows differ`);
  }
  const allowed = new Set(expected);
  const foreign = new Set(s.other.orgIds);
  const findings: string[] = [];
  let seen = 0;
  const wrongCounts: ApiItem[] = [];
  for (let p: ApiPage | undefined = first; p; p = p.nextCursor ? await getPage(base, user.token, p.nextCursor) : undefined) {
    for (const item of p.items) {
      if (!allowed.has(item.id) || foreign.has(item.id)) {
        throw new Error(`${user.label}: isolation broken, saw ${item.id} (${item.name})`);
      }
      if (item.childCount !== s.main.childCounts.get(item.id)) {
        wrongCounts.push(item);
      }
      seen++;
    }
  }
  if (seen !== expected.length) {
    throw new Error(`${user.label}: paged through ${seen} organisations, expected ${expected.length}`);
  }
  if (wrongCounts.length) {
    const e = wrongCounts[0]!;
    findings.push(`${user.label}: \`childCount\` is wrong for ${wrongCounts.length} of ${seen} organisations across all pages (e.g. ${e.name}: API ${JSON.stringify(e.childCount)}, seeded ${s.main.childCounts.get(e.id)})`);
  }
  for (const [api, col] of FIELDS) {
    const differing = first.items.filter((item, i) => norm(item[api]) !== norm(rows[i]![col]));
    if (differing.length) {
      const d = differing[0]!;
      const r = rows.find((x) => x.id === d.id)!;
      findings.push(`${user.label}: \`${api}\` differs from raw SQL on ${differing.length} of ${first.items.length} rows (e.g. ${d.name}: API ${JSON.stringify(d[api])}, SQL ${JSON.stringify(norm(r[col]))})`);
    }
  }
  return findings;
}
