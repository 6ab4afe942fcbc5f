import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import { storeChecked, type FileStore } from '../../platform/files/index.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { getAssetForOrg } from '../assets/index.js';
import { organisations } from '../organisations/index.js';
import { grantFull, grantView } from './grants.access.js';
import type { ExpenseCreateRequest, ExpenseResponse, PlanLineCreateRequest, PlanLineUpdateRequest, PlanResponse } from './grants.dto.js';
import * as repo from './grants.repository.js';
import { checkPlan, fromCents, toCents } from './grants.rules.js';

function presentExpense(e: repo.ExpenseWithNames, asset: { id: string; inventoryNumber: string; name: string | null } | null, manage: boolean): ExpenseResponse {
  return {
    id: e.id,
    planLineId: e.planLineId,
    planLineCode: e.planLineCode,
    expenseDate: e.expenseDate,
    dueDate: e.dueDate,
    payee: e.payee,
    purpose: e.purpose,
    invoiceNumber: e.invoiceNumber,
    amount: e.amount,
    member: e.memberId ? { id: e.memberId, name: e.memberName ?? '' } : null,
    asset,
    drawdownId: e.drawdownId,
    receipt: e.receiptFileKey ? { name: e.receiptFileName ?? 'beleg.pdf', sizeBytes: e.receiptSizeBytes ?? 0, sha256: e.receiptSha256 ?? '' } : null,
    abilities: { delete: manage && e.drawdownId === null },
  };
}

