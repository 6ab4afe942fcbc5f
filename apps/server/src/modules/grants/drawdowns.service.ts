import { and, eq } from 'drizzle-orm';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { costPools, type GrantReductions, type PoolReduction } from '../billing/index.js';
import { berlinToday, grantFull, grantView } from './grants.access.js';
import type { DrawdownComputationResponse, DrawdownCreateRequest, DrawdownResponse, DrawdownStatusRequest } from './grants.dto.js';
import * as ddRepo from './drawdowns.repository.js';
import * as repo from './grants.repository.js';
import { computeDrawdown, drawdownNext, fromCents, toCents } from './grants.rules.js';

function presentDrawdown(d: ddRepo.DrawdownWithNames, manage: boolean): DrawdownResponse {
  return {
    id: d.id,
    number: d.number,
    member: d.memberId ? { id: d.memberId, name: d.memberName ?? '' } : null,
    requestedOn: d.requestedOn,
    computedAmount: d.computedAmount,
    amount: d.amount,
    status: d.status,
    approvedOn: d.approvedOn,
    receivedOn: d.receivedOn,
    costPoolId: d.costPoolId,
    warnings: d.warnings,
    expenseCount: d.expenseCount,
    notes: d.notes,
    abilities: { next: manage ? (drawdownNext(d.status) as ('approved' | 'received')[]) : [] },
  };
}

/** Drawdowns (Mittelabrufe): computed from the linked expenses by the rules, then requested → approved → received. */
export class DrawdownsService {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(auth: AuthContext, grantId: string): Promise<{ items: DrawdownResponse[] }> {
    return withTenant(this.db, auth, async (tx) => {
      const v = await grantView(tx, auth, 'grant.read', grantId);
      const manage = auth.permissions.get(v.grant.orgId)?.has('grant.manage') ?? false;
      const rows = await ddRepo.drawdowns(tx, auth, [grantId], v.full ? undefined : v.memberIds);
      return { items: rows.map((d) => presentDrawdown(d, manage)) };
    });
  }

