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
