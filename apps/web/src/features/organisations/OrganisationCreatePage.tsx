import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/fields';
import { orgsWithPermission } from '../../lib/memberships';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { OrganisationForm } from './OrganisationForm';
import { createBody, emptyOrgForm } from './org-form';
import { useCreateOrganisation } from './organisations.api';

const route = getRouteApi('/app/organisations/new');

export function OrganisationCreatePage() {
  const { t } = useTranslation();
  const { me, activeOrg } = useAuth();
  const search = route.useSearch();
  const navigate = useNavigate();
  const create = useCreateOrganisation();
  const parents = orgsWithPermission(me?.memberships ?? [], 'organisation.create');
  const preferred = [search.parentId, activeOrg?.orgId].find((id) => parents.some((p) => p.membership.orgId === id));
  const [parentId, setParentId] = useState(preferred ?? parents[0]?.membership.orgId ?? '');

  if (parents.length === 0) {
    return (
      <Page title={t('org.createTitle')}>
        <Alert variant="warning" title={t('org.createNotAllowed')} />
      </Page>
    );
  }
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const parentError = splitFieldErrors(problem, ['parentId']).byField.parentId;
  return (
    <Page title={t('org.createTitle')}>
      <OrganisationForm
        initial={emptyOrgForm()}
        submitLabel={t('org.createSubmit')}
        busy={create.isPending}
        error={create.error}
        parent={
          <SelectField
            name="parentId"
            label={t('org.parent')}
            required
            value={parentId}
            onChange={setParentId}
            error={parentError}
            options={parents.map(({ membership, depth }) => ({
              value: membership.orgId,
              label: `${'\u00a0\u00a0'.repeat(depth)}${membership.orgName}`,
            }))}
          />
        }
        onSubmit={(values) =>
          create.mutate(createBody(parentId, values), {
            onSuccess: (org) =>
              void navigate({ to: '/organisations/$id', params: { id: org.id }, search: { tab: undefined } }),
          })
        }
        cancel={
          <Link to="/organisations" search={{ q: undefined, type: undefined }} className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('common.cancel')}</span>
          </Link>
        }
      />
    </Page>
  );
}
