import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { allocatePlan, loadMembers, noGrantReductions, type GrantReductions } from './allocation-inputs.js';
import { fixedSharesError } from './allocation.js';
import type { CostPlanResponse, CostPoolCreateRequest, CostPoolUpdateRequest, PreviewResponse } from './billing.dto.js';
import type { CostPlanRow, CostPoolRow } from './billing.schema.js';
import * as repo from './cost-plans.repository.js';
import { has, resolveProvider } from './provider.js';

const num = (v: bigint) => Number(v);
/** Audit rows are JSON: cents as strings. */
const auditable = (p: CostPoolRow | undefined) =>
  p && { ...p, plannedCents: p.plannedCents.toString(), actualCents: p.actualCents === null ? null : p.actualCents.toString() };

function presentPool(p: CostPoolRow) {
  return {
    id: p.id,
    name: p.name,
    category: p.category,
    plannedCents: num(p.plannedCents),
    actualCents: p.actualCents === null ? null : num(p.actualCents),
    key: p.key,
    referenceDate: p.referenceDate,
    serviceIds: p.serviceIds,
    fixedShares: p.fixedShares,
    position: p.position,
  };
}

export function presentPlan(auth: AuthContext, plan: CostPlanRow, pools: CostPoolRow[]): CostPlanResponse {
  const mine = pools.filter((p) => p.planId === plan.id);
  const actualKnown = mine.length > 0 && mine.every((p) => p.actualCents !== null);
  return {
    id: plan.id,
    providerId: plan.orgId,
    year: plan.year,
    title: plan.title,
    notes: plan.notes,
    plannedCents: num(mine.reduce((a, p) => a + p.plannedCents, 0n)),
    actualCents: actualKnown ? num(mine.reduce((a, p) => a + (p.actualCents ?? 0n), 0n)) : null,
    pools: mine.map(presentPool),
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    abilities: { manage: has(auth, plan.orgId, 'billing.manage') },
  };
}

/** Checks a pool's key settings: usage needs services, fixed needs shares adding up to 100 %. */
function checkPool(p: Pick<CostPoolRow, 'key' | 'serviceIds' | 'fixedShares'>) {
  if (p.key === 'usage' && p.serviceIds.length === 0) {
    throw new UnprocessableError('A pool split by usage names the services whose quantities count.', [{ field: 'body/serviceIds', message: 'at least one service' }]);
  }
  if (p.key === 'fixed') {
    const e = fixedSharesError(p.fixedShares);
    if (e) {
      throw new UnprocessableError(e, [{ field: 'body/fixedShares', message: e }]);
    }
  }
}

/** Yearly cost plans of a provider: pools with amounts and keys, and the allocation preview. */
export class CostPlansService {
  constructor(
    private readonly db: Db,
    private readonly grants: GrantReductions = noGrantReductions,
  ) {}

  async list(auth: AuthContext, q: { providerId?: string; year?: number }) {
    return withTenant(this.db, auth, async (tx) => {
      const pid = await resolveProvider(tx, auth, 'billing.read', q.providerId);
      const plans = await repo.listPlans(tx, auth, pid, q.year);
      const pools = await repo.poolsOf(tx, auth, plans.map((p) => p.id));
      return { items: plans.map((p) => presentPlan(auth, p, pools)) };
    });
  }

