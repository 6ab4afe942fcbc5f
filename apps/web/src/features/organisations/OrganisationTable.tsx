import { Link } from '@tanstack/react-router';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Organisation, OrganisationPage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/QueryState';
import { ProblemAlert } from '../../components/ProblemAlert';

/** A paged organisation list with "more"; used by the list page and the children tab. */
export function OrganisationTable({
  query,
  caption,
}: {
  query: UseInfiniteQueryResult<InfiniteData<OrganisationPage>>;
  caption: string;
}) {
  const { t } = useTranslation();
  const { me } = useAuth();
  // Every visible organisation is in the session, so the parent's name needs no extra request.
  const names = new Map((me?.memberships ?? []).map((m) => [m.orgId, m.orgName]));
  return (
    <QueryState query={query}>
      {(data) => {
        const rows = data.pages.flatMap((p) => p.items);
        const total = data.pages[0]?.total;
        if (rows.length === 0) {
          return <Alert variant="info" title={t('org.empty')} />;
        }
        return (
          <div className="kern-stack-md">
            <p className="kern-body" aria-live="polite">
              {total !== undefined ? t('org.count', { shown: rows.length, count: total }) : null}
            </p>
            <DataTable<Organisation>
              caption={caption}
              rows={rows}
              rowKey={(o) => o.id}
              columns={[
                {
                  key: 'name',
                  header: t('org.name'),
                  rowHeader: true,
                  render: (o) => (
                    <Link
                      to="/organisations/$id"
                      params={{ id: o.id }}
                      search={{ tab: undefined }}
                      className="kern-link"
                    >
                      {o.name}
                    </Link>
                  ),
                },
                { key: 'type', header: t('org.type'), render: (o) => t(`orgType.${o.type}`) },
                {
                  key: 'parent',
                  header: t('org.parent'),
                  render: (o) => (o.parentId ? (names.get(o.parentId) ?? '–') : '–'),
                },
                { key: 'ags', header: t('org.ags'), render: (o) => o.ags ?? '–' },
                { key: 'city', header: t('org.city'), render: (o) => o.city ?? '–' },
                { key: 'children', header: t('org.childCount'), numeric: true, render: (o) => String(o.childCount) },
              ]}
            />
            {query.error ? <ProblemAlert error={query.error} /> : null}
            {query.hasNextPage ? (
              <div>
                <button
                  type="button"
                  className="kern-btn kern-btn--secondary"
                  disabled={query.isFetchingNextPage}
                  onClick={() => void query.fetchNextPage()}
                >
                  <span className="kern-label">
                    {query.isFetchingNextPage ? t('common.loading') : t('common.more')}
                  </span>
                </button>
              </div>
            ) : null}
          </div>
        );
      }}
    </QueryState>
  );
}
