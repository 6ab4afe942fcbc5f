import { describe, expect, it } from 'vitest';
import { grantableRoles, permissionsOf, ROLE_PERMISSIONS } from './permissions.js';

describe('permissions', () => {
  it('gives provider admins every permission and member users read only, except opening tickets', () => {
    expect(permissionsOf(['provider_admin']).has('organisation.delete')).toBe(true);
    const memberUser = permissionsOf(['member_user']);
    expect(memberUser.has('organisation.read')).toBe(true);
    expect([...memberUser].filter((p) => !p.endsWith('.read'))).toEqual(['ticket.create']);
  });

  it('keeps billing drafts and internal notes away from member roles', () => {
    for (const role of ['member_admin', 'member_user'] as const) {
      const p = permissionsOf([role]);
      expect(p.has('billing.read')).toBe(false);
      expect(p.has('ticket.internal')).toBe(false);
      expect(p.has('backup.ingest')).toBe(false);
    }
  });

  it('unions permissions of several roles', () => {
    const p = permissionsOf(['member_user', 'auditor']);
    expect(p.has('audit.read')).toBe(true);
    expect(p.has('organisation.update')).toBe(false);
  });

  it('lets member admins grant only member roles', () => {
    expect(grantableRoles(['member_admin'])).not.toContain('provider_admin');
    expect(grantableRoles(['member_user'])).toEqual([]);
    expect(grantableRoles(['provider_admin'])).toContain('provider_agent');
  });

  it('keeps auditors read-only', () => {
    for (const p of ROLE_PERMISSIONS.auditor) {
      expect(p.endsWith('.read')).toBe(true);
    }
  });
});
