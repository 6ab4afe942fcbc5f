import { grantableRoles, PROVIDER_ROLES, type Role } from '@verbund/shared';
import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { deleteSessionsOfUser, subtreeOf } from '../../platform/auth/auth.repository.js';
import { hashPassword } from '../../platform/auth/password.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withSystem, withTenant } from '../../platform/db/tenant.js';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import type {
  RoleGrantRequest,
  UserCreateRequest,
  UserListQuery,
  UserResponse,
  UserUpdateRequest,
} from './users.dto.js';
import * as repo from './users.repository.js';

type Grant = Awaited<ReturnType<typeof repo.grantsOf>>[number];

function present(auth: AuthContext, u: repo.UserListRow, grants: Grant[]): UserResponse {
  const perms = auth.permissions.get(u.orgId);
  return {
    ...u,
    locale: u.locale === 'en' ? 'en' : 'de',
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    roles: grants
      .filter((g) => g.userId === u.id)
      .map((g) => ({ ...g, role: g.role as Role, createdAt: g.createdAt.toISOString() })),
    abilities: {
      update: perms?.has('user.manage') ?? false,
      grantRoles: [...auth.permissions.values()].some((p) => p.has('role.grant')),
    },
  };
}

/** Roles the caller may hand out on an organisation. Tokens never hand out provider roles. */
function grantable(auth: AuthContext, orgId: string): Role[] {
  return grantableRoles(auth.kind === 'token' ? ['member_admin'] : (auth.roles.get(orgId) ?? []));
}

function mayGrant(auth: AuthContext, orgId: string, role: Role): boolean {
  return (auth.permissions.get(orgId)?.has('role.grant') ?? false) && grantable(auth, orgId).includes(role);
}

export class UsersService {
  constructor(private readonly db: Db) {}

  async list(auth: AuthContext, q: UserListQuery) {
    access.requireAnywhere(auth, 'user.read');
    const after = decodeCursor(q.cursor);
    const result = await withTenant(this.db, auth, async (tx) => {
      for (const id of [q.orgId, q.within]) {
        if (id) {
          await access.require(tx, auth, 'organisation.read', [id]);
        }
      }
      const active = q.active === undefined ? undefined : q.active === 'true';
      const rows = await repo.list(
        tx,
        auth,
        orgsWith(auth, 'user.read'),
        { orgId: q.orgId, within: q.within, q: q.q, active },
        q.limit,
        after,
      );
      const p = page(rows, q.limit, (r) => [r.name, r.id]);
      const grants = await repo.grantsOf(
        tx,
        auth,
        p.items.map((u) => u.id),
      );
      return { ...p, items: p.items.map((u) => present(auth, u, grants)) };
    });
    const beyond = await this.outranking(
      auth,
      result.items.filter((u) => u.abilities.update).map((u) => u.id),
    );
    for (const u of result.items) {
      u.abilities.update &&= !beyond.has(u.id);
    }
    return result;
  }

