import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@verbund/api-client';
import { api, unwrap } from '../../app/api';

type Ok<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type GrantSummary = Ok<'/api/v1/grants', 'get'>['items'][number];
export type Grant = Ok<'/api/v1/grants/{id}', 'get'>;
export type GrantCreate = Body<'/api/v1/grants', 'post'>;
export type Programme = Ok<'/api/v1/grant-programmes', 'get'>['items'][number];
export type Plan = Ok<'/api/v1/grants/{id}/plan-lines', 'get'>;
export type PlanLine = Plan['items'][number];
export type Expense = Ok<'/api/v1/grants/{id}/expenses', 'get'>['items'][number];
export type ExpenseCreate = Body<'/api/v1/grants/{id}/expenses', 'post'>;
export type Drawdown = Ok<'/api/v1/grants/{id}/drawdowns', 'get'>['items'][number];
export type DrawdownPreview = Ok<'/api/v1/grants/{id}/drawdowns/preview', 'get'>;
export type Proof = Ok<'/api/v1/grants/{id}/proof-of-use', 'get'>;
export type FundedAsset = Ok<'/api/v1/grants/{id}/assets', 'get'>['items'][number];
export type Savings = Ok<'/api/v1/reports/savings', 'get'>;
export type ReferenceCosts = Body<'/api/v1/reports/savings/reference-costs', 'put'>;

const KEY = ['grants'] as const;

export function useGrants() {
  return useQuery({ queryKey: [...KEY, 'list'], queryFn: () => unwrap(api.GET('/api/v1/grants', { params: { query: {} } })) });
}

export function useProgrammes(enabled: boolean) {
  return useQuery({ queryKey: [...KEY, 'programmes'], enabled, queryFn: () => unwrap(api.GET('/api/v1/grant-programmes', { params: { query: {} } })) });
}

export function useCreateProgramme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; authority?: string | null; paysPerMember: boolean }) => unwrap(api.POST('/api/v1/grant-programmes', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'programmes'] }),
  });
}

export function useCreateGrant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GrantCreate) => unwrap(api.POST('/api/v1/grants', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useGrant(id: string) {
  return useQuery({ queryKey: [...KEY, 'one', id], queryFn: () => unwrap(api.GET('/api/v1/grants/{id}', { params: { path: { id } } })) });
}

export function useUpdateGrant(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { reportText?: string | null; interimProofDue?: string | null; finalProofDue?: string | null }) =>
      unwrap(api.PATCH('/api/v1/grants/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
  });
}

export function usePlan(id: string, enabled = true) {
  return useQuery({ queryKey: [...KEY, 'one', id, 'plan'], enabled, queryFn: () => unwrap(api.GET('/api/v1/grants/{id}/plan-lines', { params: { path: { id } } })) });
}

export function useAddLine(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { code: string; title: string; budget: string; deviationPercent?: string | null }) =>
      unwrap(api.POST('/api/v1/grants/{id}/plan-lines', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
  });
}

export function useUpdateLine(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ lineId, body }: { lineId: string; body: { code?: string; title?: string; budget?: string; deviationPercent?: string | null } }) =>
      unwrap(api.PATCH('/api/v1/grants/{id}/plan-lines/{lineId}', { params: { path: { id, lineId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
  });
}

export function useDeleteLine(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (lineId: string) => unwrap(api.DELETE('/api/v1/grants/{id}/plan-lines/{lineId}', { params: { path: { id, lineId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
  });
}

export function useExpenses(id: string) {
  return useQuery({ queryKey: [...KEY, 'one', id, 'expenses'], queryFn: () => unwrap(api.GET('/api/v1/grants/{id}/expenses', { params: { path: { id } } })) });
}

export function useAddExpense(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, receipt }: { body: ExpenseCreate; receipt: File | null }) => {
      const e = await unwrap(api.POST('/api/v1/grants/{id}/expenses', { params: { path: { id } }, body }));
      if (receipt) {
        const form = new FormData();
        form.append('file', receipt);
        await unwrap(
          api.POST('/api/v1/grants/{id}/expenses/{expenseId}/receipt', {
            params: { path: { id, expenseId: e.id } },
            // openapi-fetch sends FormData as it is; the body type is the documented multipart shape.
            body: form as unknown as { file: string },
            bodySerializer: (b: unknown) => b as FormData,
          }),
        );
      }
      return e;
    },
    onSettled: () => qc.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
  });
}

export function useDeleteExpense(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (expenseId: string) => unwrap(api.DELETE('/api/v1/grants/{id}/expenses/{expenseId}', { params: { path: { id, expenseId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
  });
}

export function useDrawdowns(id: string) {
  return useQuery({ queryKey: [...KEY, 'one', id, 'drawdowns'], queryFn: () => unwrap(api.GET('/api/v1/grants/{id}/drawdowns', { params: { path: { id } } })) });
}

export function useDrawdownPreview(id: string, memberId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'one', id, 'preview', memberId ?? ''],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/grants/{id}/drawdowns/preview', { params: { path: { id }, query: memberId ? { memberId } : {} } })),
  });
}

export function useRequestDrawdown(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { memberId?: string | null; amount?: string; notes?: string | null }) => unwrap(api.POST('/api/v1/grants/{id}/drawdowns', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
  });
}

export function useDrawdownStep(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ drawdownId, to }: { drawdownId: string; to: 'approved' | 'received' }) =>
      unwrap(api.POST('/api/v1/grants/{id}/drawdowns/{drawdownId}/status', { params: { path: { id, drawdownId } }, body: { to } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
  });
}

export function useProof(id: string) {
  return useQuery({ queryKey: [...KEY, 'one', id, 'proof'], queryFn: () => unwrap(api.GET('/api/v1/grants/{id}/proof-of-use', { params: { path: { id }, query: {} } })) });
}

export function useFundedAssets(id: string) {
  return useQuery({ queryKey: [...KEY, 'one', id, 'assets'], queryFn: () => unwrap(api.GET('/api/v1/grants/{id}/assets', { params: { path: { id } } })) });
}

export function useSavings(year: number) {
  return useQuery({ queryKey: [...KEY, 'savings', year], queryFn: () => unwrap(api.GET('/api/v1/reports/savings', { params: { query: { year } } })) });
}

export function usePutReferenceCosts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReferenceCosts) => unwrap(api.PUT('/api/v1/reports/savings/reference-costs', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'savings'] }),
  });
}

export type AssetLockIn = Ok<'/api/v1/assets/{id}/lock-ins', 'get'>['items'][number];

export function useAssetLockIns(assetId: string) {
  return useQuery({ queryKey: [...KEY, 'asset', assetId], queryFn: () => unwrap(api.GET('/api/v1/assets/{id}/lock-ins', { params: { path: { id: assetId } } })) });
}
