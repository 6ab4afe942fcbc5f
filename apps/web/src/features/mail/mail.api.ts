import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@verbund/api-client';
import { api, unwrap } from '../../app/api';

type Ok<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type OutboxList = Ok<'/api/v1/mail/outbox', 'get'>;
export type OutboxMail = OutboxList['items'][number];
export type InboundMail = Ok<'/api/v1/mail/inbound/{id}', 'get'>;
export type OutboxStatus = NonNullable<OutboxMail['status']>;

const KEY = ['mail'] as const;

export function useOutbox(q: { status?: OutboxStatus; limit: number }) {
  return useQuery({
    queryKey: [...KEY, 'outbox', q],
    queryFn: () => unwrap(api.GET('/api/v1/mail/outbox', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

export function useRetryMail() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/mail/outbox/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'outbox'] }),
  });
}

export function useReviewQueue() {
  return useQuery({
    queryKey: [...KEY, 'inbound', 'review'],
    queryFn: () => unwrap(api.GET('/api/v1/mail/inbound', { params: { query: { status: 'review', limit: 100 } } })),
  });
}

/** Members the caller may open tickets for (the choice when assigning a mail). */
export function useMembers() {
  return useQuery({
    queryKey: [...KEY, 'members'],
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/organisations', { params: { query: { limit: 500, sort: 'name' } } }));
      return page.items.filter((o) => o.kind === 'member');
    },
    staleTime: 300_000,
  });
}

export function useAssignMail() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, memberId }: { id: string; memberId: string }) =>
      unwrap(api.POST('/api/v1/mail/inbound/{id}/assign', { params: { path: { id } }, body: { memberId } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'inbound'] }),
  });
}

export function useDiscardMail() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/mail/inbound/{id}/discard', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'inbound'] }),
  });
}
