import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../lib/format';
import { useArticle, useDeleteArticle } from './knowledge.api';
import { NS } from './i18n';

/** One article. Its HTML comes from the server's Markdown renderer, which escapes raw HTML. */
export function ArticlePage() {
  const { t, i18n } = useTranslation(NS);
  const { id } = useParams({ from: '/app/knowledge/$id' });
  const query = useArticle(id);
  const del = useDeleteArticle();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState(false);
  return (
    <QueryState query={query}>
      {(a) => (
        <Page
          title={a.title}
          actions={
            a.abilities.update ? (
              <>
                <Link to="/knowledge/$id/edit" params={{ id: a.id }} className="kern-btn kern-btn--secondary">
                  <span className="kern-icon kern-icon--edit" aria-hidden="true" />
                  <span className="kern-label">{t('kb.edit')}</span>
                </Link>
                <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setConfirm(true)}>
                  <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                  <span className="kern-label">{t('kb.delete')}</span>
                </button>
              </>
            ) : null
          }
        >
          <p>
            <Link to="/knowledge" className="kern-link">
              <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
              {t('kb.back')}
            </Link>
          </p>
          <p className="kern-body kern-body--small kern-flex kern-flex-wrap kern-gap-sm">
            {a.categoryName ? <span>{a.categoryName}</span> : null}
            <span>
              {t('kb.updated')}: {formatDateTime(a.updatedAt, i18n.language)}
            </span>
            {a.audience === 'internal' ? <Badge variant="info">{t('audience.internal')}</Badge> : null}
            {a.status === 'draft' ? <Badge variant="warning">{t('status.draft')}</Badge> : null}
          </p>
          {del.error ? <ProblemAlert error={del.error} /> : null}
          {/* Safe: rendered on the server by markdown-it with raw HTML disabled (see knowledge/markdown.ts). */}
          <div className="kern-body article-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
          <ConfirmDialog
            open={confirm}
            title={t('kb.deleteTitle')}
            message={t('kb.deleteMessage', { title: a.title })}
            confirmLabel={t('kb.delete')}
            busy={del.isPending}
            onCancel={() => setConfirm(false)}
            onConfirm={() =>
              del.mutate(a.id, {
                onSuccess: () => {
                  setConfirm(false);
                  void navigate({ to: '/knowledge' });
                },
              })
            }
          />
        </Page>
      )}
    </QueryState>
  );
}