  async get(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      const plan = await this.load(tx, auth, 'billing.read', id);
      return presentPlan(auth, plan, await repo.poolsOf(tx, auth, [id]));
    });
  }

  private async load(tx: Tx, auth: AuthContext, permission: 'billing.read' | 'billing.manage', id: string) {
    await access.require(tx, auth, permission, [id]);
    const plan = await repo.findPlan(tx, auth, id);
    if (!plan) {
      throw new NotFoundError();
    }
    return plan;
  }

  async create(auth: AuthContext, input: { year: number; title: string; notes?: string | null }, providerId?: string) {
    return withTenant(this.db, auth, async (tx) => {
      const pid = await resolveProvider(tx, auth, 'billing.manage', providerId);
      if (await repo.findPlanByYear(tx, auth, pid, input.year)) {
        throw new ConflictError(`There is already a cost plan for ${input.year}.`);
      }
      const row = await repo.insertPlan(tx, auth, { orgId: pid, year: input.year, title: input.title, notes: input.notes ?? null });
      await recordAudit(tx, auth, { orgId: pid, entityType: 'cost_plan', entityId: row.id, action: 'create', after: row });
      return presentPlan(auth, row, []);
    });
  }

  async update(auth: AuthContext, id: string, input: { title?: string; notes?: string | null }) {
    return withTenant(this.db, auth, async (tx) => {
      const before = await this.load(tx, auth, 'billing.manage', id);
      const row = (await repo.updatePlan(tx, auth, id, input))!;
      await recordAudit(tx, auth, { orgId: row.orgId, entityType: 'cost_plan', entityId: id, action: 'update', before, after: row });
      return presentPlan(auth, row, await repo.poolsOf(tx, auth, [id]));
    });
  }

  async addPool(auth: AuthContext, planId: string, input: CostPoolCreateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      const plan = await this.load(tx, auth, 'billing.manage', planId);
      const values = {
        orgId: plan.orgId,
        planId,
        name: input.name,
        category: input.category,
        plannedCents: BigInt(input.plannedCents),
        actualCents: input.actualCents === undefined || input.actualCents === null ? null : BigInt(input.actualCents),
        key: input.key,
        referenceDate: input.referenceDate ?? null,
        serviceIds: input.serviceIds ?? [],
        fixedShares: input.fixedShares ?? {},
        position: input.position ?? (await repo.poolsOf(tx, auth, [planId])).length,
      };
      checkPool(values);
      const row = await repo.insertPool(tx, auth, values);
      await recordAudit(tx, auth, { orgId: plan.orgId, entityType: 'cost_pool', entityId: row.id, action: 'create', after: auditable(row) });
      return presentPlan(auth, plan, await repo.poolsOf(tx, auth, [planId]));
    });
  }

  async updatePool(auth: AuthContext, planId: string, poolId: string, input: CostPoolUpdateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      const plan = await this.load(tx, auth, 'billing.manage', planId);
      const before = await repo.findPool(tx, auth, planId, poolId);
      if (!before) {
        throw new NotFoundError();
      }
      const changes: Partial<CostPoolRow> = {};
      for (const k of ['name', 'category', 'key', 'referenceDate', 'serviceIds', 'fixedShares', 'position'] as const) {
        if (input[k] !== undefined) {
          (changes as Record<string, unknown>)[k] = input[k];
        }
      }
      if (input.plannedCents !== undefined) {
        changes.plannedCents = BigInt(input.plannedCents);
      }
      if (input.actualCents !== undefined) {
        changes.actualCents = input.actualCents === null ? null : BigInt(input.actualCents);
      }
      checkPool({ ...before, ...changes });
      const row = await repo.updatePool(tx, auth, poolId, changes);
      await recordAudit(tx, auth, { orgId: plan.orgId, entityType: 'cost_pool', entityId: poolId, action: 'update', before: auditable(before), after: auditable(row) });
      return presentPlan(auth, plan, await repo.poolsOf(tx, auth, [planId]));
    });
  }

  async deletePool(auth: AuthContext, planId: string, poolId: string) {
    await withTenant(this.db, auth, async (tx) => {
      const plan = await this.load(tx, auth, 'billing.manage', planId);
      const before = await repo.findPool(tx, auth, planId, poolId);
      if (!before) {
        throw new NotFoundError();
      }
      await repo.deletePool(tx, auth, poolId);
      await recordAudit(tx, auth, { orgId: plan.orgId, entityType: 'cost_pool', entityId: poolId, action: 'delete', before: auditable(before) });
    });
  }

  /** Every member's amount per pool with the figures behind it; sums to each pool to the cent. */
  async preview(auth: AuthContext, planId: string, q: { basis: 'planned' | 'actual'; periodStart?: string; periodEnd?: string }): Promise<PreviewResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const plan = await this.load(tx, auth, 'billing.read', planId);
      const period = { start: q.periodStart ?? `${plan.year}-01-01`, end: q.periodEnd ?? `${plan.year}-12-31` };
      if (period.start.slice(0, 4) !== String(plan.year) || period.end.slice(0, 4) !== String(plan.year) || period.end < period.start) {
        throw new UnprocessableError(`The period must lie within ${plan.year}.`, [{ field: 'querystring/periodEnd', message: `within ${plan.year}` }]);
      }
      const pools = await repo.poolsOf(tx, auth, [planId]);
      const members = await loadMembers(tx, auth, plan.orgId);
      const result = await allocatePlan(tx, auth, { providerId: plan.orgId, year: plan.year, pools, basis: q.basis, members, period, grants: this.grants });
      const names = new Map(members.map((m) => [m.orgId, m.name]));
      const totals = new Map<string, bigint>();
      const warnings: string[] = [];
      if (q.basis === 'actual' && pools.some((p) => p.actualCents === null)) {
        warnings.push('Für einige Kostenpools fehlen noch die Ist-Kosten; sie zählen mit 0.');
      }
      const outPools = result.pools.map(({ pool, allocation, reduced, context }) => {
        for (const m of allocation.members) {
          totals.set(m.orgId, (totals.get(m.orgId) ?? 0n) + m.cents);
        }
        if (allocation.unassigned !== 0n) {
          warnings.push(`Pool „${pool.name}“: kein Mitglied hat einen Schlüsselwert; der Betrag bleibt unverteilt.`);
        }
        return {
          poolId: pool.id,
          name: pool.name,
          key: pool.key,
          referenceDate: context.referenceDate,
          grossCents: num(reduced.grossCents),
          reductionCents: num(reduced.reductionCents),
          baseCents: num(allocation.pool.cents),
          unassignedCents: num(allocation.unassigned),
          members: allocation.members.map((m) => ({
            orgId: m.orgId,
            orgName: names.get(m.orgId) ?? '',
            keyValue: m.keyValue.toString(),
            days: m.days,
            sharePercent: m.sharePercent,
            amountCents: num(m.cents),
          })),
        };
      });
      if (members.length === 0) {
        warnings.push('Noch kein Mitglied mit aktiver Vereinbarung: es gibt niemanden, auf den verteilt wird.');
      }
      return {
        planId,
        year: plan.year,
        basis: q.basis,
        periodStart: period.start,
        periodEnd: period.end,
        pools: outPools,
        members: members.map((m) => ({ orgId: m.orgId, orgName: m.name, from: m.from, to: m.to, totalCents: num(totals.get(m.orgId) ?? 0n) })),
        totalCents: num([...totals.values()].reduce((a, b) => a + b, 0n)),
        warnings,
      };
    });
  }
}
