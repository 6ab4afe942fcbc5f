import { Link } from '@tanstack/react-router';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User, UserPage } from '../../app/api';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';

export function UserTable({
  query,
  caption,
}: {
  query: UseInfiniteQueryResult<InfiniteData<UserPage>>;
  caption: string;
}) {
  const { t } = useTranslation();
  return (
    <QueryState query={query}>
      {(data) => {
        const rows = data.pages.flatMap((p) => p.items);
        if (rows.length === 0) {
          return <Alert variant="info" title={t('user.empty')} />;
        }
        return (
          <div className="kern-stack-md">
            <DataTable<User>
              caption={caption}
              rows={rows}
              rowKey={(u) => u.id}
              columns={[
                {
                  key: 'name',
                  header: t('user.name'),
                  rowHeader: true,
                  render: (u) => (
                    <Link to="/users/$id" params={{ id: u.id }} className="kern-link">
                      {u.name}
                    </Link>
                  ),
                },
                { key: 'email', header: t('user.email'), render: (u) => u.email },
                { key: 'org', header: t('user.homeOrg'), render: (u) => u.orgName ?? '–' },
                {
                  key: 'roles',
                  header: t('user.roles'),
                  render: (u) =>
                    u.roles.length ? [...new Set(u.roles.map((r) => t(`role.${r.role}`)))].join(', ') : '–',
                },
                {
                  key: 'status',
                  header: t('user.status'),
                  render: (u) => (
                    <Badge variant={u.active ? 'success' : 'warning'}>
                      {u.active ? t('user.active') : t('user.inactive')}
                    </Badge>
                  ),
                },
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
                  <span className="kern-label">{t('common.more')}</span>
                </button>
              </div>
            ) : null}
          </div>
        );
      }}
    </QueryState>
  );
}
