/**
 * Gathers what allocation needs from other modules (agreements for membership dates and VAT,
 * members for population and workstations, catalogue for usage), in the caller's transaction,
 * and runs the pure allocation over a plan's pools.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { membershipsOf } from '../agreements/index.js';
import { billableSubscriptions, type BillableSubscription } from '../catalog/index.js';
import { allocationCutoff, valuesAt } from '../members/index.js';
import { organisations } from '../organisations/index.js';
import {
  allocatePool,
  applyReductions,
  coveredDays,
  daysInclusive,
  parseScaled,
  periodShare,
  type KeyInput,
  type Period,
  type PoolAllocation,
  type PoolReduction,
  type ReducedPool,
} from './allocation.js';
import type { CostPoolRow } from './billing.schema.js';

export interface VatOfMember {
  category: 'S' | 'O' | 'E';
  rate: string | null;
  reason: string | null;
}

export interface MemberInfo {
  orgId: string;
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  from: string | null;
  to: string | null;
  vat: VatOfMember;
}

function vatOf(treatment: 'not_taxable_2b' | 'taxable_19' | 'exempt', reason: string | null): VatOfMember {
  switch (treatment) {
    case 'not_taxable_2b':
      return { category: 'O', rate: null, reason: null };
    case 'exempt':
      return { category: 'E', rate: '0', reason: reason ?? 'Steuerfreie Leistung' };
    case 'taxable_19':
      return { category: 'S', rate: '19', reason: null };
  }
}

/**
 * Members of the provider that were ever active, with their membership (earliest start, latest
 * end over their agreements; open when any is open) and the VAT treatment of the newest agreement.
 */
export async function loadMembers(tx: Tx, scope: TenantScope, providerId: string): Promise<MemberInfo[]> {
  const ms = await membershipsOf(tx, scope, providerId);
  if (ms.length === 0) {
    return [];
  }
  const orgIds = [...new Set(ms.map((m) => m.orgId))];
  const orgs = await tx
    .select({ id: organisations.id, name: organisations.name, street: organisations.street, postalCode: organisations.postalCode, city: organisations.city })
    .from(organisations)
    .where(and(inIds(organisations.id, orgIds), inIds(organisations.id, scope.orgIds), eq(organisations.providerId, providerId)));
  const byOrg = new Map(orgs.map((o) => [o.id, o]));
  const out = new Map<string, MemberInfo>();
  for (const m of ms) {
    const o = byOrg.get(m.orgId);
    if (!o) {
      continue;
    }
    const cur = out.get(m.orgId);
    if (!cur) {
      out.set(m.orgId, { orgId: o.id, name: o.name, street: o.street, postalCode: o.postalCode, city: o.city, from: m.from, to: m.to, vat: vatOf(m.vatTreatment, m.vatExemptReason) });
      continue;
    }
    cur.from = cur.from && m.from < cur.from ? m.from : cur.from;
    cur.to = cur.to === null || m.to === null ? null : m.to > cur.to ? m.to : cur.to;
    cur.vat = vatOf(m.vatTreatment, m.vatExemptReason);
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'de') || a.orgId.localeCompare(b.orgId));
}

/** Quantity-days (4 decimals) per member of the given services in the period. */
export function quantityDays(subs: readonly BillableSubscription[], serviceIds: readonly string[]): Map<string, bigint> {
  const wanted = new Set(serviceIds);
  const out = new Map<string, bigint>();
  for (const s of subs) {
    if (!wanted.has(s.serviceId)) {
      continue;
    }
    let v = out.get(s.memberId) ?? 0n;
    for (const g of s.segments) {
      v += (parseScaled(g.quantity, 4) ?? 0n) * BigInt(g.days);
    }
    out.set(s.memberId, v);
  }
  return out;
}

/** Why a pool's key value is what it is, for the explanation. */
export interface KeyContext {
  referenceDate: string | null;
}

