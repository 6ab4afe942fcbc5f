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

export type Job = Ok<'/api/v1/backup-jobs/{id}', 'get'>;
export type JobUpdate = Body<'/api/v1/backup-jobs/{id}', 'patch'>;
export type JobCreate = Body<'/api/v1/backup-jobs', 'post'>;
export type Run = Ok<'/api/v1/backup-runs', 'get'>['items'][number];
export type Overview = Ok<'/api/v1/backups/overview', 'get'>;
export type RestoreTest = Ok<'/api/v1/restore-tests', 'get'>['items'][number];
export type RestoreTestCreate = Body<'/api/v1/restore-tests', 'post'>;
export type Plan = Ok<'/api/v1/restore-test-plans', 'get'>;
export type PlanItemCreate = Body<'/api/v1/restore-test-plans', 'post'>;

const KEY = ['backups'] as const;

export function useOverview(orgId: string | undefined, days = 90) {
  return useQuery({
    queryKey: [...KEY, 'overview', orgId, days],
    queryFn: () => unwrap(api.GET('/api/v1/backups/overview', { params: { query: { orgId, days } } })),
  });
}

export function useJobs(q: { orgId?: string; problem?: 'any' | 'failed' | 'rpo_violated'; assetId?: string }) {
  return useQuery({
    queryKey: [...KEY, 'jobs', q],
    queryFn: () => unwrap(api.GET('/api/v1/backup-jobs', { params: { query: { limit: 500, ...q } } })),
  });
}

export function useJob(id: string) {
  return useQuery({
    queryKey: [...KEY, 'job', id],
    queryFn: () => unwrap(api.GET('/api/v1/backup-jobs/{id}', { params: { path: { id } } })),
  });
}

export function useRuns(jobId: string) {
  return useQuery({
    queryKey: [...KEY, 'runs', jobId],
    queryFn: () => unwrap(api.GET('/api/v1/backup-runs', { params: { query: { jobId, limit: 100 } } })),
  });
}

export function useUpdateJob(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: JobUpdate) => unwrap(api.PATCH('/api/v1/backup-jobs/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useCreateJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: JobCreate) => unwrap(api.POST('/api/v1/backup-jobs', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRestoreTests(orgId: string | undefined, year: number) {
  return useQuery({
    queryKey: [...KEY, 'restore', orgId, year],
    queryFn: () => unwrap(api.GET('/api/v1/restore-tests', { params: { query: { orgId, year } } })),
  });
}

export function usePlan(orgId: string | undefined, year: number) {
  return useQuery({
    queryKey: [...KEY, 'plan', orgId, year],
    enabled: !!orgId,
    queryFn: () => unwrap(api.GET('/api/v1/restore-test-plans', { params: { query: { orgId: orgId!, year } } })),
  });
}

export function useCreateRestoreTest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RestoreTestCreate) => unwrap(api.POST('/api/v1/restore-tests', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useAddPlanItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanItemCreate) => unwrap(api.POST('/api/v1/restore-test-plans', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Assets of a member for the "what is backed up" choice (modules/assets). */
export function useMemberAssets(memberId: string | undefined) {
  return useQuery({
    queryKey: ['assets', 'for-backups', memberId],
    enabled: !!memberId,
    queryFn: () => unwrap(api.GET('/api/v1/assets', { params: { query: { memberId: memberId!, limit: 500 } } })),
  });
}

export const reportUrl = (memberId: string, year: number) => `/api/v1/members/${memberId}/backup-report?year=${year}`;

/** Members below the active organisation, for the job form's member choice. */
export function useMembers(within: string | undefined) {
  return useQuery({
    queryKey: ['organisations', 'members-for-backups', within],
    enabled: !!within,
    queryFn: () =>
      unwrap(api.GET('/api/v1/organisations', { params: { query: { within: within!, kind: 'member', limit: 500 } } })),
    staleTime: 60_000,
  });
}

/** Sites of the provider and its members: where a backup is kept (data centres first). */
export function useTargetSites() {
  return useQuery({
    queryKey: ['sites', 'for-backups'],
    queryFn: () => unwrap(api.GET('/api/v1/sites', { params: { query: {} } })),
    staleTime: 60_000,
  });
}

/** Catalogue services, for jobs that back up a service rather than one asset. */
export function useServices(enabled: boolean) {
  return useQuery({
    queryKey: ['catalog', 'services-for-backups'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/services', { params: { query: { limit: 500 } } })),
    staleTime: 60_000,
  });
}
