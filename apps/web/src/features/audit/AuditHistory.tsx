import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type AuditEvent } from '../../app/api';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { auditChanges } from '../../lib/audit-diff';
import { formatDateTime } from '../../lib/format';

function Changes({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const changes = auditChanges(event.before, event.after);
  if (changes.length === 0) {
    return <>–</>;
  }
  return (
    <ul className="kern-list kern-list--small">
      {changes.map((c) => (
        <li key={c.field}>
          {t('audit.change', {
            field: t(`auditField.${c.field}`, { defaultValue: c.field }),
            before: c.before,
            after: c.after,
          })}
        </li>
      ))}
    </ul>
  );
}

/**
 * Who changed what and when in one organisation, newest first: the organisation itself and the
 * users and grants recorded there.
 */
export function AuditHistory({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: ['audit', orgId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/audit-events', { params: { query: { orgId, limit: 25, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <section className="kern-stack-md" aria-labelledby="audit-heading">
      <h2 className="kern-heading-medium" id="audit-heading">
        {t('audit.title')}
      </h2>
      <QueryState query={query}>
        {(data) => {
          const rows = data.pages.flatMap((p) => p.items);
          if (rows.length === 0) {
            return <Alert variant="info" title={t('audit.empty')} />;
          }
          return (
            <div className="kern-stack-md">
              <DataTable<AuditEvent>
                caption={t('audit.title')}
                rows={rows}
                rowKey={(e) => e.id}
                columns={[
                  { key: 'when', header: t('audit.when'), render: (e) => formatDateTime(e.createdAt, i18n.language) },
                  {
                    key: 'entity',
                    header: t('audit.entity'),
                    render: (e) => t(`auditEntity.${e.entityType}`, { defaultValue: e.entityType }),
                  },
                  {
                    key: 'action',
                    header: t('audit.action'),
                    render: (e) => t(`auditAction.${e.action}`, { defaultValue: e.action }),
                  },
                  { key: 'actor', header: t('audit.actor'), render: (e) => e.actorName ?? t('audit.system') },
                  { key: 'changes', header: t('audit.changes'), render: (e) => <Changes event={e} /> },
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
    </section>
  );
}
