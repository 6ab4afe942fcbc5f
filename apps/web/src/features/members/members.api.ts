import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../app/api';
import type { ContactRole } from './types';

const key = (orgId: string, what: string) => ['members', orgId, what] as const;

export function useMemberProfile(orgId: string) {
  return useQuery({
    queryKey: key(orgId, 'profile'),
    queryFn: () => unwrap(api.GET('/api/v1/organisations/{id}/member-profile', { params: { path: { id: orgId } } })),
  });
}

export interface ProfileBody {
  vatId?: string | null;
  iban?: string | null;
  bic?: string | null;
  bankName?: string | null;
  accountHolder?: string | null;
}

export function useUpdateProfile(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileBody) =>
      unwrap(api.PATCH('/api/v1/organisations/{id}/member-profile', { params: { path: { id: orgId } }, body })),
    onSuccess: (data) => qc.setQueryData(key(orgId, 'profile'), data),
  });
}

export type Series = 'population' | 'workstations';

export function useHistory(orgId: string, series: Series) {
  return useQuery({
    queryKey: key(orgId, series),
    queryFn: () =>
      series === 'population'
        ? unwrap(api.GET('/api/v1/organisations/{id}/population', { params: { path: { id: orgId } } }))
        : unwrap(api.GET('/api/v1/organisations/{id}/workstations', { params: { path: { id: orgId } } })),
  });
}

export function useSetHistoryValue(orgId: string, series: Series) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ date, value, note }: { date: string; value: number; note: string | null }) => {
      const opts = { params: { path: { id: orgId, date } }, body: { value, note } };
      return series === 'population'
        ? unwrap(api.PUT('/api/v1/organisations/{id}/population/{date}', opts))
        : unwrap(api.PUT('/api/v1/organisations/{id}/workstations/{date}', opts));
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['members', orgId] }),
  });
}

export function useDeleteHistoryValue(orgId: string, series: Series) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => {
      const opts = { params: { path: { id: orgId, date } } };
      return series === 'population'
        ? unwrap(api.DELETE('/api/v1/organisations/{id}/population/{date}', opts))
        : unwrap(api.DELETE('/api/v1/organisations/{id}/workstations/{date}', opts));
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['members', orgId] }),
  });
}

export function useLeitwegIds(orgId: string) {
  return useQuery({
    queryKey: key(orgId, 'leitweg'),
    queryFn: () => unwrap(api.GET('/api/v1/organisations/{id}/leitweg-ids', { params: { path: { id: orgId } } })),
  });
}

export function useAddLeitwegId(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { leitwegId: string; purpose: string | null; isDefault: boolean }) =>
      unwrap(api.POST('/api/v1/organisations/{id}/leitweg-ids', { params: { path: { id: orgId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(orgId, 'leitweg') }),
  });
}

export function useMakeDefaultLeitwegId(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (lid: string) =>
      unwrap(
        api.PATCH('/api/v1/organisations/{id}/leitweg-ids/{lid}', {
          params: { path: { id: orgId, lid } },
          body: { isDefault: true },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(orgId, 'leitweg') }),
  });
}

export function useDeleteLeitwegId(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (lid: string) =>
      unwrap(api.DELETE('/api/v1/organisations/{id}/leitweg-ids/{lid}', { params: { path: { id: orgId, lid } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(orgId, 'leitweg') }),
  });
}

export function useContacts(orgId: string) {
  return useQuery({
    queryKey: key(orgId, 'contacts'),
    queryFn: () => unwrap(api.GET('/api/v1/organisations/{id}/contacts', { params: { path: { id: orgId } } })),
  });
}

export interface ContactBody {
  role: ContactRole;
  name: string;
  email: string | null;
  phone: string | null;
  notes: string | null;
}

export function useSaveContact(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ cid, body }: { cid: string | null; body: ContactBody }) =>
      cid
        ? unwrap(
            api.PATCH('/api/v1/organisations/{id}/contacts/{cid}', { params: { path: { id: orgId, cid } }, body }),
          )
        : unwrap(api.POST('/api/v1/organisations/{id}/contacts', { params: { path: { id: orgId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(orgId, 'contacts') }),
  });
}

export function useDeleteContact(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (cid: string) =>
      unwrap(api.DELETE('/api/v1/organisations/{id}/contacts/{cid}', { params: { path: { id: orgId, cid } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(orgId, 'contacts') }),
  });
}

export function useInviteContact(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (cid: string) =>
      unwrap(
        api.POST('/api/v1/organisations/{id}/contacts/{cid}/invite', {
          params: { path: { id: orgId, cid } },
          body: { role: 'member_user' },
        }),
      ),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: key(orgId, 'contacts') }),
        qc.invalidateQueries({ queryKey: ['users'] }),
      ]);
    },
  });
}
