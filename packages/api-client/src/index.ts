// The typed client of the Verbund API. `schema.d.ts` is generated from apps/server/openapi.json
// (`npm run openapi -w apps/server && npm run generate -w packages/api-client`); never edit it.
import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths };

export function createApiClient(options: ClientOptions = {}) {
  return createClient<paths>({ credentials: 'same-origin', ...options });
}

export type ApiClient = ReturnType<typeof createApiClient>;
