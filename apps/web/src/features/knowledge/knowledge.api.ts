import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@verbund/api-client';
import { api, unwrap } from '../../app/api';

type Ok<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type ArticleList = Ok<'/api/v1/knowledge/articles', 'get'>;
export type ArticleSummary = ArticleList['items'][number];
export type Article = Ok<'/api/v1/knowledge/articles/{id}', 'get'>;
export type ArticleCreate = Body<'/api/v1/knowledge/articles', 'post'>;
export type ArticleUpdate = Body<'/api/v1/knowledge/articles/{id}', 'patch'>;
export type Category = Ok<'/api/v1/knowledge/categories', 'get'>['items'][number];
export type Suggestion = Ok<'/api/v1/knowledge/suggest', 'get'>['items'][number];

const KEY = ['knowledge'] as const;

export function useArticles(q: { q?: string; categoryId?: string; limit: number }) {
  return useQuery({
    queryKey: [...KEY, 'articles', q],
    queryFn: () => unwrap(api.GET('/api/v1/knowledge/articles', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'article', id],
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/knowledge/articles/{id}', { params: { path: { id: id! } } })),
  });
}

export function useCategories() {
  return useQuery({ queryKey: [...KEY, 'categories'], queryFn: () => unwrap(api.GET('/api/v1/knowledge/categories')) });
}

export function useSuggestions(text: string) {
  return useQuery({
    queryKey: [...KEY, 'suggest', text],
    enabled: text.trim().length >= 3,
    queryFn: () => unwrap(api.GET('/api/v1/knowledge/suggest', { params: { query: { q: text.slice(0, 2000), limit: 5 } } })),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useSaveArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ArticleCreate | ArticleUpdate }) =>
      id
        ? unwrap(api.PATCH('/api/v1/knowledge/articles/{id}', { params: { path: { id } }, body: body as ArticleUpdate }))
        : unwrap(api.POST('/api/v1/knowledge/articles', { body: body as ArticleCreate })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/knowledge/articles/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