function safeName(filename: string | undefined, fallback: string): string {
  return (
    (filename ?? '')
      .split(/[\\/]/)
      .pop()
      ?.replace(/[\u0000-\u001f\u007f"]/g, '')
      .trim()
      .slice(0, 200) || fallback
  );
}

/** The financing plan (lines with budget, actuals and deviation check) and the expenses booked on it. */
export class PlanExpensesService {
  constructor(
    private readonly db: Db,
    private readonly files: FileStore,
    private readonly maxUploadBytes: number,
  ) {}

  async plan(auth: AuthContext, grantId: string): Promise<PlanResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const grant = await grantFull(tx, auth, 'grant.read', grantId);
      return this.planOf(tx, auth, grant);
    });
  }

  private async planOf(tx: Tx, auth: AuthContext, grant: repo.GrantWithProgramme): Promise<PlanResponse> {
    const lines = await repo.planLines(tx, auth, grant.id);
    const exps = await repo.expenses(tx, auth, grant.id);
    const perLine = (id: string) => exps.filter((e) => e.planLineId === id);
    const check = checkPlan(
      lines.map((l) => ({
        id: l.id,
        code: l.code,
        budgetCents: toCents(l.budget),
        actualCents: perLine(l.id).reduce((a, e) => a + toCents(e.amount), 0n),
        deviationPercent: l.deviationPercent,
      })),
      grant.lineDeviationPercent,
      toCents(grant.eligibleCost),
    );
    return {
      items: lines.map((l, i) => {
        const c = check.lines[i]!;
        return {
          id: l.id,
          position: l.position,
          code: l.code,
          title: l.title,
          budget: l.budget,
          actual: fromCents(c.actualCents),
          remaining: fromCents(c.remainingCents),
          expenseCount: perLine(l.id).length,
          overPercent: c.overPercent,
          limitPercent: c.limitPercent,
          deviationPercent: l.deviationPercent,
          state: c.state,
        };
      }),
      budget: fromCents(check.budgetCents),
      actual: fromCents(check.actualCents),
      warnings: check.warnings.map((w) => ({ code: w.code, detail: w.detail, ...(w.lineId ? { lineId: w.lineId } : {}) })),
    };
  }

  async addLine(auth: AuthContext, grantId: string, input: PlanLineCreateRequest): Promise<PlanResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const grant = await grantFull(tx, auth, 'grant.manage', grantId);
      const lines = await repo.planLines(tx, auth, grantId);
      if (lines.some((l) => l.code === input.code)) {
        throw new ConflictError(`Plan line ${input.code} exists already.`);
      }
      const row = await repo.insertPlanLine(tx, {
        orgId: grant.orgId,
        grantId,
        code: input.code,
        title: input.title,
        budget: input.budget,
        deviationPercent: input.deviationPercent ?? null,
        position: input.position ?? (lines.at(-1)?.position ?? 0) + 10,
      });
      await recordAudit(tx, auth, { orgId: grant.orgId, entityType: 'grant_plan_line', entityId: row.id, action: 'create', after: row });
      return this.planOf(tx, auth, grant);
    });
  }

  async updateLine(auth: AuthContext, grantId: string, lineId: string, input: PlanLineUpdateRequest): Promise<PlanResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const grant = await grantFull(tx, auth, 'grant.manage', grantId);
      const before = await repo.findPlanLine(tx, auth, grantId, lineId);
      if (!before) {
        throw new NotFoundError();
      }
      if (input.code && input.code !== before.code && (await repo.planLines(tx, auth, grantId)).some((l) => l.code === input.code)) {
        throw new ConflictError(`Plan line ${input.code} exists already.`);
      }
      const after = await repo.updatePlanLine(tx, auth, lineId, input);
      await recordAudit(tx, auth, { orgId: grant.orgId, entityType: 'grant_plan_line', entityId: lineId, action: 'update', before, after });
      return this.planOf(tx, auth, grant);
    });
  }

  async removeLine(auth: AuthContext, grantId: string, lineId: string): Promise<void> {
    await withTenant(this.db, auth, async (tx) => {
      const grant = await grantFull(tx, auth, 'grant.manage', grantId);
      const before = await repo.findPlanLine(tx, auth, grantId, lineId);
      if (!before) {
        throw new NotFoundError();
      }
      if ((await repo.expenses(tx, auth, grantId)).some((e) => e.planLineId === lineId)) {
        throw new ConflictError('Expenses are booked on this plan line; move or delete them first.');
      }
      await repo.deletePlanLine(tx, auth, lineId);
      await recordAudit(tx, auth, { orgId: grant.orgId, entityType: 'grant_plan_line', entityId: lineId, action: 'delete', before });
    });
  }

  async listExpenses(auth: AuthContext, grantId: string): Promise<{ items: ExpenseResponse[]; total: string }> {
    return withTenant(this.db, auth, async (tx) => {
      const v = await grantView(tx, auth, 'grant.read', grantId);
      const rows = await repo.expenses(tx, auth, grantId, v.full ? undefined : v.memberIds);
      const manage = auth.permissions.get(v.grant.orgId)?.has('grant.manage') ?? false;
      const assetIds = [...new Set(rows.map((r) => r.assetId).filter((x): x is string => x !== null))];
      const assets = new Map<string, { id: string; inventoryNumber: string; name: string | null }>();
      for (const id of assetIds) {
        const a = await getAssetForOrg(tx, auth, id);
        if (a) {
          assets.set(id, { id, inventoryNumber: a.inventoryNumber, name: a.name });
        }
      }
      return {
        items: rows.map((e) => presentExpense(e, e.assetId ? (assets.get(e.assetId) ?? null) : null, manage)),
        total: fromCents(rows.reduce((a, e) => a + toCents(e.amount), 0n)),
      };
    });
  }

  async addExpense(auth: AuthContext, grantId: string, input: ExpenseCreateRequest): Promise<ExpenseResponse> {
    const id = await withTenant(this.db, auth, async (tx) => {
      const grant = await grantFull(tx, auth, 'grant.manage', grantId);
      const line = await repo.findPlanLine(tx, auth, grantId, input.planLineId);
      if (!line) {
        throw new UnprocessableError('The plan line is not one of this grant.', [{ field: 'body/planLineId', message: 'a plan line of the grant' }]);
      }
      if (input.memberId) {
        const [m] = await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(and(eq(organisations.id, input.memberId), eq(organisations.providerId, grant.orgId), eq(organisations.kind, 'member'), inIds(organisations.id, auth.orgIds)));
        if (!m) {
          throw new UnprocessableError('The member is not one of the provider.', [{ field: 'body/memberId', message: 'a member of the provider' }]);
        }
      }
      if (input.assetId) {
        const a = await getAssetForOrg(tx, auth, input.assetId);
        if (!a || a.providerId !== grant.orgId) {
          throw new UnprocessableError('The asset is not one of the provider.', [{ field: 'body/assetId', message: 'an asset of the provider' }]);
        }
      }
      const row = await repo.insertExpense(tx, {
        orgId: input.memberId ?? grant.orgId,
        providerId: grant.orgId,
        grantId,
        planLineId: line.id,
        memberId: input.memberId ?? null,
        assetId: input.assetId ?? null,
        expenseDate: input.expenseDate,
        dueDate: input.dueDate ?? input.expenseDate,
        payee: input.payee,
        purpose: input.purpose,
        invoiceNumber: input.invoiceNumber ?? null,
        amount: input.amount,
        createdBy: auth.userId,
      });
      await recordAudit(tx, auth, { orgId: row.orgId, entityType: 'grant_expense', entityId: row.id, action: 'create', after: row });
      return row.id;
    });
    return this.getExpense(auth, grantId, id);
  }

  async getExpense(auth: AuthContext, grantId: string, expenseId: string): Promise<ExpenseResponse> {
    const list = await this.listExpenses(auth, grantId);
    const e = list.items.find((x) => x.id === expenseId);
    if (!e) {
      throw new NotFoundError();
    }
    return e;
  }

  async removeExpense(auth: AuthContext, grantId: string, expenseId: string): Promise<void> {
    const key = await withTenant(this.db, auth, async (tx) => {
      await grantFull(tx, auth, 'grant.manage', grantId);
      const before = await repo.findExpense(tx, auth, grantId, expenseId);
      if (!before) {
        throw new NotFoundError();
      }
      if (before.drawdownId) {
        throw new ConflictError('The expense is part of a drawdown; it stays as its evidence.');
      }
      await repo.deleteExpense(tx, auth, expenseId);
      await recordAudit(tx, auth, { orgId: before.orgId, entityType: 'grant_expense', entityId: expenseId, action: 'delete', before });
      return before.receiptFileKey;
    });
    if (key) {
      await this.files.delete(key);
    }
  }

  /** Attaches (or replaces) the receipt (PDF); the old file goes once the new one is recorded. */
  async attachReceipt(auth: AuthContext, grantId: string, expenseId: string, filename: string | undefined, source: Readable): Promise<ExpenseResponse> {
    const check = async (tx: Tx) => {
      await grantFull(tx, auth, 'grant.manage', grantId);
      const e = await repo.findExpense(tx, auth, grantId, expenseId);
      if (!e) {
        throw new NotFoundError();
      }
      return e;
    };
    await withTenant(this.db, auth, check);
    const stored = await storeChecked(this.files, source, { accept: ['pdf'], maxBytes: this.maxUploadBytes, filename });
    let old: string | null = null;
    try {
      await withTenant(this.db, auth, async (tx) => {
        const before = await check(tx);
        old = before.receiptFileKey;
        const after = await repo.updateExpense(tx, auth, expenseId, {
          receiptFileKey: stored.key,
          receiptFileName: safeName(filename, 'beleg.pdf'),
          receiptSha256: stored.sha256,
          receiptSizeBytes: stored.sizeBytes,
        });
        await recordAudit(tx, auth, { orgId: before.orgId, entityType: 'grant_expense', entityId: expenseId, action: 'receipt', before, after });
      });
    } catch (e) {
      await this.files.delete(stored.key);
      throw e;
    }
    if (old) {
      await this.files.delete(old);
    }
    return this.getExpense(auth, grantId, expenseId);
  }

  async openReceipt(auth: AuthContext, grantId: string, expenseId: string): Promise<{ name: string; sha256: string; stream: Readable }> {
    const row = await withTenant(this.db, auth, async (tx) => {
      const v = await grantView(tx, auth, 'grant.read', grantId);
      const e = await repo.findExpense(tx, auth, grantId, expenseId);
      if (!e || (!v.full && !v.memberIds.includes(e.memberId ?? ''))) {
        throw new NotFoundError();
      }
      return e;
    });
    if (!row.receiptFileKey) {
      throw new NotFoundError('This expense has no receipt.');
    }
    return { name: row.receiptFileName ?? 'beleg.pdf', sha256: row.receiptSha256 ?? '', stream: await this.files.get(row.receiptFileKey) };
  }
}
