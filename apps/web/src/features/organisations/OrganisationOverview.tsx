import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../app/api';
import { useAuth } from '../../app/auth';
import { DescriptionList } from '../../components/DescriptionList';
import { formatDateTime } from '../../lib/format';

export function OrganisationOverview({ org }: { org: Organisation }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const parent = org.parentId ? me?.memberships.find((m) => m.orgId === org.parentId) : undefined;
  const address = [org.street, [org.postalCode, org.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return (
    <section className="kern-stack-md" aria-labelledby="overview-heading">
      <h2 className="kern-heading-medium" id="overview-heading">
        {t('org.tab.overview')}
      </h2>
      <DescriptionList
        items={[
          { label: t('org.kind'), value: t(`orgKind.${org.kind}`) },
          { label: t('org.type'), value: t(`orgType.${org.type}`) },
          { label: t('org.shortName'), value: org.shortName },
          {
            label: t('org.parent'),
            value: parent ? (
              <Link
                to="/organisations/$id"
                params={{ id: parent.orgId }}
                search={{ tab: undefined }}
                className="kern-link"
              >
                {parent.orgName}
              </Link>
            ) : null,
          },
          { label: t('org.ags'), value: org.ags },
          { label: t('org.ars'), value: org.ars },
          { label: t('org.address'), value: address },
          {
            label: t('org.email'),
            value: org.email ? (
              <a className="kern-link" href={`mailto:${org.email}`}>
                {org.email}
              </a>
            ) : null,
          },
          { label: t('org.phone'), value: org.phone },
          { label: t('org.website'), value: org.website },
          { label: t('org.childCount'), value: String(org.childCount) },
          { label: t('org.updatedAt'), value: formatDateTime(org.updatedAt, i18n.language) },
        ]}
      />
    </section>
  );
}
