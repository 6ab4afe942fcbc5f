import type { OrganisationType } from '@verbund/shared';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import type { Tx } from '../../platform/db/client.js';
import { agreementStatusesOf } from '../agreements/index.js';
import { organisationsRepository } from '../organisations/index.js';
import type { MemberOverviewResponse } from './members.dto.js';
import { memberPopulation } from './members.schema.js';
import * as repo from './members.repository.js';

type Status = MemberOverviewResponse['byStatus'][number]['status'];

/** The lifecycle order; a member's status is its most advanced live agreement's. */
const RANK = ['intent', 'signed', 'onboarding', 'active', 'notice_given', 'ended'] as const;
/** Members in these states are served: their population counts as population served. */
const SERVED = new Set<Status>(['onboarding', 'active', 'notice_given']);

/** The status that describes a member best when it has several agreements: the most advanced live one. */
export function memberStatus(statuses: readonly (typeof RANK)[number][]): (typeof RANK)[number] | null {
  const live = statuses.filter((s) => s !== 'ended');
  const pool = live.length > 0 ? live : statuses;
  return pool.reduce<(typeof RANK)[number] | null>((best, s) => (best === null || RANK.indexOf(s) > RANK.indexOf(best) ? s : best), null);
}

/**
 * The provider overview's figures for the members below `orgId`: counts by status and by type, and
 * the population served (the latest population on or before `date` of each served member, summed
 * here, not in the browser). Needs agreement.read on `orgId`.
 */
export async function memberOverview(tx: Tx, auth: AuthContext, orgId: string, date: string): Promise<MemberOverviewResponse> {
  await access.require(tx, auth, 'agreement.read', [orgId]);
  const members = await organisationsRepository.membersWithin(tx, auth, orgId);
  const ids = members.map((m) => m.id);
  const statuses = new Map<string, (typeof RANK)[number][]>();
  for (const a of await agreementStatusesOf(tx, auth, ids)) {
    statuses.set(a.orgId, [...(statuses.get(a.orgId) ?? []), a.status]);
  }
  const byStatus = new Map<Status, number>();
  const byType = new Map<string, number>();
  const served: string[] = [];
  for (const m of members) {
    const s: Status = memberStatus(statuses.get(m.id) ?? []) ?? 'none';
    byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
    byType.set(m.type, (byType.get(m.type) ?? 0) + 1);
    if (SERVED.has(s)) {
      served.push(m.id);
    }
  }
  const population = await repo.valuesAt(tx, auth, memberPopulation, served, date);
  const sum = population.reduce((acc, p) => acc + p.value, 0);
  return {
    orgId,
    date,
    members: members.length,
    served: served.length,
    population: {
      sum,
      counted: population.length,
      latestReferenceDate: population.reduce<string | null>((d, p) => (d === null || p.referenceDate > d ? p.referenceDate : d), null),
    },
    byStatus: [...RANK, 'none' as const].filter((s) => byStatus.has(s)).map((s) => ({ status: s, count: byStatus.get(s)! })),
    byType: [...byType.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([type, count]) => ({ type: type as OrganisationType, count })),
  };
}
