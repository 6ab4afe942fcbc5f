import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ConflictError, HttpError, NotFoundError } from '../../platform/http/errors.js';
import { validateLeitwegId } from './leitweg-id.js';
import type { LeitwegCreateRequest, LeitwegResponse, LeitwegUpdateRequest } from './members.dto.js';
import type { LeitwegIdRow } from './members.schema.js';
import { requireMember } from './member-access.js';
import * as repo from './leitweg.repository.js';

const present = (r: LeitwegIdRow): LeitwegResponse => ({
  id: r.id,
  orgId: r.orgId,
  leitwegId: r.leitwegId,
  purpose: r.purpose,
  isDefault: r.isDefault,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** 422 naming the wrong part, in German and English; the normalized ID when valid. */
function checked(input: string): string {
  const r = validateLeitwegId(input);
  if (!r.valid) {
    throw new HttpError(422, 'Unprocessable Content', `${r.error.de} (${r.error.en})`, {
      errors: [{ field: 'body/leitwegId', message: r.error.de }],
      leitwegIdError: r.error,
    });
  }
  return r.normalized;
}

function isUniqueViolation(e: unknown): boolean {
  let c: unknown = e;
  for (let i = 0; i < 3 && c && typeof c === 'object'; i++) {
    if ((c as { code?: unknown }).code === '23505') {
      return true;
    }
    c = (c as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Leitweg-IDs of a member. Exactly one is the default while any exist: the first becomes it, a new
 * default takes the flag from the old one, deleting the default hands it to the oldest other one.
 */
export class LeitwegService {
  constructor(private readonly db: Db) {}

  async list(auth: AuthContext, orgId: string) {
    return withTenant(this.db, auth, async (tx) => {
      await requireMember(tx, auth, 'member.read', orgId);
      return { items: (await repo.list(tx, auth, orgId)).map(present) };
    });
  }

  async create(auth: AuthContext, orgId: string, input: LeitwegCreateRequest) {
    const leitwegId = checked(input.leitwegId);
    try {
      return await withTenant(this.db, auth, async (tx) => {
        const org = await requireMember(tx, auth, 'leitweg.manage', orgId);
        const existing = await repo.list(tx, auth, orgId);
        const isDefault = existing.length === 0 || input.isDefault === true;
        if (isDefault) {
          await repo.clearDefault(tx, auth, orgId);
        }
        const row = await repo.insert(tx, auth, { orgId, providerId: org.providerId, leitwegId, purpose: input.purpose ?? null, isDefault });
        await recordAudit(tx, auth, { orgId, entityType: 'leitweg_id', entityId: row.id, action: 'create', after: row });
        return present(row);
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new ConflictError(`Die Leitweg-ID ${leitwegId} ist bei diesem Dienstleister schon vergeben.`);
      }
      throw e;
    }
  }

  async update(auth: AuthContext, orgId: string, id: string, input: LeitwegUpdateRequest) {
    const leitwegId = input.leitwegId === undefined ? undefined : checked(input.leitwegId);
    try {
      return await withTenant(this.db, auth, async (tx) => {
        await requireMember(tx, auth, 'leitweg.manage', orgId);
        const before = await repo.find(tx, auth, orgId, id);
        if (!before) {
          throw new NotFoundError();
        }
        if (input.isDefault) {
          await repo.clearDefault(tx, auth, orgId, id);
        }
        const row = await repo.update(tx, auth, orgId, id, {
          ...(leitwegId ? { leitwegId } : {}),
          ...(input.purpose !== undefined ? { purpose: input.purpose } : {}),
          ...(input.isDefault ? { isDefault: true } : {}),
        });
        if (!row) {
          throw new NotFoundError();
        }
        await recordAudit(tx, auth, { orgId, entityType: 'leitweg_id', entityId: id, action: 'update', before, after: row });
        return present(row);
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new ConflictError(`Die Leitweg-ID ${leitwegId ?? ''} ist bei diesem Dienstleister schon vergeben.`);
      }
      throw e;
    }
  }

  async remove(auth: AuthContext, orgId: string, id: string) {
    await withTenant(this.db, auth, async (tx) => {
      await requireMember(tx, auth, 'leitweg.manage', orgId);
      const before = await repo.find(tx, auth, orgId, id);
      if (!before) {
        throw new NotFoundError();
      }
      await repo.remove(tx, auth, orgId, id);
      await recordAudit(tx, auth, { orgId, entityType: 'leitweg_id', entityId: id, action: 'delete', before });
      if (before.isDefault) {
        const [heir] = await repo.list(tx, auth, orgId);
        if (heir) {
          const after = await repo.update(tx, auth, orgId, heir.id, { isDefault: true });
          await recordAudit(tx, auth, { orgId, entityType: 'leitweg_id', entityId: heir.id, action: 'update', before: heir, after });
        }
      }
    });
  }
}
