import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganisationType } from '@verbund/shared';
import { api, unwrap } from '../../app/api';
import type { AgreementKind, AgreementStatus } from '../members/types';
import type { OrganisationCreateBody, OrganisationUpdateBody } from './org-form';

export const PAGE_SIZE = 25;

export interface OrgListFilter {
  within?: string;
  q?: string;
  type?: OrganisationType;
  /** Member filters (agreement status and kind, Kreis); see features/members/filters.ts. */
  status?: AgreementStatus;
  kreis?: string;
  agreementKind?: AgreementKind;
}

export function useOrganisationList(filter: OrgListFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['organisations', 'list', filter],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/organisations', {
          params: {
            query: {
              limit: PAGE_SIZE,
              cursor: pageParam,
              within: filter.within,
              q: filter.q,
              type: filter.type,
              status: filter.status,
              kreis: filter.kreis,
              agreementKind: filter.agreementKind,
              sort: 'name',
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useOrganisation(id: string) {
  return useQuery({
    queryKey: ['organisations', 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/organisations/{id}', { params: { path: { id } } })),
  });
}

export function useChildren(id: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['organisations', 'children', id],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/organisations/{id}/children', {
          params: { path: { id }, query: { limit: PAGE_SIZE, cursor: pageParam, sort: 'name' } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * After a change the visible tree changed too: the session's memberships (switcher, parents) and
 * every organisation list.
 */
function useInvalidateTree() {
  const qc = useQueryClient();
  return async () => {
    await Promise.all([
      qc.invalidateQueries({ queryKey: ['organisations'] }),
      qc.invalidateQueries({ queryKey: ['me'] }),
    ]);
  };
}

export function useCreateOrganisation() {
  const invalidate = useInvalidateTree();
  return useMutation({
    mutationFn: (body: OrganisationCreateBody) => unwrap(api.POST('/api/v1/organisations', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateOrganisation(id: string) {
  const invalidate = useInvalidateTree();
  return useMutation({
    mutationFn: (body: OrganisationUpdateBody) =>
      unwrap(api.PATCH('/api/v1/organisations/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteOrganisation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/organisations/{id}', { params: { path: { id } } })),
    onSuccess: async () => {
      qc.removeQueries({ queryKey: ['organisations', 'one', id] });
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['organisations'] }),
        qc.invalidateQueries({ queryKey: ['me'] }),
      ]);
    },
  });
}
