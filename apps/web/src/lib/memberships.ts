import type { Permission } from '@verbund/shared';

export interface Membership {
  orgId: string;
  orgName: string;
  orgKind: 'provider' | 'member';
  parentId: string | null;
  roles: string[];
  permissions: string[];
}

export interface TreeEntry {
  membership: Membership;
  depth: number;
}

/**
 * Orders the visible organisations as a tree (parents before children, siblings by name), so the
 * context switcher reads like the organisation chart. Organisations whose parent is not visible
 * are roots.
 */
export function membershipTree(memberships: readonly Membership[]): TreeEntry[] {
  const ids = new Set(memberships.map((m) => m.orgId));
  const children = new Map<string | null, Membership[]>();
  for (const m of memberships) {
    const parent = m.parentId && ids.has(m.parentId) ? m.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(m);
    children.set(parent, list);
  }
  for (const list of children.values()) {
    list.sort((a, b) => a.orgName.localeCompare(b.orgName, 'de'));
  }
  const out: TreeEntry[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const m of children.get(parent) ?? []) {
      if (seen.has(m.orgId)) {
        continue;
      }
      seen.add(m.orgId);
      out.push({ membership: m, depth });
      walk(m.orgId, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The stored choice when still visible, else the top of the tree. */
export function pickActiveOrg(memberships: readonly Membership[], stored: string | null): string | null {
  if (stored && memberships.some((m) => m.orgId === stored)) {
    return stored;
  }
  return membershipTree(memberships)[0]?.membership.orgId ?? null;
}

export function can(membership: Membership | undefined, permission: Permission): boolean {
  return membership?.permissions.includes(permission) ?? false;
}

/** Organisations on which the user holds a permission, in tree order. */
export function orgsWithPermission(memberships: readonly Membership[], permission: Permission): TreeEntry[] {
  return membershipTree(memberships).filter((e) => e.membership.permissions.includes(permission));
}

export interface TreeNode {
  membership: Membership;
  children: TreeNode[];
}

/** The visible organisations below (and including) one, as nested nodes, siblings by name. */
export function subtree(memberships: readonly Membership[], rootId: string): TreeNode | null {
  const root = memberships.find((m) => m.orgId === rootId);
  if (!root) {
    return null;
  }
  const byParent = new Map<string, Membership[]>();
  for (const m of memberships) {
    if (m.parentId) {
      const list = byParent.get(m.parentId) ?? [];
      list.push(m);
      byParent.set(m.parentId, list);
    }
  }
  const seen = new Set<string>();
  const build = (m: Membership): TreeNode => {
    seen.add(m.orgId);
    const kids = (byParent.get(m.orgId) ?? [])
      .filter((k) => !seen.has(k.orgId))
      .sort((a, b) => a.orgName.localeCompare(b.orgName, 'de'));
    return { membership: m, children: kids.map(build) };
  };
  return build(root);
}
