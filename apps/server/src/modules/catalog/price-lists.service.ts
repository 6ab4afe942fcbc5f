import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { inIds } from '../../platform/db/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { has, isProviderStaff, readableProviders, requireManage, requireProviderOrg } from './catalog-access.js';
import type {
  PriceListCopyRequest,
  PriceListCreateRequest,
  PriceListDetailResponse,
  PriceListResponse,
  PriceListUpdateRequest,
  PricePutRequest,
  PriceResponse,
} from './catalog.dto.js';
import { priceListItems, priceLists, priceTiers, services, type PriceListRow } from './catalog.schema.js';
import { pricesOf } from './contract.js';
import { tierErrors } from './tiers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const itemCount = sql<number>`(select count(*)::int from price_list_items i where i.price_list_id = price_lists.id)`;

function present(auth: AuthContext, l: PriceListRow & { itemCount: number }): PriceListResponse {
  const manage = has(auth, l.providerId, 'catalog.manage');
  return {
    id: l.id,
    providerId: l.providerId,
    year: l.year,
    name: l.name,
    notes: l.notes,
    publishedAt: l.publishedAt?.toISOString() ?? null,
    frozenAt: l.frozenAt?.toISOString() ?? null,
    copiedFromId: l.copiedFromId,
    itemCount: l.itemCount,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    abilities: { update: manage && l.frozenAt === null, copy: manage },
  };
}

function frozenConflict(l: PriceListRow): never {
  throw new ConflictError(`The price list ${l.year} is frozen: an invoice used it (${l.frozenAt!.toISOString()}). Copy it to make a new list.`);
}

export class PriceListsService {
  constructor(private readonly db: Db) {}

  /** Lists the caller may read: all of its own provider when staff, only published ones for members. */
  async list(auth: AuthContext, q: { providerId?: string; year?: number }) {
    access.requireAnywhere(auth, 'catalog.read');
    return withTenant(this.db, auth, async (tx) => {
      const providers = (await readableProviders(tx, auth)).filter((p) => !q.providerId || p === q.providerId);
      if (providers.length === 0) {
        return { items: [] };
      }
      const staff = providers.filter((p) => isProviderStaff(auth, p));
      const conds: SQL[] = [inIds(priceLists.providerId, providers)];
      if (q.year) {
        conds.push(eq(priceLists.year, q.year));
      }
      const rows = await tx
        .select({ ...allColumns, itemCount })
        .from(priceLists)
        .where(and(...conds))
        .orderBy(desc(priceLists.year));
      return { items: rows.filter((r) => r.publishedAt !== null || staff.includes(r.providerId)).map((r) => present(auth, r)) };
    });
  }

  private async load(tx: Tx, auth: AuthContext, id: string) {
    if (!UUID.test(id)) {
      throw new NotFoundError();
    }
    const [row] = await tx
      .select({ ...allColumns, itemCount })
      .from(priceLists)
      .where(eq(priceLists.id, id))
      .limit(1);
    if (!row) {
      throw new NotFoundError();
    }
    if (!(await readableProviders(tx, auth)).includes(row.providerId)) {
      throw new ForbiddenError('You lack the permission catalog.read here.');
    }
    // A draft is the provider's internal work: members do not see it at all.
    if (row.publishedAt === null && !isProviderStaff(auth, row.providerId)) {
      throw new NotFoundError();
    }
    return row;
  }

  /** Locks a list the caller may change and refuses frozen ones (409). */
  private async loadForChange(tx: Tx, auth: AuthContext, id: string) {
    const row = await this.load(tx, auth, id);
    requireManage(auth, row.providerId);
    await tx.execute(sql`select 1 from price_lists where id = ${id} for update`);
    const [fresh] = await tx.select({ frozenAt: priceLists.frozenAt }).from(priceLists).where(eq(priceLists.id, id));
    if (fresh?.frozenAt) {
      frozenConflict({ ...row, frozenAt: fresh.frozenAt });
    }
    return row;
  }

