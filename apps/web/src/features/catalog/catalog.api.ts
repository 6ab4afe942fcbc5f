import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@verbund/api-client';
import { api, unwrap } from '../../app/api';

type Ok<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type Service = Ok<'/api/v1/services/{id}', 'get'>;
export type ServiceCreate = Body<'/api/v1/services', 'post'>;
export type ServiceUpdate = Body<'/api/v1/services/{id}', 'patch'>;
export type PriceList = Ok<'/api/v1/price-lists/{id}', 'patch'>;
export type PriceListDetail = Ok<'/api/v1/price-lists/{id}', 'get'>;
export type Price = PriceListDetail['prices'][number];
export type PriceBody = Body<'/api/v1/price-lists/{id}/prices/{serviceId}', 'put'>;
export type Subscription = Ok<'/api/v1/subscriptions', 'get'>['items'][number];
export type SubscriptionDetail = Ok<'/api/v1/subscriptions/{id}', 'get'>;
export type ImportResult = Ok<'/api/v1/subscriptions/import', 'post'>;

const KEY = ['catalog'] as const;

export function useServices(q: { providerId?: string; status?: 'active' | 'retired' } = {}) {
  return useQuery({
    queryKey: [...KEY, 'services', q],
    queryFn: () => unwrap(api.GET('/api/v1/services', { params: { query: { limit: 500, ...q } } })),
  });
}

export function useService(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'service', id],
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/services/{id}', { params: { path: { id: id! } } })),
  });
}

export function useUnitCodes() {
  return useQuery({ queryKey: [...KEY, 'unit-codes'], queryFn: () => unwrap(api.GET('/api/v1/unit-codes')), staleTime: Infinity });
}

export function useSaveService() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ServiceCreate | ServiceUpdate }) =>
      id
        ? unwrap(api.PATCH('/api/v1/services/{id}', { params: { path: { id } }, body: body as ServiceUpdate }))
        : unwrap(api.POST('/api/v1/services', { body: body as ServiceCreate })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function usePriceLists(providerId?: string) {
  return useQuery({
    queryKey: [...KEY, 'price-lists', providerId],
    queryFn: () => unwrap(api.GET('/api/v1/price-lists', { params: { query: providerId ? { providerId } : {} } })),
  });
}

export function usePriceList(id: string) {
  return useQuery({
    queryKey: [...KEY, 'price-list', id],
    queryFn: () => unwrap(api.GET('/api/v1/price-lists/{id}', { params: { path: { id } } })),
  });
}

export function useCreatePriceList() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/v1/price-lists', 'post'>) => unwrap(api.POST('/api/v1/price-lists', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useUpdatePriceList(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/v1/price-lists/{id}', 'patch'>) => unwrap(api.PATCH('/api/v1/price-lists/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useCopyPriceList(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/price-lists/{id}/copy', { params: { path: { id } }, body: {} })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function usePutPrice(listId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ serviceId, body }: { serviceId: string; body: PriceBody }) =>
      unwrap(api.PUT('/api/v1/price-lists/{id}/prices/{serviceId}', { params: { path: { id: listId, serviceId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'price-list', listId] }),
  });
}

export function useRemovePrice(listId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (serviceId: string) => unwrap(api.DELETE('/api/v1/price-lists/{id}/prices/{serviceId}', { params: { path: { id: listId, serviceId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'price-list', listId] }),
  });
}

export function useSubscriptions(q: { memberId?: string; serviceId?: string }) {
  return useQuery({
    queryKey: [...KEY, 'subscriptions', q],
    queryFn: () => unwrap(api.GET('/api/v1/subscriptions', { params: { query: { limit: 500, ...q } } })),
  });
}

export function useSubscription(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'subscription', id],
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/subscriptions/{id}', { params: { path: { id: id! } } })),
  });
}

export function useCreateSubscription() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/v1/subscriptions', 'post'>) => unwrap(api.POST('/api/v1/subscriptions', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useSetQuantity(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ date, quantity, note }: { date: string; quantity: string; note: string | null }) =>
      unwrap(api.PUT('/api/v1/subscriptions/{id}/quantities/{date}', { params: { path: { id, date } }, body: { quantity, note } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useEndSubscription(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (validTo: string | null) => unwrap(api.PATCH('/api/v1/subscriptions/{id}', { params: { path: { id } }, body: { validTo } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ dryRun, body }: { dryRun: boolean; body: Body<'/api/v1/subscriptions/import', 'post'> }) =>
      unwrap(api.POST('/api/v1/subscriptions/import', { params: { query: { dryRun: dryRun ? 'true' : 'false' } }, body })),
    onSuccess: (data) => {
      if (data.applied) {
        void qc.invalidateQueries({ queryKey: KEY });
      }
    },
  });
}

/** A file as base64 (without the data-URL prefix), for the import endpoint. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** `12.5000` → `12,50` / `0,8755`: German display, at least 2 and at most 4 fraction digits, no float. */
export function formatDecimal(s: string | null | undefined, locale: string): string {
  if (s === null || s === undefined) {
    return '–';
  }
  const [int = '0', frac = ''] = s.replace(/^-/, '').split('.');
  const trimmed = frac.replace(/0+$/, '').padEnd(2, '0');
  const sep = locale.startsWith('de') ? ',' : '.';
  const group = locale.startsWith('de') ? '.' : ',';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${s.startsWith('-') ? '-' : ''}${grouped}${sep}${trimmed}`;
}

/** Quantities: whole numbers without fraction, else like formatDecimal. */
export function formatQuantity(s: string | null | undefined, locale: string): string {
  if (s === null || s === undefined) {
    return '–';
  }
  if (/^\d+\.0000$/.test(s)) {
    return formatDecimal(s, locale).replace(/[,.]00$/, '');
  }
  return formatDecimal(s, locale);
}

/** ISO date → `01.07.2025` (de) or unchanged. */
export function formatDate(d: string | null | undefined, locale: string): string {
  if (!d) {
    return '–';
  }
  return locale.startsWith('de') ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : d;
}