/** Key inputs of one pool for the members over `period` (membership days within the period). */
export async function keyInputs(
  tx: Tx,
  scope: TenantScope,
  providerId: string,
  pool: CostPoolRow,
  members: readonly MemberInfo[],
  period: Period,
  year: number,
  usage: () => Promise<BillableSubscription[]>,
): Promise<{ inputs: KeyInput[]; context: KeyContext }> {
  const ids = members.map((m) => m.orgId);
  const days = members.map((m) => coveredDays(period, m));
  switch (pool.key) {
    case 'population':
    case 'workstations': {
      const date = pool.referenceDate ?? allocationCutoff(year);
      const values = await valuesAt(tx, scope, pool.key, ids, date);
      return {
        inputs: members.map((m, i) => ({ orgId: m.orgId, keyValue: BigInt(values.get(m.orgId)?.value ?? 0), days: days[i]! })),
        context: { referenceDate: date },
      };
    }
    case 'usage': {
      const qd = quantityDays(await usage(), pool.serviceIds);
      return {
        inputs: members.map((m, i) => {
          const v = days[i]! > 0 ? (qd.get(m.orgId) ?? 0n) : 0n;
          return { orgId: m.orgId, keyValue: v, days: days[i]!, weight: v };
        }),
        context: { referenceDate: null },
      };
    }
    case 'equal':
      return { inputs: members.map((m, i) => ({ orgId: m.orgId, keyValue: 1n, days: days[i]! })), context: { referenceDate: null } };
    case 'fixed':
      return {
        inputs: members.map((m, i) => ({ orgId: m.orgId, keyValue: BigInt(pool.fixedShares[m.orgId] ?? 0), days: days[i]! })),
        context: { referenceDate: null },
      };
  }
  void providerId;
}

/**
 * The grants hook: reductions of pools by grants received. The grants module registers its
 * provider here (`setGrantReductions`); until then nothing reduces a pool.
 */
export type GrantReductions = (tx: Tx, scope: TenantScope, providerId: string, year: number, poolIds: readonly string[]) => Promise<PoolReduction[]>;
export const noGrantReductions: GrantReductions = async () => [];

export interface PlanAllocation {
  period: Period;
  reduced: ReducedPool[];
  pools: { pool: CostPoolRow; context: KeyContext; allocation: PoolAllocation; reduced: ReducedPool }[];
}

/**
 * Allocates every pool of a plan over `period`: pools (planned or actual) less grants, cut to the
 * period by days, split by key with members pro rata by day, to the cent.
 */
export async function allocatePlan(
  tx: Tx,
  scope: TenantScope,
  args: {
    providerId: string;
    year: number;
    pools: readonly CostPoolRow[];
    basis: 'planned' | 'actual';
    members: readonly MemberInfo[];
    period: Period;
    grants: GrantReductions;
  },
): Promise<PlanAllocation> {
  const { providerId, year, pools, members, period } = args;
  const amounts = pools.map((p) => ({ id: p.id, cents: args.basis === 'actual' ? (p.actualCents ?? 0n) : p.plannedCents }));
  const reductions = await args.grants(tx, scope, providerId, year, pools.map((p) => p.id));
  const reduced = applyReductions(amounts, reductions);
  let usageCache: Promise<BillableSubscription[]> | undefined;
  const usage = () => (usageCache ??= billableSubscriptions(tx, providerId, period.start, period.end));
  const periodDays = daysInclusive(period.start, period.end);
  const out: PlanAllocation['pools'] = [];
  for (const [i, pool] of pools.entries()) {
    const r = reduced[i]!;
    const base = periodShare(r.netCents, year, period);
    const { inputs, context } = await keyInputs(tx, scope, providerId, pool, members, period, year, usage);
    out.push({ pool, context, reduced: r, allocation: allocatePool({ id: pool.id, name: pool.name, key: pool.key, cents: base }, inputs, periodDays) });
  }
  return { period, reduced, pools: out };
}
