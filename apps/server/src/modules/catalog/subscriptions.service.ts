import { and, asc, eq, gte, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { inIds } from '../../platform/db/scope.js';
import { withSystem, withTenant } from '../../platform/db/tenant.js';
import { ConflictError, HttpError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { organisations } from '../organisations/organisations.schema.js';
import { has } from './catalog-access.js';
import type {
  ImportRequest,
  ImportResponse,
  ImportRowResult,
  QuantityPutRequest,
  SubscriptionCreateRequest,
  SubscriptionDetailResponse,
  SubscriptionListQuery,
  SubscriptionResponse,
  SubscriptionUpdateRequest,
} from './catalog.dto.js';
import { services, subscriptionQuantities, subscriptions } from './catalog.schema.js';
import { ImportFileError, lookupsOf, planRow, readSheet, validateRow, type ExistingSubscription, type ValidRow } from './import.js';
import { overlaps, quantityOn, segmentsOf } from './segments.js';

/** Imports that create or change this many subscriptions refresh the planner statistics. */
const ANALYZE_FROM_ROWS = 500;

/** Today in Europe/Berlin (the day a clerk means by "today"). */
export function todayBerlin(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const columns = {
  id: subscriptions.id,
  memberId: subscriptions.orgId,
  memberName: organisations.name,
  providerId: subscriptions.providerId,
  serviceId: subscriptions.serviceId,
  serviceCode: services.code,
  serviceName: services.nameDe,
  chargeUnit: services.chargeUnit,
  unitCode: services.unitCode,
  validFrom: subscriptions.validFrom,
  validTo: subscriptions.validTo,
  notes: subscriptions.notes,
};
type Row = { [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] } & { validTo: string | null; notes: string | null };
type Change = { subscriptionId: string; validFrom: string; quantity: string; note: string | null; updatedAt: Date };

export class SubscriptionsService {
  constructor(private readonly db: Db) {}

  private present(auth: AuthContext, r: Row, changes: readonly Change[], date: string): SubscriptionResponse {
    return {
      ...r,
      quantity: quantityOn(segmentsOf(r, changes), date) ?? null,
      quantityDate: date,
      abilities: { update: has(auth, r.memberId, 'subscription.manage') },
    };
  }

  private async changesOf(tx: Tx, ids: readonly string[]): Promise<Map<string, Change[]>> {
    const out = new Map<string, Change[]>();
    if (ids.length === 0) {
      return out;
    }
    const rows = await tx
      .select({ subscriptionId: subscriptionQuantities.subscriptionId, validFrom: subscriptionQuantities.validFrom, quantity: subscriptionQuantities.quantity, note: subscriptionQuantities.note, updatedAt: subscriptionQuantities.updatedAt })
      .from(subscriptionQuantities)
      .where(inIds(subscriptionQuantities.subscriptionId, ids))
      .orderBy(asc(subscriptionQuantities.validFrom));
    for (const r of rows) {
      out.set(r.subscriptionId, [...(out.get(r.subscriptionId) ?? []), r]);
    }
    return out;
  }

  /** Subscriptions the caller may read, by member name and service code; cursor = offset. */
  async list(auth: AuthContext, q: SubscriptionListQuery) {
    access.requireAnywhere(auth, 'subscription.read');
    return withTenant(this.db, auth, async (tx) => {
      let orgIds = orgsWith(auth, 'subscription.read');
      if (q.memberId) {
        await access.require(tx, auth, 'subscription.read', [q.memberId]);
        orgIds = [q.memberId];
      }
      const conds: SQL[] = [inIds(subscriptions.orgId, orgIds)];
      if (q.serviceId) {
        conds.push(eq(subscriptions.serviceId, q.serviceId));
      }
      if (q.providerId) {
        conds.push(eq(subscriptions.providerId, q.providerId));
      }
      if (q.activeOn) {
        conds.push(lte(subscriptions.validFrom, q.activeOn), or(isNull(subscriptions.validTo), gte(subscriptions.validTo, q.activeOn))!);
      }
      const cursor = decodeCursor(q.cursor);
      const offset = cursor ? cursor[0] : 0;
      if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
        throw new HttpError(400, 'Bad Request', 'The cursor is not valid; start again without it.');
      }
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(subscriptions)
        .where(and(...conds));
      const rows = (await tx
        .select(columns)
        .from(subscriptions)
        .innerJoin(services, eq(services.id, subscriptions.serviceId))
        .innerJoin(organisations, eq(organisations.id, subscriptions.orgId))
        .where(and(...conds))
        .orderBy(asc(organisations.name), asc(services.code), asc(subscriptions.validFrom), asc(subscriptions.id))
        .limit(q.limit)
        .offset(offset)) as Row[];
      const changes = await this.changesOf(tx, rows.map((r) => r.id));
      const date = q.activeOn ?? todayBerlin();
      return {
        items: rows.map((r) => this.present(auth, r, changes.get(r.id) ?? [], date)),
        nextCursor: offset + rows.length < n ? encodeCursor([offset + rows.length]) : null,
        total: n,
      };
    });
  }

  private async loadRow(tx: Tx, id: string): Promise<Row> {
    const [row] = (await tx
      .select(columns)
      .from(subscriptions)
      .innerJoin(services, eq(services.id, subscriptions.serviceId))
      .innerJoin(organisations, eq(organisations.id, subscriptions.orgId))
      .where(eq(subscriptions.id, id))
      .limit(1)) as Row[];
    if (!row) {
      throw new NotFoundError();
    }
    return row;
  }

  private async detail(tx: Tx, auth: AuthContext, id: string): Promise<SubscriptionDetailResponse> {
    const row = await this.loadRow(tx, id);
    const changes = (await this.changesOf(tx, [id])).get(id) ?? [];
    return {
      ...this.present(auth, row, changes, todayBerlin()),
      changes: changes.map((c) => ({ validFrom: c.validFrom, quantity: c.quantity, note: c.note, updatedAt: c.updatedAt.toISOString() })),
      segments: segmentsOf(row, changes),
    };
  }

  async get(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'subscription.read', [id]);
      return this.detail(tx, auth, id);
    });
  }

  /** Other subscriptions of the same member and service whose range overlaps. */
  private async clash(tx: Tx, memberId: string, serviceId: string, range: { validFrom: string; validTo: string | null }, except?: string) {
    const rows = await tx
      .select({ id: subscriptions.id, validFrom: subscriptions.validFrom, validTo: subscriptions.validTo })
      .from(subscriptions)
      .where(and(eq(subscriptions.orgId, memberId), eq(subscriptions.serviceId, serviceId), except ? ne(subscriptions.id, except) : undefined));
    return rows.find((r) => overlaps(range, r));
  }

  async create(auth: AuthContext, input: SubscriptionCreateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'subscription.manage', [input.memberId]);
      const [member] = await tx.select().from(organisations).where(eq(organisations.id, input.memberId));
      if (!member || member.kind !== 'member') {
        throw new UnprocessableError('Only a member can subscribe to a service.', [{ field: 'body/memberId', message: 'not a member' }]);
      }
      const [svc] = await tx.select().from(services).where(eq(services.id, input.serviceId));
      if (!svc || svc.providerId !== member.providerId) {
        throw new UnprocessableError('The service is not in the catalogue of the member’s provider.', [{ field: 'body/serviceId', message: 'unknown service' }]);
      }
      if (svc.status !== 'active') {
        throw new UnprocessableError('The service is retired; it takes no new subscriptions.', [{ field: 'body/serviceId', message: 'retired' }]);
      }
      // Serialise concurrent creates for the same member (the overlap check reads, then writes).
      await tx.execute(sql`select 1 from organisations where id = ${input.memberId} for update`);
      const clash = await this.clash(tx, input.memberId, input.serviceId, { validFrom: input.validFrom, validTo: input.validTo ?? null });
      if (clash) {
        throw new ConflictError(`The member already subscribes to this service from ${clash.validFrom}${clash.validTo ? ` to ${clash.validTo}` : ''}.`);
      }
      const id = uuidv7();
      await tx.insert(subscriptions).values({ id, orgId: input.memberId, providerId: member.providerId, serviceId: input.serviceId, validFrom: input.validFrom, validTo: input.validTo ?? null, notes: input.notes ?? null });
      await tx.insert(subscriptionQuantities).values({ orgId: input.memberId, subscriptionId: id, validFrom: input.validFrom, quantity: input.quantity });
      const out = await this.detail(tx, auth, id);
      await recordAudit(tx, auth, { orgId: input.memberId, entityType: 'subscription', entityId: id, action: 'create', after: { serviceCode: svc.code, ...input } });
      return out;
    });
  }

  async update(auth: AuthContext, id: string, input: SubscriptionUpdateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'subscription.manage', [id]);
      const before = await this.loadRow(tx, id);
      await tx.execute(sql`select 1 from organisations where id = ${before.memberId} for update`);
      if (input.validTo !== undefined) {
        if (input.validTo !== null && input.validTo < before.validFrom) {
          throw new UnprocessableError('A subscription cannot end before it starts.', [{ field: 'body/validTo', message: `on or after ${before.validFrom}` }]);
        }
        const clash = await this.clash(tx, before.memberId, before.serviceId, { validFrom: before.validFrom, validTo: input.validTo }, id);
        if (clash) {
          throw new ConflictError(`That would overlap the subscription from ${clash.validFrom}.`);
        }
      }
      await tx
        .update(subscriptions)
        .set({ ...(input.validTo !== undefined ? { validTo: input.validTo } : {}), ...(input.notes !== undefined ? { notes: input.notes } : {}) })
        .where(eq(subscriptions.id, id));
      await recordAudit(tx, auth, { orgId: before.memberId, entityType: 'subscription', entityId: id, action: 'update', before, after: input });
      return this.detail(tx, auth, id);
    });
  }

  /** Sets the quantity from `date` on (a new effective-dated row, or the row of that date changed). */
  async putQuantity(auth: AuthContext, id: string, date: string, input: QuantityPutRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'subscription.manage', [id]);
      const sub = await this.loadRow(tx, id);
      if (date < sub.validFrom || (sub.validTo !== null && date > sub.validTo)) {
        throw new UnprocessableError('The date lies outside the subscription.', [{ field: 'params/date', message: `between ${sub.validFrom} and ${sub.validTo ?? '…'}` }]);
      }
      const [before] = await tx
        .select()
        .from(subscriptionQuantities)
        .where(and(eq(subscriptionQuantities.subscriptionId, id), eq(subscriptionQuantities.validFrom, date)));
      await tx
        .insert(subscriptionQuantities)
        .values({ orgId: sub.memberId, subscriptionId: id, validFrom: date, quantity: input.quantity, note: input.note ?? null })
        .onConflictDoUpdate({ target: [subscriptionQuantities.subscriptionId, subscriptionQuantities.validFrom], set: { quantity: input.quantity, note: input.note ?? null, updatedAt: new Date() } });
      await recordAudit(tx, auth, { orgId: sub.memberId, entityType: 'subscription', entityId: id, action: 'quantity', before: before ? { validFrom: date, quantity: before.quantity } : undefined, after: { validFrom: date, ...input } });
      return this.detail(tx, auth, id);
    });
  }

  /** Removes a later quantity change; the first row (at the start) stays. */
  async removeQuantity(auth: AuthContext, id: string, date: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'subscription.manage', [id]);
      const sub = await this.loadRow(tx, id);
      if (date <= sub.validFrom) {
        throw new ConflictError('The quantity at the start of the subscription cannot be removed; change it instead.');
      }
      const deleted = await tx
        .delete(subscriptionQuantities)
        .where(and(eq(subscriptionQuantities.subscriptionId, id), eq(subscriptionQuantities.validFrom, date)))
        .returning();
      if (deleted.length === 0) {
        throw new NotFoundError('No quantity change on that date.');
      }
      await recordAudit(tx, auth, { orgId: sub.memberId, entityType: 'subscription', entityId: id, action: 'quantity_delete', before: { validFrom: date, quantity: deleted[0]!.quantity } });
      return this.detail(tx, auth, id);
    });
  }

  /**
   * Bulk edit from a CSV/XLSX: every row checked and planned first; with `dryRun` (or any error)
   * nothing is written. Otherwise all rows are applied in one transaction.
   */
  async import(auth: AuthContext, input: ImportRequest, dryRun: boolean): Promise<ImportResponse> {
    const result = await this.importInTx(auth, input, dryRun);
    if (result.applied && result.summary.create + result.summary.change >= ANALYZE_FROM_ROWS) {
      // Fresh planner statistics before the next billing run: right after a bulk insert the planner
      // took 50,000 subscriptions for one row and nested loops over the organisations (110 s
      // instead of 0.2 s for billableSubscriptions). ANALYZE needs the table owner, so it runs on
      // the admin path after the import committed.
      await withSystem(this.db, (tx) => tx.execute(sql`analyze subscriptions, subscription_quantities`));
    }
    return result;
  }

  private async importInTx(auth: AuthContext, input: ImportRequest, dryRun: boolean): Promise<ImportResponse> {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'subscription.manage', [input.providerId]);
      const [provider] = await tx.select().from(organisations).where(eq(organisations.id, input.providerId));
      if (!provider || provider.kind !== 'provider') {
        throw new NotFoundError();
      }
      const content = Buffer.from(input.contentBase64, 'base64');
      let raw;
      try {
        raw = await readSheet(input.filename, content);
      } catch (e) {
        if (e instanceof ImportFileError) {
          throw new UnprocessableError(e.message, [{ field: 'body/contentBase64', message: e.message }]);
        }
        throw e;
      }
      if (raw.length === 0) {
        throw new UnprocessableError('The file has no rows.', [{ field: 'body/contentBase64', message: 'no data rows under the header' }]);
      }
      const memberRows = await tx
        .select({ id: organisations.id, name: organisations.name, ags: organisations.ags })
        .from(organisations)
        .where(and(eq(organisations.providerId, input.providerId), eq(organisations.kind, 'member')));
      const members = memberRows.filter((m) => has(auth, m.id, 'subscription.manage'));
      const svcRows = await tx
        .select({ id: services.id, code: services.code, status: services.status })
        .from(services)
        .where(eq(services.providerId, input.providerId));
      const lookups = lookupsOf(members, svcRows);

      const existingRows = await tx
        .select({ id: subscriptions.id, orgId: subscriptions.orgId, serviceId: subscriptions.serviceId, validFrom: subscriptions.validFrom, validTo: subscriptions.validTo })
        .from(subscriptions)
        .where(eq(subscriptions.providerId, input.providerId));
      const changes = await this.changesOf(tx, existingRows.map((r) => r.id));
      const existing = new Map<string, ExistingSubscription[]>();
      for (const r of existingRows) {
        const key = `${r.orgId}|${r.serviceId}`;
        existing.set(key, [...(existing.get(key) ?? []), { ...r, changes: changes.get(r.id) ?? [] }]);
      }

      const results: ImportRowResult[] = [];
      const seen = new Map<string, number>();
      const work: { row: ValidRow; plan: ReturnType<typeof planRow> }[] = [];
      raw.forEach((r, i) => {
        const rowNo = i + 2; // the header is row 1
        const check = validateRow(r, lookups);
        const v = check.ok ? check.value : check.partial;
        const base = {
          row: rowNo,
          memberId: v.member?.id ?? null,
          memberName: v.member?.name ?? null,
          serviceCode: v.service?.code ?? null,
          validFrom: v.validFrom ?? null,
          validTo: v.validTo ?? null,
          quantity: v.quantity ?? null,
          quantityBefore: null,
        };
        if (!check.ok) {
          results.push({ ...base, action: 'error', errors: check.errors });
          return;
        }
        const key = `${check.value.member.id}|${check.value.service.id}`;
        const dup = seen.get(key);
        if (dup !== undefined) {
          results.push({ ...base, action: 'error', errors: [{ column: 'mitglied', message: `Mitglied und Leistung stehen schon in Zeile ${dup}` }] });
          return;
        }
        seen.set(key, rowNo);
        const plan = planRow(check.value, existing.get(key) ?? []);
        if (plan.action === 'error') {
          results.push({ ...base, action: 'error', errors: [{ column: plan.column, message: plan.message }] });
          return;
        }
        results.push({ ...base, action: plan.action, quantityBefore: plan.action === 'create' ? null : plan.quantityBefore, errors: [] });
        work.push({ row: check.value, plan });
      });

      const count = (a: ImportRowResult['action']) => results.filter((r) => r.action === a).length;
      const summary = { rows: results.length, create: count('create'), change: count('change'), unchanged: count('unchanged'), error: count('error') };
      if (summary.error > 0 && !dryRun) {
        throw new HttpError(422, 'Unprocessable Content', `${summary.error} of ${summary.rows} rows have errors; nothing was imported.`, {
          errors: results.flatMap((r) => r.errors.map((e) => ({ field: `rows/${r.row}/${e.column}`, message: e.message }))),
        });
      }
      if (dryRun) {
        return { dryRun, applied: false, summary, rows: results };
      }

      const newSubs: (typeof subscriptions.$inferInsert)[] = [];
      const quantities: (typeof subscriptionQuantities.$inferInsert)[] = [];
      for (const { row, plan } of work) {
        if (plan.action === 'create') {
          const id = uuidv7();
          newSubs.push({ id, orgId: row.member.id, providerId: input.providerId, serviceId: row.service.id, validFrom: row.validFrom, validTo: row.validTo });
          quantities.push({ orgId: row.member.id, subscriptionId: id, validFrom: row.validFrom, quantity: row.quantity, note: `Import ${input.filename}` });
        } else if (plan.action === 'change') {
          if (plan.quantityBefore !== row.quantity) {
            quantities.push({ orgId: row.member.id, subscriptionId: plan.subscriptionId, validFrom: row.validFrom, quantity: row.quantity, note: `Import ${input.filename}` });
          }
          if (plan.setValidTo) {
            await tx.update(subscriptions).set({ validTo: row.validTo }).where(eq(subscriptions.id, plan.subscriptionId));
          }
        }
      }
      for (let i = 0; i < newSubs.length; i += 1000) {
        await tx.insert(subscriptions).values(newSubs.slice(i, i + 1000));
      }
      for (let i = 0; i < quantities.length; i += 1000) {
        await tx
          .insert(subscriptionQuantities)
          .values(quantities.slice(i, i + 1000))
          .onConflictDoUpdate({
            target: [subscriptionQuantities.subscriptionId, subscriptionQuantities.validFrom],
            set: { quantity: sql`excluded.quantity`, note: sql`excluded.note`, updatedAt: new Date() },
          });
      }
      await recordAudit(tx, auth, {
        orgId: input.providerId,
        entityType: 'subscription_import',
        entityId: input.providerId,
        action: 'import',
        after: { filename: input.filename, ...summary },
      });
      return { dryRun, applied: true, summary, rows: results };
    });
  }
}
