import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../lib/format';
import { UserEditForm } from './UserEditForm';
import { UserRoles } from './UserRoles';
import { useUpdateUser, useUser } from './users.api';

const route = getRouteApi('/app/users/$id');

function ActiveToggle({ user }: { user: User }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const update = useUpdateUser(user.id);
  const [confirm, setConfirm] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  // Locking oneself out is never what was meant.
  if (!user.abilities.update || me?.user.id === user.id) {
    return null;
  }
  const toggle = () =>
    update.mutate(
      { active: !user.active },
      {
        onSuccess: () => setDone(user.active ? t('user.deactivated') : t('user.reactivated')),
        onSettled: () => setConfirm(false),
      },
    );
  return (
    <div className="kern-stack-sm">
      {done ? <Alert variant="success" title={done} /> : null}
      <ProblemAlert error={update.error} />
      <div>
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          onClick={() => (user.active ? setConfirm(true) : toggle())}
        >
          <span className="kern-label">{user.active ? t('user.deactivate') : t('user.reactivate')}</span>
        </button>
      </div>
      <ConfirmDialog
        open={confirm}
        title={t('user.deactivateTitle', { name: user.name })}
        message={t('user.deactivateText')}
        confirmLabel={t('user.deactivate')}
        busy={update.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={toggle}
      />
    </div>
  );
}

export function UserDetailPage() {
  const { t, i18n } = useTranslation();
  const { id } = route.useParams();
  const query = useUser(id);
  return (
    <Page title={query.data?.name ?? t('user.detailTitle')}>
      <QueryState query={query}>
        {(user) => (
          <div className="kern-stack-xl">
            <section className="kern-stack-md" aria-labelledby="user-facts">
              <h2 className="kern-heading-medium" id="user-facts">
                {t('user.facts')}
              </h2>
              <DescriptionList
                items={[
                  { label: t('user.email'), value: user.email },
                  { label: t('user.homeOrg'), value: user.orgName },
                  { label: t('user.locale'), value: t(`languages.${user.locale}`) },
                  {
                    label: t('user.status'),
                    value: (
                      <Badge variant={user.active ? 'success' : 'warning'}>
                        {user.active ? t('user.active') : t('user.inactive')}
                      </Badge>
                    ),
                  },
                  { label: t('user.lastLogin'), value: formatDateTime(user.lastLoginAt, i18n.language) },
                ]}
              />
              <ActiveToggle user={user} />
            </section>
            <UserRoles user={user} />
            {user.abilities.update ? (
              <UserEditForm key={user.id + user.email + user.name + user.locale} user={user} />
            ) : null}
          </div>
        )}
      </QueryState>
    </Page>
  );
}
