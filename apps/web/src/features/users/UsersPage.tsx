import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { SelectField, TextField } from '../../components/fields';
import { membershipTree, orgsWithPermission } from '../../lib/memberships';
import { UserTable } from './UserTable';
import { useUserList } from './users.api';

const route = getRouteApi('/app/users');
const ALL = 'all';

export function UsersPage() {
  const { t } = useTranslation();
  const { me, activeOrg, may } = useAuth();
  const search = route.useSearch();
  const navigate = useNavigate();
  const memberships = me?.memberships ?? [];
  const readable = orgsWithPermission(memberships, 'user.read');
  // The API filters by home organisation only (no subtree); at the top of the tree "all visible"
  // is the active organisation's subtree, below it the active organisation itself is the closest.
  const isRoot = membershipTree(memberships)[0]?.membership.orgId === activeOrg?.orgId;
  const defaultOrg = isRoot ? ALL : (activeOrg?.orgId ?? ALL);
  const orgFilter = search.orgId ?? defaultOrg;
  const [q, setQ] = useState(search.q ?? '');
  const [org, setOrg] = useState(orgFilter);
  const allowed = may('user.read') || may('user.manage');
  const list = useUserList({ orgId: orgFilter === ALL ? undefined : orgFilter, q: search.q }, allowed);

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    void navigate({ to: '/users', search: { q: q.trim() || undefined, orgId: org } });
  };

  if (!allowed) {
    return (
      <Page title={t('user.listTitle')}>
        <Alert variant="warning" title={t('user.notAllowed')} />
      </Page>
    );
  }
  return (
    <Page
      title={t('user.listTitle')}
      actions={
        may('user.manage') ? (
          <Link to="/users/new" search={{ orgId: activeOrg?.orgId }} className="kern-btn kern-btn--primary">
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('user.create')}</span>
          </Link>
        ) : null
      }
    >
      <form
        className="kern-flex kern-flex-wrap kern-align-items-end kern-gap-md"
        onSubmit={onSearch}
        role="search"
        aria-label={t('user.filter')}
      >
        <TextField name="q" type="search" label={t('user.search')} plain value={q} onChange={setQ} />
        <SelectField
          name="orgId"
          label={t('user.homeOrg')}
          plain
          value={org}
          onChange={setOrg}
          options={[
            { value: ALL, label: t('user.allOrgs') },
            ...readable.map(({ membership, depth }) => ({
              value: membership.orgId,
              label: `${'\u00a0\u00a0'.repeat(depth)}${membership.orgName}`,
            })),
          ]}
        />
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-icon kern-icon--search" aria-hidden="true" />
            <span className="kern-label">{t('common.search')}</span>
          </button>
        </div>
      </form>
      <UserTable query={list} caption={t('user.listTitle')} />
    </Page>
  );
}
