import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@verbund/shared';
import { api, unwrap } from '../../app/api';

export interface UserFilter {
  orgId?: string;
  q?: string;
}

export function useUserList(filter: UserFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['users', 'list', filter],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/users', {
          params: { query: { limit: 25, cursor: pageParam, orgId: filter.orgId, q: filter.q } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: ['users', 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } } })),
  });
}

export interface UserCreateBody {
  orgId: string;
  email: string;
  name: string;
  password?: string;
  locale: 'de' | 'en';
  roles: { orgId: string; role: Role; includeDescendants: boolean }[];
}

export interface UserUpdateBody {
  email?: string;
  name?: string;
  password?: string;
  locale?: 'de' | 'en';
  active?: boolean;
}

function useInvalidateUsers() {
  const qc = useQueryClient();
  return async () => {
    // Audit lists show user changes too.
    await Promise.all([qc.invalidateQueries({ queryKey: ['users'] }), qc.invalidateQueries({ queryKey: ['audit'] })]);
  };
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: UserCreateBody) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateUser(id: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: UserUpdateBody) => unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useGrantRole(userId: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: { orgId: string; role: Role; includeDescendants: boolean }) =>
      unwrap(api.POST('/api/v1/users/{id}/roles', { params: { path: { id: userId } }, body })),
    onSuccess: invalidate,
  });
}

export function useRevokeRole(userId: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (grantId: string) =>
      unwrap(api.DELETE('/api/v1/users/{id}/roles/{grantId}', { params: { path: { id: userId, grantId } } })),
    onSuccess: invalidate,
  });
}