  async get(auth: AuthContext, id: string) {
    const user = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'user.read', [id]);
      return this.load(tx, auth, id);
    });
    if (user.abilities.update && (await this.outranking(auth, [id])).has(id)) {
      user.abilities.update = false;
    }
    return user;
  }

  /**
   * Which of the users hold a role the caller could not grant (on an organisation it cannot see, on
   * the subtree below a deep grant, or a higher one). Such a user is not the caller's to change: a
   * new password or e-mail address would hand the caller that user's power. Call only with ids
   * that passed an access check.
   */
  private async outranking(auth: AuthContext, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) {
      return new Set();
    }
    const held = await withSystem(this.db, (tx) => repo.heldRoles(tx, ids));
    return new Set(held.filter((h) => !mayGrant(auth, h.orgId, h.role as Role)).map((h) => h.userId));
  }

  /**
   * A grant with includeDescendants must not reach past the caller: it needs the caller to be able
   * to grant the role on every organisation below, which only the system path can list.
   */
  private async requireReach(auth: AuthContext, grants: RoleGrantRequest[]): Promise<void> {
    const deep = grants.filter((g) => g.includeDescendants);
    if (deep.length === 0) {
      return;
    }
    // Ids first: what the caller cannot see answers 404, never a 403 that would confirm it.
    await withTenant(this.db, auth, (tx) =>
      access.require(
        tx,
        auth,
        'role.grant',
        deep.map((g) => g.orgId),
      ),
    );
    for (const g of deep) {
      const below = await withSystem(this.db, (tx) => subtreeOf(tx, g.orgId));
      if (below.some((orgId) => !mayGrant(auth, orgId, g.role))) {
        throw new ForbiddenError(
          `The role ${g.role} with descendants reaches organisations below that you cannot manage.`,
        );
      }
    }
  }

  private async load(tx: Tx, auth: AuthContext, id: string) {
    const u = await repo.findById(tx, auth, id);
    if (!u) {
      throw new NotFoundError();
    }
    return present(auth, u, await repo.grantsOf(tx, auth, [id]));
  }

  async create(auth: AuthContext, input: UserCreateRequest) {
    await this.requireReach(auth, input.roles);
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'organisation.read', [input.orgId]);
      if (!auth.permissions.get(input.orgId)?.has('user.manage')) {
        throw new ForbiddenError('You may not manage users of this organisation.');
      }
      if (await repo.emailTaken(tx, input.email)) {
        throw new ConflictError('A user with this e-mail address exists already.');
      }
      const id = await repo.insert(tx, auth, {
        orgId: input.orgId,
        email: input.email,
        name: input.name,
        locale: input.locale,
        passwordHash,
      });
      await recordAudit(tx, auth, {
        orgId: input.orgId,
        entityType: 'user',
        entityId: id,
        action: 'create',
        after: { email: input.email, name: input.name, locale: input.locale },
      });
      for (const g of input.roles) {
        await this.grantIn(tx, auth, id, g);
      }
      return this.load(tx, auth, id);
    });
  }

  async update(auth: AuthContext, id: string, input: UserUpdateRequest) {
    await withTenant(this.db, auth, (tx) => access.require(tx, auth, 'user.manage', [id]));
    if ((await this.outranking(auth, [id])).has(id)) {
      throw new ForbiddenError('This user holds roles beyond the ones you may grant; ask an administrator above you.');
    }
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    const updated = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'user.manage', [id]);
      if (id === auth.userId && input.active === false) {
        throw new UnprocessableError('You cannot deactivate your own account.');
      }
      if (input.email && (await repo.emailTaken(tx, input.email, id))) {
        throw new ConflictError('A user with this e-mail address exists already.');
      }
      const before = await this.load(tx, auth, id);
      const { password: _pw, ...rest } = input;
      await repo.update(tx, auth, id, { ...rest, ...(passwordHash ? { passwordHash } : {}) });
      const after = await this.load(tx, auth, id);
      const action =
        input.active === false ? 'deactivate' : input.active === true && !before.active ? 'activate' : 'update';
      await recordAudit(tx, auth, {
        orgId: before.orgId,
        entityType: 'user',
        entityId: id,
        action,
        before: { email: before.email, name: before.name, locale: before.locale, active: before.active },
        after: {
          email: after.email,
          name: after.name,
          locale: after.locale,
          active: after.active,
          passwordChanged: Boolean(passwordHash),
        },
      });
      return after;
    });
    if (input.active === false || passwordHash) {
      // A deactivated account or a new password ends every open session of that user.
      await withSystem(this.db, (tx) => deleteSessionsOfUser(tx, id));
    }
    return updated;
  }

  async grant(auth: AuthContext, userId: string, g: RoleGrantRequest) {
    await withTenant(this.db, auth, (tx) => access.require(tx, auth, 'user.read', [userId]));
    await this.requireReach(auth, [g]);
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'user.read', [userId]);
      await this.grantIn(tx, auth, userId, g);
      return this.load(tx, auth, userId);
    });
  }

  private async grantIn(tx: Tx, auth: AuthContext, userId: string, g: RoleGrantRequest) {
    await access.require(tx, auth, 'role.grant', [g.orgId]);
    if (!grantable(auth, g.orgId).includes(g.role)) {
      throw new ForbiddenError(`You may not grant the role ${g.role} here.`);
    }
    const org = await repo.orgKind(tx, auth, g.orgId);
    if (!org) {
      throw new NotFoundError();
    }
    if (PROVIDER_ROLES.includes(g.role) && org.kind !== 'provider') {
      throw new UnprocessableError(`The role ${g.role} can only be granted on the provider itself.`, [
        { field: 'body/role', message: 'provider role on a member' },
      ]);
    }
    const row = await repo.insertGrant(tx, auth, { ...g, userId, grantedBy: auth.userId });
    await recordAudit(tx, auth, { orgId: g.orgId, entityType: 'user', entityId: userId, action: 'grant', after: row });
  }

  async revoke(auth: AuthContext, userId: string, grantId: string) {
    const g = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'user.read', [userId]);
      const found = await repo.findGrant(tx, auth, userId, grantId);
      if (!found) {
        throw new NotFoundError();
      }
      await access.require(tx, auth, 'role.grant', [found.orgId]);
      if (!grantable(auth, found.orgId).includes(found.role as Role)) {
        throw new ForbiddenError(`You may not revoke the role ${found.role} here.`);
      }
      if (userId === auth.userId && found.role === 'provider_admin') {
        throw new UnprocessableError('You cannot take away your own administrator role.');
      }
      return found;
    });
    // Taking away a deep grant needs the same reach as giving it.
    await this.requireReach(auth, [{ orgId: g.orgId, role: g.role as Role, includeDescendants: g.includeDescendants }]);
    return withTenant(this.db, auth, async (tx) => {
      await repo.deleteGrant(tx, auth, grantId);
      await recordAudit(tx, auth, {
        orgId: g.orgId,
        entityType: 'user',
        entityId: userId,
        action: 'revoke',
        before: g,
      });
      return this.load(tx, auth, userId);
    });
  }
}
