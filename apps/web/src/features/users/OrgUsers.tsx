import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../app/api';
import { UserTable } from './UserTable';
import { useUserList } from './users.api';

/** The users tab of an organisation: accounts whose home is this organisation. */
export function OrgUsers({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const list = useUserList({ orgId: org.id });
  return (
    <section className="kern-stack-md" aria-labelledby="users-heading">
      <div className="kern-flex kern-flex-wrap kern-justify-content-between kern-align-items-center kern-gap-md">
        <h2 className="kern-heading-medium" id="users-heading">
          {t('org.tab.users')}
        </h2>
        {org.abilities.manageUsers ? (
          <Link to="/users/new" search={{ orgId: org.id }} className="kern-btn kern-btn--secondary">
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('user.create')}</span>
          </Link>
        ) : null}
      </div>
      <UserTable query={list} caption={t('user.captionOrg', { name: org.name })} />
    </section>
  );
}
