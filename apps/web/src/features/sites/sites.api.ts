import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@verbund/api-client';
import { api, unwrap } from '../../app/api';

type Ok<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type Site = Ok<'/api/v1/sites', 'get'>['items'][number];
export type SiteDetail = Ok<'/api/v1/sites/{id}', 'get'>;
export type SiteCreate = Body<'/api/v1/sites', 'post'>;
export type RoomCreate = Body<'/api/v1/sites/{id}/rooms', 'post'>;
export type DataCentre = Ok<'/api/v1/sites/data-centres', 'get'>['items'][number];
export type Failover = Ok<'/api/v1/sites/failover', 'get'>;
export type SiteKind = Site['kind'];

const KEY = ['sites'] as const;

export function useSites(q: { orgId?: string; kind?: SiteKind } = {}) {
  return useQuery({
    queryKey: [...KEY, 'list', q],
    queryFn: () => unwrap(api.GET('/api/v1/sites', { params: { query: q } })),
  });
}

export function useSite(id: string) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/sites/{id}', { params: { path: { id } } })),
  });
}

export function useDataCentres() {
  return useQuery({ queryKey: [...KEY, 'dcs'], queryFn: () => unwrap(api.GET('/api/v1/sites/data-centres')) });
}

export function useFailover() {
  return useQuery({ queryKey: [...KEY, 'failover'], queryFn: () => unwrap(api.GET('/api/v1/sites/failover')) });
}

export function useCreateSite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SiteCreate) => unwrap(api.POST('/api/v1/sites', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useAddRoom(siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RoomCreate) =>
      unwrap(api.POST('/api/v1/sites/{id}/rooms', { params: { path: { id: siteId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export type Placement = Ok<'/api/v1/sites/placements', 'get'>['items'][number];
export type PlacementCreate = Body<'/api/v1/sites/placements', 'post'>;
export type PlacementUpdate = Body<'/api/v1/sites/placements/{id}', 'patch'>;
export type Partner = Ok<'/api/v1/partners', 'get'>['items'][number];
export type DcPartnerCreate = Body<'/api/v1/sites/{id}/partners', 'post'>;

export function usePlacements() {
  return useQuery({
    queryKey: [...KEY, 'placements'],
    queryFn: () => unwrap(api.GET('/api/v1/sites/placements', { params: { query: {} } })),
  });
}

export function useSavePlacement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: PlacementUpdate } | { id: null; body: PlacementCreate }) =>
      v.id === null
        ? unwrap(api.POST('/api/v1/sites/placements', { body: v.body }))
        : unwrap(api.PATCH('/api/v1/sites/placements/{id}', { params: { path: { id: v.id } }, body: v.body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Partner providers of the active provider (georedundant sites), for partner data centres. */
export function usePartners(enabled: boolean) {
  return useQuery({
    queryKey: ['partners'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/partners')),
  });
}

/** Links a partner data centre to one of the provider's own data centres. */
export function useLinkDcPartner() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { dataCentreId: string; body: DcPartnerCreate }) =>
      unwrap(api.POST('/api/v1/sites/{id}/partners', { params: { path: { id: v.dataCentreId } }, body: v.body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** The provider's members (placements of a member's own system) and catalogue services. */
export function useMembers(within: string | undefined) {
  return useQuery({
    queryKey: ['organisations', 'members-for-sites', within],
    enabled: !!within,
    queryFn: () =>
      unwrap(api.GET('/api/v1/organisations', { params: { query: { within: within!, kind: 'member', limit: 500 } } })),
    staleTime: 60_000,
  });
}

export function useServices() {
  return useQuery({
    queryKey: ['catalog', 'services-for-sites'],
    queryFn: () => unwrap(api.GET('/api/v1/services', { params: { query: { limit: 500 } } })),
    staleTime: 60_000,
  });
}

export function useDeletePlacement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/sites/placements/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
