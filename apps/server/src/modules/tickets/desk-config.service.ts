import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { HttpError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import type { CategoryRequest, CategoryUpdateRequest, DeskSettingsRequest, SavedFilterRequest, SlaProfileRequest } from './desk-config.dto.js';
import { loadSettings } from './sla-config.js';
import { slaProfiles, ticketCategories, ticketSavedFilters, ticketSettings, type SlaProfileRow } from './tickets.schema.js';

function presentProfile(p: SlaProfileRow) {
  return {
    id: p.id,
    providerId: p.providerId,
    name: p.name,
    hours: p.hours,
    targets: p.targets,
    observeHolidays: p.observeHolidays,
    warnBeforeMinutes: p.warnBeforeMinutes,
    isDefault: p.isDefault,
    serviceIds: p.serviceIds,
    memberIds: p.memberIds,
    updatedAt: p.updatedAt.toISOString(),
  };
}

const canManage = (auth: AuthContext, providerId: string) => auth.permissions.get(providerId)?.has('sla.manage') ?? false;

const uniqueViolation = (e: unknown) => ((e as { cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code) === '23505';

/** SLA profiles, categories, desk settings and saved filters of a provider. */
export class DeskConfigService {
  constructor(private readonly db: Db) {}

  /** The provider whose configuration the caller works with (its own, or the one of its member). */
  async providerFor(tx: Tx, auth: AuthContext, requested?: string): Promise<string> {
    const res = await tx.execute<{ provider_id: string }>(
      sql`select distinct provider_id from organisations where id = any(${`{${auth.orgIds.join(',')}}`}::uuid[]) order by provider_id`,
    );
    const ids = res.rows.map((r) => r.provider_id);
    if (requested) {
      if (!ids.includes(requested)) {
        throw new NotFoundError();
      }
      return requested;
    }
    if (ids.length === 0) {
      throw new NotFoundError();
    }
    if (ids.length > 1) {
      throw new UnprocessableError('You work for several providers; name one with ?provider=.', [{ field: 'querystring/provider', message: 'required' }]);
    }
    return ids[0]!;
  }

  // ---- SLA profiles ---------------------------------------------------------------------------

  async listProfiles(auth: AuthContext, provider?: string) {
    access.requireAnywhere(auth, 'ticket.read');
    return withTenant(this.db, auth, async (tx) => {
      const providerId = await this.providerFor(tx, auth, provider);
      const rows = await tx.select().from(slaProfiles).where(eq(slaProfiles.providerId, providerId)).orderBy(asc(slaProfiles.name));
      return { items: rows.map(presentProfile), canManage: canManage(auth, providerId) };
    });
  }

  async createProfile(auth: AuthContext, input: SlaProfileRequest, provider?: string) {
    return withTenant(this.db, auth, async (tx) => {
      const providerId = await this.providerFor(tx, auth, provider);
      await access.require(tx, auth, 'sla.manage', [providerId]);
      await this.checkMembers(tx, providerId, input.memberIds);
      if (input.isDefault) {
        await tx.update(slaProfiles).set({ isDefault: false }).where(eq(slaProfiles.providerId, providerId));
      }
      try {
        const [row] = await tx.insert(slaProfiles).values({ ...input, providerId }).returning();
        await recordAudit(tx, auth, { orgId: providerId, entityType: 'sla_profile', entityId: row!.id, action: 'create', after: row });
        return presentProfile(row!);
      } catch (e) {
        throw uniqueViolation(e) ? new HttpError(409, 'Conflict', 'A profile with this name exists.') : e;
      }
    });
  }

  async updateProfile(auth: AuthContext, id: string, input: SlaProfileRequest) {
    return withTenant(this.db, auth, async (tx) => {
      const [before] = await tx.select().from(slaProfiles).where(eq(slaProfiles.id, id));
      if (!before) {
        throw new NotFoundError();
      }
      await access.require(tx, auth, 'sla.manage', [before.providerId]);
      await this.checkMembers(tx, before.providerId, input.memberIds);
      if (input.isDefault && !before.isDefault) {
        await tx.update(slaProfiles).set({ isDefault: false }).where(eq(slaProfiles.providerId, before.providerId));
      }
      try {
        const [row] = await tx.update(slaProfiles).set(input).where(eq(slaProfiles.id, id)).returning();
        await recordAudit(tx, auth, { orgId: before.providerId, entityType: 'sla_profile', entityId: id, action: 'update', before, after: row });
        return presentProfile(row!);
      } catch (e) {
        throw uniqueViolation(e) ? new HttpError(409, 'Conflict', 'A profile with this name exists.') : e;
      }
    });
  }

  async deleteProfile(auth: AuthContext, id: string) {
    await withTenant(this.db, auth, async (tx) => {
      const [before] = await tx.select().from(slaProfiles).where(eq(slaProfiles.id, id));
      if (!before) {
        throw new NotFoundError();
      }
      await access.require(tx, auth, 'sla.manage', [before.providerId]);
      // Tickets keep their stored due dates; their profile reference is cleared by the FK.
      await tx.delete(slaProfiles).where(eq(slaProfiles.id, id));
      await recordAudit(tx, auth, { orgId: before.providerId, entityType: 'sla_profile', entityId: id, action: 'delete', before });
    });
  }

  private async checkMembers(tx: Tx, providerId: string, memberIds: string[]) {
    if (memberIds.length === 0) {
      return;
    }
    const res = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from organisations where id = any(${`{${memberIds.join(',')}}`}::uuid[]) and provider_id = ${providerId} and kind = 'member'`,
    );
    if (res.rows[0]!.n !== new Set(memberIds).size) {
      throw new UnprocessableError('Every member must be a member of this provider.', [{ field: 'body/memberIds', message: 'members of the provider' }]);
    }
  }

  // ---- categories -----------------------------------------------------------------------------

  async listCategories(auth: AuthContext, provider?: string) {
    access.requireAnywhere(auth, 'ticket.read');
    return withTenant(this.db, auth, async (tx) => {
      const providerId = await this.providerFor(tx, auth, provider);
      const rows = await tx.select().from(ticketCategories).where(eq(ticketCategories.providerId, providerId)).orderBy(asc(ticketCategories.sort), asc(ticketCategories.name));
      const byId = new Map(rows.map((r) => [r.id, r]));
      const pathOf = (id: string, depth = 0): string => {
        const r = byId.get(id)!;
        return r.parentId && depth < 10 && byId.has(r.parentId) ? `${pathOf(r.parentId, depth + 1)} › ${r.name}` : r.name;
      };
      const items = rows.map((r) => ({ id: r.id, parentId: r.parentId, name: r.name, sort: r.sort, path: pathOf(r.id) }));
      return { items: items.sort((a, b) => a.path.localeCompare(b.path, 'de')) };
    });
  }

  async createCategory(auth: AuthContext, input: z.infer<typeof CategoryRequest>, provider?: string) {
    return withTenant(this.db, auth, async (tx) => {
      const providerId = await this.providerFor(tx, auth, provider);
      await access.require(tx, auth, 'sla.manage', [providerId]);
      await this.checkParent(tx, providerId, input.parentId, null);
      try {
        const [row] = await tx.insert(ticketCategories).values({ ...input, providerId }).returning();
        await recordAudit(tx, auth, { orgId: providerId, entityType: 'ticket_category', entityId: row!.id, action: 'create', after: row });
        return { id: row!.id, parentId: row!.parentId, name: row!.name, sort: row!.sort, path: row!.name };
      } catch (e) {
        throw uniqueViolation(e) ? new HttpError(409, 'Conflict', 'A category with this name exists at this place.') : e;
      }
    });
  }

  async updateCategory(auth: AuthContext, id: string, input: z.infer<typeof CategoryUpdateRequest>) {
    return withTenant(this.db, auth, async (tx) => {
      const [before] = await tx.select().from(ticketCategories).where(eq(ticketCategories.id, id));
      if (!before) {
        throw new NotFoundError();
      }
      await access.require(tx, auth, 'sla.manage', [before.providerId]);
      if (input.parentId !== undefined) {
        await this.checkParent(tx, before.providerId, input.parentId, id);
      }
      try {
        const [row] = await tx.update(ticketCategories).set(input).where(eq(ticketCategories.id, id)).returning();
        await recordAudit(tx, auth, { orgId: before.providerId, entityType: 'ticket_category', entityId: id, action: 'update', before, after: row });
        return { id: row!.id, parentId: row!.parentId, name: row!.name, sort: row!.sort, path: row!.name };
      } catch (e) {
        throw uniqueViolation(e) ? new HttpError(409, 'Conflict', 'A category with this name exists at this place.') : e;
      }
    });
  }

  async deleteCategory(auth: AuthContext, id: string) {
    await withTenant(this.db, auth, async (tx) => {
      const [before] = await tx.select().from(ticketCategories).where(eq(ticketCategories.id, id));
      if (!before) {
        throw new NotFoundError();
      }
      await access.require(tx, auth, 'sla.manage', [before.providerId]);
      await tx.delete(ticketCategories).where(eq(ticketCategories.id, id));
      await recordAudit(tx, auth, { orgId: before.providerId, entityType: 'ticket_category', entityId: id, action: 'delete', before });
    });
  }

  /** The parent belongs to the provider and is not the category itself or one of its descendants. */
  private async checkParent(tx: Tx, providerId: string, parentId: string | null, self: string | null) {
    if (!parentId) {
      return;
    }
    const res = await tx.execute<{ id: string }>(sql`
      with recursive up as (
        select id, parent_id, 0 as depth from ticket_categories where id = ${parentId} and provider_id = ${providerId}
        union all select c.id, c.parent_id, up.depth + 1 from ticket_categories c join up on c.id = up.parent_id where up.depth < 20
      ) select id from up`);
    if (res.rows.length === 0) {
      throw new UnprocessableError('Unknown parent category.', [{ field: 'body/parentId', message: 'a category of this provider' }]);
    }
    if (self && res.rows.some((r) => r.id === self)) {
      throw new UnprocessableError('A category cannot sit below itself.', [{ field: 'body/parentId', message: 'not itself or a sub-category' }]);
    }
  }

  // ---- settings -------------------------------------------------------------------------------

  async settings(auth: AuthContext, provider?: string) {
    access.requireAnywhere(auth, 'ticket.read');
    return withTenant(this.db, auth, async (tx) => {
      const providerId = await this.providerFor(tx, auth, provider);
      return { providerId, ...(await loadSettings(tx, providerId)), canManage: canManage(auth, providerId) };
    });
  }

  async updateSettings(auth: AuthContext, input: z.infer<typeof DeskSettingsRequest>, provider?: string) {
    return withTenant(this.db, auth, async (tx) => {
      const providerId = await this.providerFor(tx, auth, provider);
      await access.require(tx, auth, 'sla.manage', [providerId]);
      const before = await loadSettings(tx, providerId);
      const next = { ...before, ...input };
      await tx
        .insert(ticketSettings)
        .values({ providerId, ...next })
        .onConflictDoUpdate({ target: ticketSettings.providerId, set: { ...next, updatedAt: new Date() } });
      await recordAudit(tx, auth, { orgId: providerId, entityType: 'ticket_settings', entityId: providerId, action: 'update', before, after: next });
      return { providerId, ...next, canManage: true };
    });
  }

  // ---- saved filters --------------------------------------------------------------------------

  private requireUser(auth: AuthContext): string {
    if (!auth.userId) {
      throw new HttpError(403, 'Forbidden', 'Saved filters belong to a user.');
    }
    return auth.userId;
  }

  async listFilters(auth: AuthContext) {
    access.requireAnywhere(auth, 'ticket.read');
    const userId = this.requireUser(auth);
    return withTenant(this.db, auth, async (tx) => {
      const rows = await tx.select().from(ticketSavedFilters).where(eq(ticketSavedFilters.userId, userId)).orderBy(asc(ticketSavedFilters.name));
      return { items: rows.map((r) => ({ id: r.id, name: r.name, query: r.query })) };
    });
  }

  async saveFilter(auth: AuthContext, input: z.infer<typeof SavedFilterRequest>) {
    access.requireAnywhere(auth, 'ticket.read');
    const userId = this.requireUser(auth);
    return withTenant(this.db, auth, async (tx) => {
      const u = await tx.execute<{ org_id: string }>(sql`select org_id from users where id = ${userId}`);
      const orgId = u.rows[0]?.org_id;
      if (!orgId) {
        throw new NotFoundError();
      }
      const [row] = await tx
        .insert(ticketSavedFilters)
        .values({ orgId, userId, name: input.name, query: input.query })
        .onConflictDoUpdate({ target: [ticketSavedFilters.userId, ticketSavedFilters.name], set: { query: input.query, updatedAt: new Date() } })
        .returning();
      return { id: row!.id, name: row!.name, query: row!.query };
    });
  }

  async deleteFilter(auth: AuthContext, id: string) {
    const userId = this.requireUser(auth);
    await withTenant(this.db, auth, async (tx) => {
      const rows = await tx.delete(ticketSavedFilters).where(and(eq(ticketSavedFilters.id, id), eq(ticketSavedFilters.userId, userId))).returning();
      if (!rows.length) {
        throw new NotFoundError();
      }
    });
  }
}
