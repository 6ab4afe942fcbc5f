import type { paths } from '@verbund/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../app/api';
import { ApiProblem, toProblem } from '../../lib/problem';
import type { Agreement, AgreementKind, AgreementStatus } from '../members/types';

export function useOrgAgreements(orgId: string) {
  return useQuery({
    queryKey: ['agreements', 'org', orgId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/organisations/{id}/agreements', { params: { path: { id: orgId }, query: { limit: 100 } } })),
  });
}

export function useAgreement(aid: string) {
  return useQuery({
    queryKey: ['agreements', 'one', aid],
    queryFn: () => unwrap(api.GET('/api/v1/agreements/{aid}', { params: { path: { aid } } })),
  });
}

export interface IntentBody {
  kind: AgreementKind;
  title: string;
  intentDeclaredAt: string;
}

export function useCreateAgreement(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: IntentBody) =>
      unwrap(api.POST('/api/v1/organisations/{id}/agreements', { params: { path: { id: orgId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['agreements'] }),
  });
}

type PatchBody = paths['/api/v1/agreements/{aid}']['patch']['requestBody']['content']['application/json'];

export function useUpdateAgreement(aid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PatchBody) => unwrap(api.PATCH('/api/v1/agreements/{aid}', { params: { path: { aid } }, body })),
    onSuccess: (data) => {
      qc.setQueryData(['agreements', 'one', aid], data);
      return qc.invalidateQueries({ queryKey: ['agreements', 'org'] });
    },
  });
}

/** A refused step: the server's 409 names the steps that are possible from the current status. */
export class TransitionConflict extends ApiProblem {
  constructor(
    problem: ApiProblem,
    readonly allowed: AgreementStatus[],
  ) {
    super(problem.status, problem.title, problem.detail, problem.errors, problem.retryAfter, problem.code, problem.params);
  }
}

export interface TransitionBody {
  to: AgreementStatus;
  date: string;
  signatories?: { name: string; function: string; party: 'member' | 'provider'; date: string }[];
  signedDocumentId?: string;
}

async function postTransition(aid: string, body: TransitionBody): Promise<Agreement> {
  const result = await api.POST('/api/v1/agreements/{aid}/transitions', { params: { path: { aid } }, body });
  if (result.response.status === 409) {
    const raw = result.error as { allowed?: unknown } | undefined;
    const allowed = Array.isArray(raw?.allowed) ? (raw.allowed as AgreementStatus[]) : [];
    throw new TransitionConflict(toProblem(409, result.error), allowed);
  }
  return unwrap(Promise.resolve(result));
}

export function useTransition(aid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionBody) => postTransition(aid, body),
    // A refused step means the page shows a stale status: fetch the agreement again.
    onError: (e) =>
      e instanceof TransitionConflict ? qc.invalidateQueries({ queryKey: ['agreements', 'one', aid] }) : undefined,
    onSuccess: async (data) => {
      qc.setQueryData(['agreements', 'one', aid], data);
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['agreements', 'org'] }),
        qc.invalidateQueries({ queryKey: ['onboarding'] }),
        qc.invalidateQueries({ queryKey: ['organisations', 'list'] }),
      ]);
    },
  });
}

export function useDocuments(orgId: string, agreementId?: string) {
  return useQuery({
    queryKey: ['documents', orgId, agreementId ?? 'all'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/organisations/{id}/documents', {
          params: { path: { id: orgId }, query: { limit: 100, agreementId } },
        }),
      ),
  });
}

export function useUploadDocument(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, title, agreementId }: { file: File; title: string; agreementId?: string }) => {
      // The server reads the fields before the file part, so the order matters.
      const form = new FormData();
      if (title.trim()) {
        form.append('title', title.trim());
      }
      if (agreementId) {
        form.append('agreementId', agreementId);
      }
      form.append('file', file, file.name);
      return unwrap(
        api.POST('/api/v1/organisations/{id}/documents', {
          params: { path: { id: orgId } },
          // openapi-fetch passes FormData through; the browser sets the multipart boundary.
          body: form as unknown as { file: string },
        }),
      );
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['documents', orgId] }),
  });
}

export function useDeleteDocument(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (did: string) => unwrap(api.DELETE('/api/v1/documents/{did}', { params: { path: { did } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['documents', orgId] }),
  });
}

export const documentUrl = (did: string) => `/api/v1/documents/${encodeURIComponent(did)}/content`;

export function useOnboarding(orgId: string) {
  return useQuery({
    queryKey: ['onboarding', orgId],
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/v1/organisations/{id}/onboarding', { params: { path: { id: orgId } } }));
      } catch (e) {
        // No onboarding yet: not an error for the page.
        if (e instanceof ApiProblem && e.status === 404) {
          return null;
        }
        throw e;
      }
    },
  });
}

export function useStartOnboarding(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/organisations/{id}/onboarding', { params: { path: { id: orgId } }, body: {} })),
    onSuccess: (data) => qc.setQueryData(['onboarding', orgId], data),
  });
}

export interface TaskChange {
  tid: string;
  status?: 'open' | 'done' | 'not_applicable';
  ownerUserId?: string | null;
  dueDate?: string | null;
  notes?: string | null;
}

export function useUpdateTask(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ tid, ...body }: TaskChange) =>
      unwrap(
        api.PATCH('/api/v1/organisations/{id}/onboarding/tasks/{tid}', {
          params: { path: { id: orgId, tid } },
          body,
        }),
      ),
    onSuccess: (data) => {
      qc.setQueryData(['onboarding', orgId], data);
      return qc.invalidateQueries({ queryKey: ['onboarding', 'all'] });
    },
  });
}

/** The provider's users, who can own an onboarding task (needs user.read there; else none). */
export function useTaskOwners(providerId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'owners', providerId],
    enabled,
    retry: false,
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { orgId: providerId, active: 'true', limit: 200 } } })),
  });
}

export function useOnboardingTemplate() {
  return useQuery({
    queryKey: ['onboarding', 'template'],
    queryFn: () => unwrap(api.GET('/api/v1/onboarding/template')),
  });
}

export function useSaveOnboardingTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (tasks: { title: string; dueAfterDays: number | null }[]) => unwrap(api.PUT('/api/v1/onboarding/template', { body: { tasks } })),
    onSuccess: (data) => qc.setQueryData(['onboarding', 'template'], data),
  });
}

export function useOnboardings() {
  return useQuery({
    queryKey: ['onboarding', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/onboardings', { params: { query: { limit: 200, state: 'running' } } })),
  });
}

/** What the server's document upload accepts (MAX_UPLOAD_MB and file types); asked once per session. */
export function useUploadLimits() {
  return useQuery({
    queryKey: ['documents', 'limits'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => unwrap(api.GET('/api/v1/documents/limits')),
  });
}
