import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@verbund/api-client';
import { api, unwrap } from '../../app/api';

type Ok<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type Asset = Ok<'/api/v1/assets/{id}', 'get'>;
export type AssetCreate = Body<'/api/v1/assets', 'post'>;
export type AssetUpdate = Body<'/api/v1/assets/{id}', 'patch'>;
export type AssetTypeInfo = Ok<'/api/v1/asset-types', 'get'>['items'][number];
export type Relation = Ok<'/api/v1/assets/{id}/relations', 'get'>['items'][number];
export type HistoryEntry = Ok<'/api/v1/assets/{id}/history', 'get'>['items'][number];
export type ImportBody = Body<'/api/v1/assets/import', 'post'>;
export type ImportResult = Ok<'/api/v1/assets/import', 'post'>;
export type AssetStatus = Asset['status'];
export type AssetTypeName = Asset['type'];
export type RelationKind = Relation['type'];

export interface AssetFilters {
  type?: AssetTypeName;
  status?: AssetStatus;
  memberId?: string;
  ownerOrgId?: string;
  warrantyEndingBefore?: string;
  q?: string;
}

const KEY = ['assets'] as const;

export function useAssets(f: AssetFilters, cursor: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'list', f, cursor],
    queryFn: () => unwrap(api.GET('/api/v1/assets', { params: { query: { limit: 50, ...f, ...(cursor ? { cursor } : {}) } } })),
  });
}

export function useAsset(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/assets/{id}', { params: { path: { id: id! } } })),
  });
}

export function useAssetTypes() {
  return useQuery({ queryKey: [...KEY, 'types'], queryFn: () => unwrap(api.GET('/api/v1/asset-types')), staleTime: Infinity });
}

export function useOrganisations() {
  return useQuery({
    queryKey: [...KEY, 'orgs'],
    queryFn: () => unwrap(api.GET('/api/v1/organisations', { params: { query: { limit: 500 } } })),
    staleTime: 60_000,
  });
}

export function useSaveAsset() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: AssetCreate | AssetUpdate }) =>
      id
        ? unwrap(api.PATCH('/api/v1/assets/{id}', { params: { path: { id } }, body: body as AssetUpdate }))
        : unwrap(api.POST('/api/v1/assets', { body: body as AssetCreate })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useTransition(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/v1/assets/{id}/transitions', 'post'>) => unwrap(api.POST('/api/v1/assets/{id}/transitions', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRelations(id: string) {
  return useQuery({ queryKey: [...KEY, 'relations', id], queryFn: () => unwrap(api.GET('/api/v1/assets/{id}/relations', { params: { path: { id } } })) });
}

export function useAddRelation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/v1/assets/{id}/relations', 'post'>) => unwrap(api.POST('/api/v1/assets/{id}/relations', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRemoveRelation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rid: string) => unwrap(api.DELETE('/api/v1/assets/{id}/relations/{rid}', { params: { path: { id, rid } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useHistory(id: string) {
  return useQuery({ queryKey: [...KEY, 'history', id], queryFn: () => unwrap(api.GET('/api/v1/assets/{id}/history', { params: { path: { id }, query: { limit: 100 } } })) });
}

export function useImportAssets() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ dryRun, body }: { dryRun: boolean; body: ImportBody }) =>
      unwrap(api.POST('/api/v1/assets/import', { params: { query: dryRun ? { dryRun: 'true' } : {} }, body })),
    onSuccess: (_r, v) => (v.dryRun ? undefined : qc.invalidateQueries({ queryKey: KEY })),
  });
}

/** Inventory search by exact inventory number (for linking). */
export async function findByInventoryNumber(number: string): Promise<Asset | undefined> {
  const r = await unwrap(api.GET('/api/v1/assets', { params: { query: { q: number, limit: 20 } } }));
  return r.items.find((a) => a.inventoryNumber.toLowerCase() === number.trim().toLowerCase());
}

/** Query string of the list filters, for export and label links. */
export function filterQuery(f: AssetFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) {
    if (v) {
      p.set(k, String(v));
    }
  }
  return p.toString();
}

export function formatEuro(cents: number | null | undefined, locale: string): string {
  if (cents === null || cents === undefined) {
    return '–';
  }
  const t = String(Math.abs(cents)).padStart(3, '0');
  const euros = t.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, locale.startsWith('de') ? '.' : ',');
  return `${cents < 0 ? '−' : ''}${euros}${locale.startsWith('de') ? ',' : '.'}${t.slice(-2)} €`;
}

/** "1.234,56" / "1234.56" → cents without floats; undefined when not an amount. */
export function parseEuro(s: string): number | undefined {
  let t = s.replace(/[\s€]/g, '');
  if (t === '') {
    return undefined;
  }
  if (t.includes(',')) {
    t = t.replace(/\./g, '').replace(',', '.');
  }
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(t);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : undefined;
}

export function formatDate(d: string | null | undefined, locale: string): string {
  if (!d) {
    return '–';
  }
  return locale.startsWith('de') ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : d.slice(0, 10);
}

export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