  /** What a drawdown would claim now: included expenses, pro-rata amount, warnings. */
  async preview(auth: AuthContext, grantId: string, q: { memberId?: string | null; requestedOn?: string; amount?: string }): Promise<DrawdownComputationResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const grant = await grantFull(tx, auth, 'grant.read', grantId);
      return this.compute(tx, auth, grant, q);
    });
  }

  private async compute(
    tx: Tx,
    auth: AuthContext,
    grant: repo.GrantWithProgramme,
    q: { memberId?: string | null; requestedOn?: string; amount?: string },
  ): Promise<DrawdownComputationResponse> {
    const requestedOn = q.requestedOn ?? berlinToday(this.clock());
    const memberId = q.memberId ?? null;
    if (grant.paysPerMember && !memberId) {
      throw new UnprocessableError('This programme pays per member: name the member.', [{ field: 'body/memberId', message: 'a beneficiary member' }]);
    }
    let member: { amountCents: bigint; earlierCents: bigint } | undefined;
    if (memberId) {
      const ben = (await repo.beneficiaries(tx, auth, [grant.id])).find((b) => b.b.orgId === memberId);
      if (!ben) {
        throw new UnprocessableError('The member is not a beneficiary of this grant.', [{ field: 'body/memberId', message: 'a beneficiary member' }]);
      }
      const drawn = (await ddRepo.drawnPerMember(tx, auth, grant.id)).get(memberId)?.drawn ?? '0.00';
      member = { amountCents: toCents(ben.b.amount), earlierCents: toCents(drawn) };
    }
    const all = await repo.expenses(tx, auth, grant.id, memberId ? [memberId] : undefined);
    const earlier = (await ddRepo.totals(tx, auth, [grant.id])).get(grant.id)!.drawn;
    const c = computeDrawdown({
      terms: { amountCents: toCents(grant.amount), eligibleCents: toCents(grant.eligibleCost), periodStart: grant.periodStart, periodEnd: grant.periodEnd },
      expenses: all.map((e) => ({ id: e.id, amountCents: toCents(e.amount), expenseDate: e.expenseDate, dueDate: e.dueDate, drawn: e.drawdownId !== null })),
      requestDate: requestedOn,
      earlierCents: toCents(earlier),
      member,
      requestedCents: q.amount ? toCents(q.amount) : null,
    });
    return {
      requestedOn,
      latestDue: c.latestDue,
      memberId,
      expenseIds: c.included,
      excluded: c.excluded,
      expenses: fromCents(c.expenseCents),
      proRata: fromCents(c.proRataCents),
      ownShare: fromCents(c.ownShareCents),
      allowed: fromCents(c.allowedCents),
      amount: fromCents(c.amountCents),
      warnings: c.warnings,
    };
  }

  async create(auth: AuthContext, grantId: string, input: DrawdownCreateRequest): Promise<{ drawdown: DrawdownResponse; computation: DrawdownComputationResponse }> {
    return withTenant(this.db, auth, async (tx) => {
      const grant = await grantFull(tx, auth, 'grant.manage', grantId);
      const number = await ddRepo.nextDrawdownNumber(tx, grantId);
      const c = await this.compute(tx, auth, grant, input);
      if (toCents(c.amount) <= 0n) {
        throw new UnprocessableError('Nothing to draw down: no unclaimed payments due within two months.', [{ field: 'body/amount', message: 'more than 0' }]);
      }
      const row = await ddRepo.insertDrawdown(tx, {
        orgId: c.memberId ?? grant.orgId,
        providerId: grant.orgId,
        grantId,
        memberId: c.memberId,
        number,
        requestedOn: c.requestedOn,
        computedAmount: c.allowed,
        amount: c.amount,
        warnings: c.warnings,
        notes: input.notes ?? null,
        createdBy: auth.userId,
      });
      await repo.linkExpenses(tx, auth, c.expenseIds, row.id);
      await recordAudit(tx, auth, { orgId: row.orgId, entityType: 'grant_drawdown', entityId: row.id, action: 'create', after: { ...row, expenseIds: c.expenseIds } });
      const [d] = (await ddRepo.drawdowns(tx, auth, [grantId])).filter((x) => x.id === row.id);
      return { drawdown: presentDrawdown(d!, true), computation: c };
    });
  }

  async setStatus(auth: AuthContext, grantId: string, drawdownId: string, input: DrawdownStatusRequest): Promise<DrawdownResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const grant = await grantFull(tx, auth, 'grant.manage', grantId);
      const before = await ddRepo.findDrawdown(tx, auth, grantId, drawdownId);
      if (!before) {
        throw new NotFoundError();
      }
      if (!drawdownNext(before.status).includes(input.to)) {
        throw new ConflictError(`A ${before.status} drawdown cannot become ${input.to} (allowed: ${drawdownNext(before.status).join(", ") || "none"}).`);
      }
      const date = input.date ?? berlinToday(this.clock());
      if (date < before.requestedOn || (before.approvedOn && date < before.approvedOn)) {
        throw new UnprocessableError('The date lies before the earlier step.', [{ field: 'body/date', message: 'on or after the request / approval' }]);
      }
      if (input.costPoolId) {
        const [pool] = await tx
          .select({ id: costPools.id })
          .from(costPools)
          .where(and(eq(costPools.id, input.costPoolId), eq(costPools.orgId, grant.orgId), inIds(costPools.orgId, auth.orgIds)));
        if (!pool) {
          throw new UnprocessableError('The cost pool is not one of the provider.', [{ field: 'body/costPoolId', message: 'a cost pool of the provider' }]);
        }
      }
      const after = await ddRepo.updateDrawdown(tx, auth, drawdownId, {
        status: input.to,
        ...(input.to === 'approved' ? { approvedOn: date } : { receivedOn: date, approvedOn: before.approvedOn ?? date }),
        ...(input.costPoolId !== undefined ? { costPoolId: input.costPoolId } : {}),
      });
      await recordAudit(tx, auth, { orgId: before.orgId, entityType: 'grant_drawdown', entityId: drawdownId, action: input.to, before, after });
      const [d] = (await ddRepo.drawdowns(tx, auth, [grantId])).filter((x) => x.id === drawdownId);
      return presentDrawdown(d!, true);
    });
  }
}

/**
 * The billing hook: drawdowns received and booked on a cost pool reduce that pool before it is
 * allocated to the members (runs in billing's transaction, with its scope).
 */
export const grantPoolReductions: GrantReductions = async (tx: Tx, scope: TenantScope, providerId: string, _year: number, poolIds: readonly string[]): Promise<PoolReduction[]> => {
  const rows = await ddRepo.receivedOnPools(tx, scope, providerId, poolIds);
  return rows.map((r) => ({
    poolId: r.poolId!,
    cents: toCents(r.amount),
    source: `${r.programmeName}, Az. ${r.fileReference}, Mittelabruf ${r.number}`,
  }));
};
