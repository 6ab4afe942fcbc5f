import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Page } from '../../components/Page';
import { QueryState } from '../../components/QueryState';
import { SelectField, TextField } from '../../components/fields';
import { formatDateTime } from '../../lib/format';
import { useArticles, useCategories } from './knowledge.api';
import { ServiceDeskNav } from './KnowledgeNav';
import { NS } from './i18n';

/** The knowledge base: search (German full text), filter by category, read; staff write. */
export function KnowledgePage() {
  const { t, i18n } = useTranslation(NS);
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [limit, setLimit] = useState(25);
  const categories = useCategories();
  const query = useArticles({ q: q || undefined, categoryId: categoryId || undefined, limit });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQ(input.trim());
    setLimit(25);
  };
  return (
    <Page
      title={t('kb.title')}
      actions={
        query.data?.abilities.create ? (
          <Link to="/knowledge/$id/edit" params={{ id: 'new' }} className="kern-btn kern-btn--primary">
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('kb.new')}</span>
          </Link>
        ) : null
      }
    >
      <ServiceDeskNav current="knowledge" />
      <p className="kern-body">{t('kb.intro')}</p>
      <form role="search" onSubmit={submit} className="form-narrow kern-stack-sm">
        <TextField label={t('kb.search')} hint={t('kb.searchHint')} plain name="q" type="search" value={input} onChange={setInput} />
        <SelectField
          label={t('kb.category')}
          plain
          name="categoryId"
          value={categoryId}
          onChange={(v) => {
            setCategoryId(v);
            setLimit(25);
          }}
          options={[{ value: '', label: t('kb.allCategories') }, ...(categories.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.articleCount})` }))]}
        />
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-icon kern-icon--search" aria-hidden="true" />
            <span className="kern-label">{t('kb.searchButton')}</span>
          </button>
        </div>
      </form>
      <QueryState query={query}>
        {(data) => (
          <div className="kern-stack-md">
            <p className="kern-body" role="status">
              {t('kb.results', { count: data.items.length })}
            </p>
            {data.items.length === 0 ? (
              <p className="kern-body">{t('kb.empty')}</p>
            ) : (
              <ul className="kern-list kern-stack-md" aria-label={t('kb.title')}>
                {data.items.map((a) => (
                  <li key={a.id} className="kern-stack-xs">
                    <h2 className="kern-heading-small">
                      <Link to="/knowledge/$id" params={{ id: a.id }} className="kern-link">
                        {a.title}
                      </Link>
                    </h2>
                    <p className="kern-body">{a.excerpt}</p>
                    <p className="kern-body kern-body--small kern-flex kern-flex-wrap kern-gap-sm">
                      {a.categoryName ? <span>{a.categoryName}</span> : null}
                      <span>
                        {t('kb.updated')}: {formatDateTime(a.updatedAt, i18n.language)}
                      </span>
                      {a.audience === 'internal' ? <Badge variant="info">{t('audience.internal')}</Badge> : null}
                      {a.status === 'draft' ? <Badge variant="warning">{t('status.draft')}</Badge> : null}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            {data.nextCursor ? (
              <div>
                <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setLimit((l) => l + 25)}>
                  <span className="kern-label">{t('kb.more')}</span>
                </button>
              </div>
            ) : null}
          </div>
        )}
      </QueryState>
    </Page>
  );
}
