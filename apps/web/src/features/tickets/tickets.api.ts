import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@verbund/api-client';
import { api, unwrap } from '../../app/api';

type Ok<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type TicketPage = Ok<'/api/v1/tickets', 'get'>;
export type TicketSummary = TicketPage['items'][number];
export type Ticket = Ok<'/api/v1/tickets/{id}', 'get'>;
export type TicketCreate = Body<'/api/v1/tickets', 'post'>;
export type TicketUpdate = Body<'/api/v1/tickets/{id}', 'patch'>;
export type TimelineEntry = Ok<'/api/v1/tickets/{id}/timeline', 'get'>['items'][number];
export type Attachment = Ok<'/api/v1/tickets/{id}/attachments', 'get'>['items'][number];
export type TicketLink = Ok<'/api/v1/tickets/{id}/links', 'get'>['items'][number];
export type SlaProfile = Ok<'/api/v1/sla-profiles', 'get'>['items'][number];
export type SlaProfileBody = Body<'/api/v1/sla-profiles', 'post'>;
export type Category = Ok<'/api/v1/ticket-categories', 'get'>['items'][number];
export type SavedFilter = Ok<'/api/v1/ticket-filters', 'get'>['items'][number];
export type SlaReport = Ok<'/api/v1/reports/sla', 'get'>;
export type TicketQuery = NonNullable<paths['/api/v1/tickets']['get']['parameters']['query']>;

const KEY = ['tickets'] as const;

export function useTickets(query: TicketQuery) {
  return useQuery({
    queryKey: [...KEY, 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/tickets', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: string) {
  return useQuery({ queryKey: [...KEY, 'one', id], queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}', { params: { path: { id } } })) });
}

export function useTimeline(id: string) {
  return useQuery({ queryKey: [...KEY, 'one', id, 'timeline'], queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/timeline', { params: { path: { id } } })) });
}

export function useAttachments(id: string) {
  return useQuery({ queryKey: [...KEY, 'one', id, 'attachments'], queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/attachments', { params: { path: { id } } })) });
}

export function useLinks(id: string) {
  return useQuery({ queryKey: [...KEY, 'one', id, 'links'], queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/links', { params: { path: { id } } })) });
}

export function useCreateTicket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TicketCreate) => unwrap(api.POST('/api/v1/tickets', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useUpdateTicket(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TicketUpdate) => unwrap(api.PATCH('/api/v1/tickets/{id}', { params: { path: { id } }, body })),
    onSuccess: (data) => {
      qc.setQueryData([...KEY, 'one', id], data);
      return qc.invalidateQueries({ queryKey: KEY });
    },
  });
}

export function useComment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; visibility: 'public' | 'internal' }) =>
      unwrap(api.POST('/api/v1/tickets/{id}/comments', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
  });
}

export function useUpload(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, visibility }: { file: File; visibility: 'public' | 'internal' }) => {
      const form = new FormData();
      form.append('visibility', visibility);
      form.append('file', file);
      return unwrap(
        api.POST('/api/v1/tickets/{id}/attachments', {
          params: { path: { id } },
          // openapi-fetch sends FormData as it is; the body type is the documented multipart shape.
          body: form as unknown as { file: string },
          bodySerializer: (b: unknown) => b as FormData,
        }),
      );
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
  });
}

export function useBulk() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/v1/tickets/bulk', 'post'>) => unwrap(api.POST('/api/v1/tickets/bulk', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useSlaProfiles() {
  return useQuery({ queryKey: [...KEY, 'sla-profiles'], queryFn: () => unwrap(api.GET('/api/v1/sla-profiles', { params: { query: {} } })) });
}

export function useSaveProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: SlaProfileBody }) =>
      id
        ? unwrap(api.PUT('/api/v1/sla-profiles/{id}', { params: { path: { id } }, body }))
        : unwrap(api.POST('/api/v1/sla-profiles', { params: { query: {} }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'sla-profiles'] }),
  });
}

export function useCategories() {
  return useQuery({ queryKey: [...KEY, 'categories'], queryFn: () => unwrap(api.GET('/api/v1/ticket-categories', { params: { query: {} } })), staleTime: 300_000 });
}

export function useSavedFilters() {
  return useQuery({ queryKey: [...KEY, 'filters'], queryFn: () => unwrap(api.GET('/api/v1/ticket-filters')) });
}

export function useSaveFilter() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: Record<string, string> }) => unwrap(api.POST('/api/v1/ticket-filters', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'filters'] }),
  });
}

export function useDeleteFilter() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/ticket-filters/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'filters'] }),
  });
}

export function useSlaReport(query: { member?: string; month: string }) {
  return useQuery({ queryKey: [...KEY, 'report', query], queryFn: () => unwrap(api.GET('/api/v1/reports/sla', { params: { query } })) });
}

/** Services the member subscribes to (for the portal form); empty when the catalogue is not readable. */
export function useMemberServices(memberId: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'services', memberId],
    enabled: !!memberId,
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/subscriptions', { params: { query: { memberId: memberId!, limit: 200 } } }));
      const seen = new Map<string, string>();
      for (const s of page.items) {
        seen.set(s.serviceId, s.serviceName);
      }
      return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'de'));
    },
    retry: false,
  });
}
