import { useNavigate } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { membershipTree } from '../lib/memberships';
import { useAuth } from './auth';

/** Chooses the active organisation; lists show its subtree. Hidden when there is no choice. */
export function OrgSwitcher() {
  const { t } = useTranslation();
  const { me, activeOrg, setActiveOrg } = useAuth();
  const navigate = useNavigate();
  const id = useId();
  const tree = membershipTree(me?.memberships ?? []);
  if (tree.length < 2) {
    return activeOrg ? <p className="kern-body kern-body--small">{activeOrg.orgName}</p> : null;
  }
  return (
    <div className="kern-form-input">
      <label className="kern-label kern-label--small" htmlFor={id}>
        {t('layout.activeOrg')}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id={id}
          className="kern-form-input__select"
          value={activeOrg?.orgId ?? ''}
          onChange={(e) => {
            setActiveOrg(e.target.value);
            void navigate({ to: '/organisations' });
          }}
        >
          {tree.map(({ membership, depth }) => (
            <option key={membership.orgId} value={membership.orgId}>
              {`${'\u00a0\u00a0'.repeat(depth)}${membership.orgName}`}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
