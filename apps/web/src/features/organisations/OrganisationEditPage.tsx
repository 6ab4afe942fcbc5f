import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { QueryState } from '../../components/QueryState';
import { OrganisationForm } from './OrganisationForm';
import { formFromOrganisation, updateBody } from './org-form';
import { useOrganisation, useUpdateOrganisation } from './organisations.api';

const route = getRouteApi('/app/organisations/$id/edit');

export function OrganisationEditPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const query = useOrganisation(id);
  const update = useUpdateOrganisation(id);
  const navigate = useNavigate();
  const toDetail = () => void navigate({ to: '/organisations/$id', params: { id }, search: { tab: undefined } });
  return (
    <Page title={query.data ? t('org.editTitle', { name: query.data.name }) : t('org.editTitleShort')}>
      <QueryState query={query}>
        {(org) => {
          if (!org.abilities.update) {
            return <Alert variant="warning" title={t('org.editNotAllowed')} />;
          }
          const before = formFromOrganisation(org);
          return (
            <OrganisationForm
              initial={before}
              submitLabel={t('common.save')}
              busy={update.isPending}
              error={update.error}
              onSubmit={(values) => {
                const body = updateBody(before, values);
                if (Object.keys(body).length === 0) {
                  toDetail();
                  return;
                }
                update.mutate(body, { onSuccess: toDetail });
              }}
              cancel={
                <Link
                  to="/organisations/$id"
                  params={{ id }}
                  search={{ tab: undefined }}
                  className="kern-btn kern-btn--secondary"
                >
                  <span className="kern-label">{t('common.cancel')}</span>
                </Link>
              }
            />
          );
        }}
      </QueryState>
    </Page>
  );
}
