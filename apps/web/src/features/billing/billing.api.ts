import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@verbund/api-client';
import { api, unwrap } from '../../app/api';

type Ok<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type CostPlan = Ok<'/api/v1/cost-plans/{id}', 'get'>;
export type CostPool = CostPlan['pools'][number];
export type PoolCreate = Body<'/api/v1/cost-plans/{id}/pools', 'post'>;
export type PoolUpdate = Body<'/api/v1/cost-plans/{id}/pools/{poolId}', 'patch'>;
export type Preview = Ok<'/api/v1/cost-plans/{id}/preview', 'get'>;
export type BillingRun = Ok<'/api/v1/billing-runs/{id}', 'get'>;
export type RunCreate = Body<'/api/v1/billing-runs', 'post'>;
export type InvoiceItem = Ok<'/api/v1/invoices', 'get'>['items'][number];
export type Invoice = Ok<'/api/v1/invoices/{id}', 'get'>;
export type Settings = Ok<'/api/v1/billing-settings', 'get'>;
export type SettingsBody = Body<'/api/v1/billing-settings', 'put'>;

const KEY = ['billing'] as const;

export function useCostPlans() {
  return useQuery({ queryKey: [...KEY, 'plans'], queryFn: () => unwrap(api.GET('/api/v1/cost-plans', { params: { query: {} } })) });
}

export function useCostPlan(id: string) {
  return useQuery({ queryKey: [...KEY, 'plan', id], queryFn: () => unwrap(api.GET('/api/v1/cost-plans/{id}', { params: { path: { id } } })) });
}

export function usePreview(id: string, basis: 'planned' | 'actual') {
  return useQuery({
    queryKey: [...KEY, 'plan', id, 'preview', basis],
    queryFn: () => unwrap(api.GET('/api/v1/cost-plans/{id}/preview', { params: { path: { id }, query: { basis } } })),
  });
}

export function useCreatePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number; title: string }) => unwrap(api.POST('/api/v1/cost-plans', { params: { query: {} }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useSavePool(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ poolId, body }: { poolId: string | null; body: PoolCreate | PoolUpdate }) =>
      poolId
        ? unwrap(api.PATCH('/api/v1/cost-plans/{id}/pools/{poolId}', { params: { path: { id: planId, poolId } }, body: body as PoolUpdate }))
        : unwrap(api.POST('/api/v1/cost-plans/{id}/pools', { params: { path: { id: planId } }, body: body as PoolCreate })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'plan', planId] }),
  });
}

export function useDeletePool(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (poolId: string) => unwrap(api.DELETE('/api/v1/cost-plans/{id}/pools/{poolId}', { params: { path: { id: planId, poolId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'plan', planId] }),
  });
}

export function useRuns() {
  return useQuery({ queryKey: [...KEY, 'runs'], queryFn: () => unwrap(api.GET('/api/v1/billing-runs', { params: { query: {} } })) });
}

/** A run; polled every second while it is being issued, so the progress bar moves. */
export function useRun(id: string) {
  return useQuery({
    queryKey: [...KEY, 'run', id],
    queryFn: () => unwrap(api.GET('/api/v1/billing-runs/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data?.status === 'issuing' || q.state.data?.progress?.phase === 'pdf' ? 1000 : false),
  });
}

export function useCreateRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RunCreate) => unwrap(api.POST('/api/v1/billing-runs', { params: { query: {} }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'runs'] }),
  });
}

export function useRunAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (action: 'issue' | 'recompute') =>
      action === 'issue'
        ? unwrap(api.POST('/api/v1/billing-runs/{id}/issue', { params: { path: { id } } }))
        : unwrap(api.POST('/api/v1/billing-runs/{id}/recompute', { params: { path: { id } } })),
    onSuccess: (run) => {
      qc.setQueryData([...KEY, 'run', id], run);
      return qc.invalidateQueries({ queryKey: [...KEY, 'invoices'] });
    },
  });
}

export function useInvoices(q: { runId?: string; memberId?: string; status?: 'draft' | 'issued' } = {}) {
  return useQuery({
    queryKey: [...KEY, 'invoices', q],
    queryFn: () => unwrap(api.GET('/api/v1/invoices', { params: { query: { limit: 500, ...q } } })),
  });
}

export function useInvoice(id: string) {
  return useQuery({ queryKey: [...KEY, 'invoice', id], queryFn: () => unwrap(api.GET('/api/v1/invoices/{id}', { params: { path: { id } } })) });
}

export function useSettings() {
  return useQuery({ queryKey: [...KEY, 'settings'], queryFn: () => unwrap(api.GET('/api/v1/billing-settings', { params: { query: {} } })), retry: false });
}

export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SettingsBody) => unwrap(api.PUT('/api/v1/billing-settings', { params: { query: {} }, body })),
    onSuccess: (s) => qc.setQueryData([...KEY, 'settings'], s),
  });
}

export type BudgetMapping = Ok<'/api/v1/budget-mappings', 'get'>['items'][number];
export type BudgetMappingBody = Body<'/api/v1/budget-mappings/{id}', 'put'>;

export function useBudgetMappings() {
  return useQuery({ queryKey: [...KEY, 'budget-mappings'], queryFn: () => unwrap(api.GET('/api/v1/budget-mappings', { params: { query: {} } })) });
}

export function useSaveBudgetMapping() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ orgId, body }: { orgId: string; body: BudgetMappingBody }) => unwrap(api.PUT('/api/v1/budget-mappings/{id}', { params: { path: { id: orgId } }, body })),
    onSuccess: (saved) =>
      qc.setQueryData<{ items: BudgetMapping[] }>([...KEY, 'budget-mappings'], (old) => (old ? { items: old.items.map((m) => (m.orgId === saved.orgId ? saved : m)) } : old)),
  });
}
