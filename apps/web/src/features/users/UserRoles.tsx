import type { Role } from '@verbund/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoleGrant, User } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { CheckboxField, SelectField, SubmitButton } from '../../components/fields';
import { membershipTree } from '../../lib/memberships';
import { rolesGrantableOn } from '../../lib/roles';
import { useGrantRole, useRevokeRole } from './users.api';

/** The user's roles per organisation, with revoke and grant where the viewer may. */
export function UserRoles({ user }: { user: User }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const grant = useGrantRole(user.id);
  const revoke = useRevokeRole(user.id);
  const memberships = me?.memberships ?? [];
  const grantable = user.abilities.grantRoles
    ? membershipTree(memberships).filter((e) => rolesGrantableOn(e.membership).length > 0)
    : [];
  const [orgId, setOrgId] = useState(
    grantable.find((e) => e.membership.orgId === user.orgId)?.membership.orgId ?? grantable[0]?.membership.orgId ?? '',
  );
  const roles = rolesGrantableOn(memberships.find((m) => m.orgId === orgId));
  const [role, setRole] = useState<Role | ''>('');
  const [deep, setDeep] = useState(false);
  const roleValue = role && roles.includes(role) ? role : (roles[0] ?? '');
  const mayRevoke = (g: RoleGrant) =>
    user.abilities.grantRoles && rolesGrantableOn(memberships.find((m) => m.orgId === g.orgId)).includes(g.role);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (roleValue) {
      grant.mutate({ orgId, role: roleValue, includeDescendants: deep });
    }
  };

  return (
    <section className="kern-stack-md" aria-labelledby="user-roles">
      <h2 className="kern-heading-medium" id="user-roles">
        {t('user.roles')}
      </h2>
      <ProblemAlert error={revoke.error} />
      {user.roles.length === 0 ? (
        <Alert variant="info" title={t('user.noRoles')} />
      ) : (
        <DataTable<RoleGrant>
          caption={t('user.rolesCaption', { name: user.name })}
          rows={user.roles}
          rowKey={(g) => g.id}
          columns={[
            { key: 'role', header: t('user.role'), rowHeader: true, render: (g) => t(`role.${g.role}`) },
            { key: 'org', header: t('user.grantOrg'), render: (g) => g.orgName ?? '–' },
            {
              key: 'deep',
              header: t('user.scope'),
              render: (g) => (g.includeDescendants ? t('user.withDescendants') : t('user.onlyThis')),
            },
            {
              key: 'actions',
              header: t('common.actions'),
              render: (g) =>
                mayRevoke(g) ? (
                  <button
                    type="button"
                    className="kern-btn kern-btn--tertiary kern-btn--x-small"
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate(g.id)}
                  >
                    <span className="kern-label">
                      {t('user.revoke', { role: t(`role.${g.role}`), org: g.orgName ?? '' })}
                    </span>
                  </button>
                ) : (
                  '–'
                ),
            },
          ]}
        />
      )}
      {grantable.length > 0 ? (
        <form className="kern-stack-md form-narrow" onSubmit={submit} noValidate aria-labelledby="grant-heading">
          <h3 className="kern-heading-small" id="grant-heading">
            {t('user.grantTitle')}
          </h3>
          <ProblemAlert error={grant.error} />
          <SelectField
            name="grantOrg"
            label={t('user.grantOrg')}
            required
            value={orgId}
            onChange={setOrgId}
            options={grantable.map(({ membership, depth }) => ({
              value: membership.orgId,
              label: `${'\u00a0\u00a0'.repeat(depth)}${membership.orgName}`,
            }))}
          />
          <SelectField
            name="grantRole"
            label={t('user.role')}
            required
            value={roleValue}
            onChange={(v) => setRole(v as Role)}
            options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
          <CheckboxField name="grantDeep" label={t('user.includeDescendants')} checked={deep} onChange={setDeep} />
          <div>
            <SubmitButton busy={grant.isPending}>{t('user.grantSubmit')}</SubmitButton>
          </div>
        </form>
      ) : null}
    </section>
  );
}
