import { permissionsOf, type Permission, type Role } from '@verbund/shared';
import type { TenantScope } from '../db/tenant.js';

/**
 * Who is calling, resolved once per request from the session cookie or an API token: the
 * organisations the caller may see and the permissions on each. Every service receives it.
 */
export interface AuthContext extends TenantScope {
  kind: 'session' | 'token';
  userId: string | null;
  tokenId: string | null;
  sessionId: string | null;
  requestId: string;
  /** Visible organisations (grants plus, where granted so, their descendants). */
  orgIds: string[];
  /** Permissions per visible organisation. */
  permissions: ReadonlyMap<string, ReadonlySet<Permission>>;
  /** Roles per visible organisation (empty for API tokens). */
  roles: ReadonlyMap<string, ReadonlySet<Role>>;
  /**
   * The session's user as the session lookup read it (an active account), so that a request about
   * the caller itself (a ticket it opens) needs no users query; as stale as the cached session.
   */
  person?: Person;
}

export interface Person {
  name: string;
  email: string;
  locale: string;
}

export interface OrgRoles {
  orgId: string;
  roles: Role[];
}

/** Builds the context of a user from the roles it holds per organisation (descendants expanded). */
export function userContext(
  base: { userId: string; sessionId: string | null; requestId: string; person?: Person },
  orgRoles: OrgRoles[],
): AuthContext {
  const roles = new Map<string, ReadonlySet<Role>>();
  const permissions = new Map<string, ReadonlySet<Permission>>();
  for (const { orgId, roles: r } of orgRoles) {
    const set = new Set<Role>([...(roles.get(orgId) ?? []), ...r]);
    roles.set(orgId, set);
    permissions.set(orgId, permissionsOf(set));
  }
  return {
    kind: 'session',
    userId: base.userId,
    tokenId: null,
    sessionId: base.sessionId,
    requestId: base.requestId,
    // Frozen: the context is cached per session and shared by its requests (see withTenant).
    orgIds: Object.freeze([...roles.keys()]) as string[],
    permissions,
    roles,
    ...(base.person ? { person: base.person } : {}),
  };
}

/**
 * Builds the context of an API token: its permissions on each organisation it covers, cut down to
 * what its creator holds there (`creator`, when the token has one).
 */
export function tokenContext(
  base: { tokenId: string; userId: string | null; requestId: string },
  orgIds: string[],
  perms: Permission[],
  creator?: ReadonlyMap<string, ReadonlySet<Permission>>,
): AuthContext {
  const permissions = new Map<string, ReadonlySet<Permission>>();
  for (const id of orgIds) {
    const held = creator ? perms.filter((p) => creator.get(id)?.has(p)) : perms;
    if (held.length > 0) {
      permissions.set(id, new Set(held));
    }
  }
  return {
    kind: 'token',
    userId: base.userId,
    tokenId: base.tokenId,
    sessionId: null,
    requestId: base.requestId,
    orgIds: Object.freeze([...permissions.keys()]) as string[],
    permissions,
    roles: new Map(),
  };
}

/** Organisations on which the caller holds `permission`. */
export function orgsWith(auth: AuthContext, permission: Permission): string[] {
  return auth.orgIds.filter((id) => auth.permissions.get(id)?.has(permission));
}
