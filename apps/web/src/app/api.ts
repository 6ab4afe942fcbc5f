import { createApiClient, type paths } from '@verbund/api-client';
import { ApiProblem, toProblem } from '../lib/problem';

let csrfToken: string | null = null;

/** Set from the login or /auth/me answer; the server refuses state changes without it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const api = createApiClient({ baseUrl: '' });

api.use({
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    return request;
  },
});

interface Result<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Resolves to the data of a successful answer; throws an ApiProblem for every failure. */
export async function unwrap<D>(request: Promise<Result<D>>): Promise<D> {
  let result: Result<D>;
  try {
    result = await request;
  } catch (e) {
    // fetch itself failed: offline, server down, proxy error.
    throw new ApiProblem(0, 'Network error', e instanceof Error ? e.message : undefined);
  }
  if (!result.response.ok) {
    throw toProblem(result.response.status, result.error, result.response.headers.get('retry-after'));
  }
  return result.data as D;
}

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type MeResponse = Json<'/api/v1/auth/me', 'get'>;
export type Organisation = Json<'/api/v1/organisations/{id}', 'get'>;
export type OrganisationPage = Json<'/api/v1/organisations', 'get'>;
export type User = Json<'/api/v1/users/{id}', 'get'>;
export type UserPage = Json<'/api/v1/users', 'get'>;
export type AuditPage = Json<'/api/v1/audit-events', 'get'>;
export type AuditEvent = AuditPage['items'][number];
export type RoleGrant = User['roles'][number];
