import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ForbiddenError, HttpError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { has, readableProviders, requireManage, requireProviderOrg } from './catalog-access.js';
import type { ServiceCreateRequest, ServiceListQuery, ServiceResponse, ServiceUpdateRequest } from './catalog.dto.js';
import { services, type ServiceRow } from './catalog.schema.js';

export function presentService(auth: AuthContext, s: ServiceRow): ServiceResponse {
  return {
    id: s.id,
    providerId: s.providerId,
    code: s.code,
    nameDe: s.nameDe,
    nameEn: s.nameEn,
    descriptionDe: s.descriptionDe,
    descriptionEn: s.descriptionEn,
    category: s.category,
    chargeUnit: s.chargeUnit,
    unitCode: s.unitCode,
    vatTreatment: s.vatTreatment,
    vatExemptionCode: s.vatExemptionCode,
    vatExemptionReason: s.vatExemptionReason,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    abilities: { update: has(auth, s.providerId, 'catalog.manage') },
  };
}

/** VAT fields must agree: exempt needs a VATEX code and a reason; the others carry no code. */
export function vatErrors(v: { vatTreatment: string; vatExemptionCode?: string | null; vatExemptionReason?: string | null }) {
  const errors: { field: string; message: string }[] = [];
  if (v.vatTreatment === 'exempt') {
    if (!v.vatExemptionCode) {
      errors.push({ field: 'body/vatExemptionCode', message: 'an exempt service needs a VATEX code (BT-121)' });
    }
    if (!v.vatExemptionReason) {
      errors.push({ field: 'body/vatExemptionReason', message: 'an exempt service needs the exemption reason (BT-120)' });
    }
  } else if (v.vatExemptionCode) {
    errors.push({ field: 'body/vatExemptionCode', message: 'only for exempt services' });
  }
  return errors;
}

export class ServicesService {
  constructor(private readonly db: Db) {}

  async list(auth: AuthContext, q: ServiceListQuery) {
    access.requireAnywhere(auth, 'catalog.read');
    return withTenant(this.db, auth, async (tx) => {
      const providers = await readableProviders(tx, auth);
      const wanted = q.providerId ? providers.filter((p) => p === q.providerId) : providers;
      const conds: SQL[] = [inIds(services.providerId, wanted)];
      if (q.status) {
        conds.push(eq(services.status, q.status));
      }
      if (q.category) {
        conds.push(eq(services.category, q.category));
      }
      if (q.q) {
        const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conds.push(or(ilike(services.code, like), ilike(services.nameDe, like))!);
      }
      const total = wanted.length === 0 ? 0 : ((await tx.select({ n: sql<number>`count(*)::int` }).from(services).where(and(...conds)))[0]?.n ?? 0);
      const cursor = decodeCursor(q.cursor);
      if (cursor) {
        const [code, id] = cursor;
        if (typeof code !== 'string' || typeof id !== 'string') {
          throw new HttpError(400, 'Bad Request', 'The cursor is not valid; start again without it.');
        }
        conds.push(or(gt(services.code, code), and(eq(services.code, code), gt(services.id, id)))!);
      }
      const rows =
        wanted.length === 0
          ? []
          : await tx
              .select()
              .from(services)
              .where(and(...conds))
              .orderBy(asc(services.code), asc(services.id))
              .limit(q.limit + 1);
      const p = page(rows, q.limit, (r) => [r.code, r.id]);
      return { ...p, items: p.items.map((r) => presentService(auth, r)), total };
    });
  }

  /** A service the caller may read, or 404. */
  async load(tx: Tx, auth: AuthContext, id: string): Promise<ServiceRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) {
      throw new NotFoundError();
    }
    const [row] = await tx.select().from(services).where(eq(services.id, id)).limit(1);
    if (!row) {
      throw new NotFoundError();
    }
    if (!(await readableProviders(tx, auth)).includes(row.providerId)) {
      // Visible through another permission but not catalog.read (an API token, say).
      throw new ForbiddenError('You lack the permission catalog.read here.');
    }
    return row;
  }

  async get(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => presentService(auth, await this.load(tx, auth, id)));
  }

  async create(auth: AuthContext, input: ServiceCreateRequest) {
    const errors = vatErrors(input);
    if (errors.length) {
      throw new UnprocessableError('The VAT fields do not fit together.', errors);
    }
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'catalog.manage', [input.providerId]);
      await requireProviderOrg(tx, input.providerId);
      const [row] = await tx
        .insert(services)
        .values({ ...input, nameEn: input.nameEn ?? null, descriptionDe: input.descriptionDe ?? null, descriptionEn: input.descriptionEn ?? null, vatExemptionCode: input.vatExemptionCode ?? null, vatExemptionReason: input.vatExemptionReason ?? null })
        .returning();
      await recordAudit(tx, auth, { orgId: input.providerId, entityType: 'service', entityId: row!.id, action: 'create', after: row });
      return presentService(auth, row!);
    });
  }

  async update(auth: AuthContext, id: string, input: ServiceUpdateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      const before = await this.load(tx, auth, id);
      requireManage(auth, before.providerId);
      const merged = {
        vatTreatment: input.vatTreatment ?? before.vatTreatment,
        vatExemptionCode: input.vatExemptionCode !== undefined ? input.vatExemptionCode : before.vatExemptionCode,
        vatExemptionReason: input.vatExemptionReason !== undefined ? input.vatExemptionReason : before.vatExemptionReason,
      };
      // Leaving `exempt` drops the VATEX code that only belongs to it.
      if (input.vatTreatment && input.vatTreatment !== 'exempt' && input.vatExemptionCode === undefined) {
        merged.vatExemptionCode = null;
      }
      const errors = vatErrors(merged);
      if (errors.length) {
        throw new UnprocessableError('The VAT fields do not fit together.', errors);
      }
      const [row] = await tx
        .update(services)
        .set({ ...input, ...merged })
        .where(eq(services.id, id))
        .returning();
      await recordAudit(tx, auth, { orgId: before.providerId, entityType: 'service', entityId: id, action: 'update', before, after: row });
      return presentService(auth, row!);
    });
  }
}
