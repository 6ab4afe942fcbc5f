import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../app/api';
import { useAuth } from '../../app/auth';
import type { OrgTab } from '../../app/search';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { AuditHistory } from '../audit/AuditHistory';
import { isMemberTab, MemberTabPanel, memberTabs } from '../members/MemberTabs';
import { OrgUsers } from '../users/OrgUsers';
import { OrganisationOverview } from './OrganisationOverview';
import { OrganisationTable } from './OrganisationTable';
import { useChildren, useDeleteOrganisation, useOrganisation } from './organisations.api';

const route = getRouteApi('/app/organisations/$id');

function Tabs({ org, tab }: { org: Organisation; tab: OrgTab }) {
  const { t } = useTranslation();
  const { t: tm } = useTranslation('members');
  const tabLabel = (k: OrgTab) => (isMemberTab(k) ? tm(`tab.${k}`) : t(`org.tab.${k}`));
  const { me } = useAuth();
  const perms = me?.memberships.find((m) => m.orgId === org.id)?.permissions ?? [];
  const tabs: OrgTab[] = ['overview', 'children'];
  if (org.abilities.manageUsers || perms.includes('user.read')) {
    tabs.push('users');
  }
  tabs.push(...memberTabs(org, perms));
  if (org.abilities.readAudit) {
    tabs.push('audit');
  }
  return (
    <nav aria-label={t('org.sections')}>
      <ul className="kern-list kern-list--horizontal app-nav">
        {tabs.map((k) => (
          <li key={k}>
            <Link
              to="/organisations/$id"
              params={{ id: org.id }}
              search={{ tab: k === 'overview' ? undefined : k }}
              className="kern-link"
              aria-current={k === tab ? 'page' : undefined}
              activeOptions={{ includeSearch: true, exact: true }}
            >
              {tabLabel(k)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Children({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const children = useChildren(org.id);
  return (
    <section className="kern-stack-md" aria-labelledby="children-heading">
      <div className="kern-flex kern-flex-wrap kern-justify-content-between kern-align-items-center kern-gap-md">
        <h2 className="kern-heading-medium" id="children-heading">
          {t('org.tab.children')}
        </h2>
        {org.abilities.createChild ? (
          <Link to="/organisations/new" search={{ parentId: org.id }} className="kern-btn kern-btn--secondary">
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('org.createChild')}</span>
          </Link>
        ) : null}
      </div>
      <OrganisationTable query={children} caption={t('org.childrenCaption', { name: org.name })} />
    </section>
  );
}

export function OrganisationDetailPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { id } = route.useParams();
  const { tab = 'overview' } = route.useSearch();
  const query = useOrganisation(id);
  const remove = useDeleteOrganisation(id);
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState(false);
  const org = query.data;

  const actions = org ? (
    <>
      {org.abilities.update ? (
        <Link to="/organisations/$id/edit" params={{ id }} className="kern-btn kern-btn--secondary">
          <span className="kern-icon kern-icon--edit" aria-hidden="true" />
          <span className="kern-label">{t('common.edit')}</span>
        </Link>
      ) : null}
      {org.abilities.delete ? (
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setConfirm(true)}>
          <span className="kern-icon kern-icon--delete" aria-hidden="true" />
          <span className="kern-label">{t('common.delete')}</span>
        </button>
      ) : null}
    </>
  ) : null;

  return (
    <Page title={org?.name ?? t('org.detailTitle')} actions={actions}>
      <QueryState query={query}>
        {(o) => (
          <div className="kern-stack-lg">
            <ProblemAlert error={remove.error} />
            <Tabs org={o} tab={tab} />
            {tab === 'overview' ? <OrganisationOverview org={o} /> : null}
            {tab === 'children' ? <Children org={o} /> : null}
            {tab === 'users' ? <OrgUsers org={o} /> : null}
            <MemberTabPanel
              org={o}
              tab={tab}
              permissions={me?.memberships.find((m) => m.orgId === o.id)?.permissions ?? []}
            />
            {tab === 'audit' && o.abilities.readAudit ? <AuditHistory orgId={o.id} /> : null}
            <ConfirmDialog
              open={confirm}
              title={t('org.deleteTitle', { name: o.name })}
              message={t('org.deleteText')}
              confirmLabel={t('common.delete')}
              busy={remove.isPending}
              onCancel={() => setConfirm(false)}
              onConfirm={() =>
                remove.mutate(undefined, {
                  onSuccess: () => void navigate({ to: '/organisations', search: { q: undefined, type: undefined } }),
                  onSettled: () => setConfirm(false),
                })
              }
            />
          </div>
        )}
      </QueryState>
    </Page>
  );
}
