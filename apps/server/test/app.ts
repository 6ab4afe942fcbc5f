import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp, type AppOptions } from '../src/app.js';
import { SESSION_COOKIE } from '../src/platform/auth/auth.plugin.js';
import { csrfToken } from '../src/platform/auth/tokens.js';
import type { Database } from '../src/platform/db/client.js';
import type { App } from '../src/platform/http/types.js';
import type { TestUser } from './factories.js';

export const TEST_SECRET = 'test-session-secret-0123456789abcdef';

export interface TestApp {
  app: App;
  /** A request as this user (session cookie + CSRF header), or anonymous with `null`. */
  as(user: TestUser | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
}

/** A real app instance on the test database, closed after the file. */
export async function testApp(database: Database, extra: Partial<AppOptions> = {}): Promise<TestApp> {
  const app = await buildApp({ database, sessionSecret: TEST_SECRET, logLevel: 'silent', ...extra });
  await app.ready();
  afterAll(async () => {
    await app.close();
  });
  return {
    app,
    as: (user, opts) =>
      app.inject({
        ...opts,
        cookies: user ? { [SESSION_COOKIE]: user.session, ...(opts.cookies ?? {}) } : opts.cookies,
        headers: { ...(user ? { 'x-csrf-token': csrfToken(TEST_SECRET, user.session) } : {}), ...(opts.headers ?? {}) },
      }),
  };
}

/** Asserts an RFC 9457 body and returns it. */
export function problem(res: LightMyRequestResponse): { status: number; title: string; detail?: string; errors?: { field: string; message: string }[] } {
  if (!res.headers['content-type']?.toString().startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${res.headers['content-type']} ${res.statusCode}: ${res.body.slice(0, 200)}`);
  }
  return res.json();
}
