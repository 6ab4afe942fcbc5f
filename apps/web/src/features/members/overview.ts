import type { AgreementStatus } from './types';

/** Counts per key, in the order of `order` (keys outside it follow, by count). */
export function countBy<T>(rows: readonly T[], keyOf: (row: T) => string, order: readonly string[] = []): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const k = keyOf(r);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const known = order.filter((k) => counts.has(k)).map((k) => [k, counts.get(k)!] as [string, number]);
  const rest = [...counts.entries()].filter(([k]) => !order.includes(k)).sort((a, b) => b[1] - a[1]);
  return [...known, ...rest];
}

/** The status that describes a member best when it has several agreements: the most advanced one. */
const RANK: AgreementStatus[] = ['intent', 'signed', 'onboarding', 'active', 'notice_given', 'ended'];

export function memberStatus(statuses: readonly AgreementStatus[]): AgreementStatus | null {
  const live = statuses.filter((s) => s !== 'ended');
  const pool = live.length > 0 ? live : statuses;
  return pool.reduce<AgreementStatus | null>((best, s) => (best === null || RANK.indexOf(s) > RANK.indexOf(best) ? s : best), null);
}