  async get(auth: AuthContext, id: string): Promise<PriceListDetailResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const row = await this.load(tx, auth, id);
      return { ...present(auth, row), prices: await this.prices(tx, id) };
    });
  }

  private async prices(tx: Tx, id: string): Promise<PriceResponse[]> {
    const values = await pricesOf(tx, id);
    if (values.length === 0) {
      return [];
    }
    const svc = await tx
      .select()
      .from(services)
      .where(inIds(services.id, values.map((v) => v.serviceId)));
    const byId = new Map(svc.map((s) => [s.id, s]));
    return values.map((v) => {
      const s = byId.get(v.serviceId)!;
      return {
        serviceId: v.serviceId,
        serviceCode: v.serviceCode,
        serviceName: s.nameDe,
        category: s.category,
        chargeUnit: s.chargeUnit,
        unitCode: s.unitCode,
        serviceStatus: s.status,
        unitPrice: v.unitPrice,
        tierMode: v.tierMode,
        tiers: v.tiers,
      };
    });
  }

  async create(auth: AuthContext, input: PriceListCreateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'catalog.manage', [input.providerId]);
      await requireProviderOrg(tx, input.providerId);
      const [row] = await tx.insert(priceLists).values({ providerId: input.providerId, year: input.year, name: input.name, notes: input.notes ?? null }).returning();
      await recordAudit(tx, auth, { orgId: input.providerId, entityType: 'price_list', entityId: row!.id, action: 'create', after: row });
      return present(auth, { ...row!, itemCount: 0 });
    });
  }

  async update(auth: AuthContext, id: string, input: PriceListUpdateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      const before = await this.loadForChange(tx, auth, id);
      const set: Partial<typeof priceLists.$inferInsert> = {};
      if (input.name !== undefined) {
        set.name = input.name;
      }
      if (input.notes !== undefined) {
        set.notes = input.notes;
      }
      if (input.published !== undefined) {
        set.publishedAt = input.published ? (before.publishedAt ?? new Date()) : null;
      }
      const [row] = await tx.update(priceLists).set(set).where(eq(priceLists.id, id)).returning();
      await recordAudit(tx, auth, { orgId: before.providerId, entityType: 'price_list', entityId: id, action: 'update', before, after: row });
      return present(auth, { ...row!, itemCount: before.itemCount });
    });
  }

  async remove(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      const before = await this.loadForChange(tx, auth, id);
      await tx.delete(priceLists).where(eq(priceLists.id, id));
      await recordAudit(tx, auth, { orgId: before.providerId, entityType: 'price_list', entityId: id, action: 'delete', before });
    });
  }

  /** Sets the price of a service in a list (replacing its tiers). */
  async putPrice(auth: AuthContext, id: string, serviceId: string, input: PricePutRequest) {
    const errors = tierErrors(input.tiers).map((e) => ({ field: `body/tiers/${e.index}`, message: e.message }));
    if (errors.length) {
      throw new UnprocessableError('The tiers are not valid.', errors);
    }
    return withTenant(this.db, auth, async (tx) => {
      const list = await this.loadForChange(tx, auth, id);
      const [svc] = UUID.test(serviceId) ? await tx.select().from(services).where(eq(services.id, serviceId)).limit(1) : [];
      if (!svc || svc.providerId !== list.providerId) {
        throw new NotFoundError('No such service in this provider’s catalogue.');
      }
      const [before] = await tx
        .select()
        .from(priceListItems)
        .where(and(eq(priceListItems.priceListId, id), eq(priceListItems.serviceId, serviceId)));
      const [item] = await tx
        .insert(priceListItems)
        .values({ providerId: list.providerId, priceListId: id, serviceId, unitPrice: input.unitPrice, tierMode: input.tierMode })
        .onConflictDoUpdate({ target: [priceListItems.priceListId, priceListItems.serviceId], set: { unitPrice: input.unitPrice, tierMode: input.tierMode, updatedAt: new Date() } })
        .returning();
      await tx.delete(priceTiers).where(eq(priceTiers.itemId, item!.id));
      if (input.tiers.length) {
        await tx.insert(priceTiers).values(input.tiers.map((t) => ({ providerId: list.providerId, itemId: item!.id, aboveQuantity: t.aboveQuantity, unitPrice: t.unitPrice })));
      }
      await tx.update(priceLists).set({ updatedAt: new Date() }).where(eq(priceLists.id, id));
      await recordAudit(tx, auth, {
        orgId: list.providerId,
        entityType: 'price',
        entityId: item!.id,
        action: before ? 'update' : 'create',
        before: before ?? undefined,
        after: { priceListId: id, serviceId, serviceCode: svc.code, ...input },
      });
      return (await this.prices(tx, id)).find((p) => p.serviceId === serviceId)!;
    });
  }

  async removePrice(auth: AuthContext, id: string, serviceId: string) {
    return withTenant(this.db, auth, async (tx) => {
      const list = await this.loadForChange(tx, auth, id);
      const deleted = UUID.test(serviceId)
        ? await tx
            .delete(priceListItems)
            .where(and(eq(priceListItems.priceListId, id), eq(priceListItems.serviceId, serviceId)))
            .returning()
        : [];
      if (deleted.length === 0) {
        throw new NotFoundError('This list has no price for that service.');
      }
      await recordAudit(tx, auth, { orgId: list.providerId, entityType: 'price', entityId: deleted[0]!.id, action: 'delete', before: deleted[0] });
    });
  }

  /**
   * A new list for another year (default: the next) with every price and tier of this one, for
   * editing. Retired services are left out. The copy is a draft; the source may be frozen.
   */
  async copy(auth: AuthContext, id: string, input: PriceListCopyRequest) {
    return withTenant(this.db, auth, async (tx) => {
      const source = await this.load(tx, auth, id);
      requireManage(auth, source.providerId);
      const year = input.year ?? source.year + 1;
      const [exists] = await tx
        .select({ id: priceLists.id })
        .from(priceLists)
        .where(and(eq(priceLists.providerId, source.providerId), eq(priceLists.year, year)));
      if (exists) {
        throw new ConflictError(`There is a price list for ${year} already.`);
      }
      const name = input.name ?? (source.name.includes(String(source.year)) ? source.name.replaceAll(String(source.year), String(year)) : `${source.name} ${year}`);
      const [row] = await tx.insert(priceLists).values({ providerId: source.providerId, year, name, notes: source.notes, copiedFromId: source.id }).returning();
      const items = await tx
        .select({ id: priceListItems.id, serviceId: priceListItems.serviceId, unitPrice: priceListItems.unitPrice, tierMode: priceListItems.tierMode })
        .from(priceListItems)
        .innerJoin(services, eq(services.id, priceListItems.serviceId))
        .where(and(eq(priceListItems.priceListId, id), eq(services.status, 'active')))
        .orderBy(asc(services.code));
      const idMap = new Map(items.map((i) => [i.id, uuidv7()]));
      if (items.length) {
        await tx.insert(priceListItems).values(items.map((i) => ({ id: idMap.get(i.id)!, providerId: source.providerId, priceListId: row!.id, serviceId: i.serviceId, unitPrice: i.unitPrice, tierMode: i.tierMode })));
        const tiers = await tx
          .select()
          .from(priceTiers)
          .where(inIds(priceTiers.itemId, [...idMap.keys()]));
        if (tiers.length) {
          await tx.insert(priceTiers).values(tiers.map((t) => ({ providerId: source.providerId, itemId: idMap.get(t.itemId)!, aboveQuantity: t.aboveQuantity, unitPrice: t.unitPrice })));
        }
      }
      await recordAudit(tx, auth, { orgId: source.providerId, entityType: 'price_list', entityId: row!.id, action: 'create', after: { ...row, copiedFrom: source.year, items: items.length } });
      return { ...present(auth, { ...row!, itemCount: items.length }), prices: await this.prices(tx, row!.id) };
    });
  }
}

const allColumns = {
  id: priceLists.id,
  providerId: priceLists.providerId,
  year: priceLists.year,
  name: priceLists.name,
  notes: priceLists.notes,
  publishedAt: priceLists.publishedAt,
  frozenAt: priceLists.frozenAt,
  copiedFromId: priceLists.copiedFromId,
  createdAt: priceLists.createdAt,
  updatedAt: priceLists.updatedAt,
};
