import { useNavigate, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SelectField, SubmitButton, TextField } from '../../components/fields';
import { useFocusFirstError } from '../../components/use-focus-error';
import { ApiProblem, splitFieldErrors } from '../../lib/problem';
import { useArticle, useCategories, useSaveArticle, type Article } from './knowledge.api';
import { NS } from './i18n';

const FIELDS = ['title', 'body', 'categoryId', 'audience', 'status'];

/** Write or change an article (provider staff with knowledge.manage). `new` in the URL writes one. */
export function ArticleEditPage() {
  const { id } = useParams({ from: '/app/knowledge/$id/edit' });
  const isNew = id === 'new';
  const query = useArticle(isNew ? undefined : id);
  const { t } = useTranslation(NS);
  if (isNew) {
    return (
      <Page title={t('article.newTitle')}>
        <ArticleForm article={null} />
      </Page>
    );
  }
  return (
    <QueryState query={query}>
      {(a) => (
        <Page title={t('article.editTitle')}>
          <ArticleForm article={a} />
        </Page>
      )}
    </QueryState>
  );
}

function ArticleForm({ article }: { article: Article | null }) {
  const { t } = useTranslation(NS);
  const navigate = useNavigate();
  const save = useSaveArticle();
  const categories = useCategories();
  const [v, setV] = useState({
    title: article?.title ?? '',
    body: article?.body ?? '',
    categoryId: article?.categoryId ?? '',
    audience: article?.audience ?? ('public' as 'public' | 'internal'),
    status: article?.status ?? ('draft' as 'draft' | 'published'),
  });
  const [attempt, setAttempt] = useState(0);
  const ref = useFocusFirstError<HTMLFormElement>(attempt);
  const problem = save.error instanceof ApiProblem ? save.error : null;
  const { byField, other } = splitFieldErrors(problem, FIELDS);
  const set = <K extends keyof typeof v>(k: K) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        id: article?.id ?? null,
        body: { title: v.title.trim(), body: v.body, categoryId: v.categoryId || null, audience: v.audience, status: v.status },
      },
      {
        onSuccess: (a) => void navigate({ to: '/knowledge/$id', params: { id: a.id } }),
        onError: () => setAttempt((n) => n + 1),
      },
    );
  };
  const bodyError = byField.body;
  return (
    <form ref={ref} className="kern-stack-md form-narrow" onSubmit={onSubmit} noValidate>
      {save.error ? <ProblemAlert error={save.error} fieldErrors={other} /> : null}
      <TextField name="title" label={t('article.title')} required value={v.title} error={byField.title} onChange={set('title')} />
      <SelectField
        name="categoryId"
        label={t('article.category')}
        value={v.categoryId}
        error={byField.categoryId}
        onChange={set('categoryId')}
        options={[{ value: '', label: t('article.noCategory') }, ...(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))]}
      />
      <SelectField
        name="audience"
        label={t('article.audience')}
        required
        value={v.audience}
        error={byField.audience}
        onChange={set('audience')}
        options={[
          { value: 'public', label: t('audience.public') },
          { value: 'internal', label: t('audience.internal') },
        ]}
      />
      <SelectField
        name="status"
        label={t('article.status')}
        required
        value={v.status}
        error={byField.status}
        onChange={set('status')}
        options={[
          { value: 'draft', label: t('status.draft') },
          { value: 'published', label: t('status.published') },
        ]}
      />
      <div className={`kern-form-input${bodyError ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor="article-body">
          {t('article.body')}
        </label>
        <div className="kern-hint" id="article-body-hint">
          {t('article.bodyHint')} {t('article.preview')}
        </div>
        <textarea
          id="article-body"
          name="body"
          className={`kern-form-input__input${bodyError ? ' kern-form-input__input--error' : ''}`}
          rows={16}
          required
          value={v.body}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={bodyError ? 'article-body-hint article-body-error' : 'article-body-hint'}
          onChange={(e) => set('body')(e.target.value)}
        />
        {bodyError ? (
          <p className="kern-error" id="article-body-error">
            <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
            <span className="kern-body">{bodyError}</span>
          </p>
        ) : null}
      </div>
      <div>
        <SubmitButton busy={save.isPending}>{t('article.save')}</SubmitButton>
      </div>
    </form>
  );
}
