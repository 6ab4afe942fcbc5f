import { describe, expect, it } from 'vitest';
import { can, membershipTree, orgsWithPermission, pickActiveOrg, subtree, type Membership } from './memberships';
import { rolesGrantableOn } from './roles';

const m = (
  orgId: string,
  orgName: string,
  parentId: string | null,
  roles: string[],
  permissions: string[],
): Membership => ({
  orgId,
  orgName,
  orgKind: parentId === null ? 'provider' : 'member',
  parentId,
  roles,
  permissions,
});

const admin = ['organisation.read', 'organisation.create', 'user.read', 'user.manage', 'role.grant', 'audit.read'];
const tree = [
  m('kahla', 'Stadt Kahla', 'p', ['provider_admin'], admin),
  m('bucha', 'Gemeinde Bucha', 'vg', ['provider_admin'], admin),
  m('p', 'Kommunale IT', null, ['provider_admin'], admin),
  m('vg', 'VG Südliches Saaletal', 'p', ['provider_admin'], admin),
  m('alt', 'Gemeinde Altenberga', 'vg', ['provider_admin'], admin),
];

describe('membershipTree', () => {
  it('orders parents before children and siblings by name', () => {
    expect(membershipTree(tree).map((e) => [e.membership.orgId, e.depth])).toEqual([
      ['p', 0],
      ['kahla', 1],
      ['vg', 1],
      ['alt', 2],
      ['bucha', 2],
    ]);
  });

  it('treats organisations with an invisible parent as roots', () => {
    const vgOnly = tree.filter((x) => ['vg', 'alt', 'bucha'].includes(x.orgId));
    expect(membershipTree(vgOnly)[0]).toMatchObject({ membership: { orgId: 'vg' }, depth: 0 });
  });
});

describe('pickActiveOrg', () => {
  it('keeps a stored choice that is still visible, else takes the top', () => {
    expect(pickActiveOrg(tree, 'vg')).toBe('vg');
    expect(pickActiveOrg(tree, 'gone')).toBe('p');
    expect(pickActiveOrg(tree, null)).toBe('p');
    expect(pickActiveOrg([], null)).toBeNull();
  });
});

describe('permissions', () => {
  it('answers per organisation', () => {
    const user = m('bucha', 'Gemeinde Bucha', 'vg', ['member_user'], ['organisation.read']);
    expect(can(user, 'organisation.read')).toBe(true);
    expect(can(user, 'user.read')).toBe(false);
    expect(can(undefined, 'organisation.read')).toBe(false);
    expect(orgsWithPermission([user, ...tree.slice(0, 1)], 'user.manage').map((e) => e.membership.orgId)).toEqual([
      'kahla',
    ]);
  });

  it('offers provider roles only on the provider and nothing without role.grant', () => {
    expect(rolesGrantableOn(tree.find((x) => x.orgId === 'p'))).toContain('provider_admin');
    expect(rolesGrantableOn(tree.find((x) => x.orgId === 'vg'))).not.toContain('provider_admin');
    const memberAdmin = m('vg', 'VG', 'p', ['member_admin'], ['role.grant']);
    expect(rolesGrantableOn(memberAdmin)).toEqual(['member_admin', 'member_user', 'auditor']);
    expect(rolesGrantableOn(m('b', 'B', 'vg', ['member_user'], ['organisation.read']))).toEqual([]);
  });
});

describe('subtree', () => {
  it('nests the organisations below the root', () => {
    const vg = subtree(tree, 'vg');
    expect(vg?.membership.orgId).toBe('vg');
    expect(vg?.children.map((c) => c.membership.orgId)).toEqual(['alt', 'bucha']);
    expect(subtree(tree, 'p')?.children.map((c) => c.membership.orgId)).toEqual(['kahla', 'vg']);
    expect(subtree(tree, 'nope')).toBeNull();
  });
});
