import { z } from 'zod';
import type { Db } from '../db/client.js';
import type { App } from '../http/types.js';
import { UnauthorizedError } from '../http/errors.js';
import { LoginRequest, MeResponse } from './auth.dto.js';
import { authOf, SESSION_COOKIE } from './auth.plugin.js';
import type { AuthService } from './auth.service.js';
import { loadMe } from './me.js';

const tags = ['auth'];

export function authRoutes(app: App, deps: { auth: AuthService; db: Db; secureCookies: boolean }) {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies };

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, csrf: false },
      schema: { tags, summary: 'Log in with e-mail and password; sets the session cookie', body: LoginRequest, response: { 200: MeResponse } },
    },
    async (req, reply) => {
      const r = await deps.auth.login(req.body.email, req.body.password, req.ip, req.headers['user-agent'] ?? null);
      void reply.setCookie(SESSION_COOKIE, r.sessionToken, { ...cookieOptions, expires: r.expiresAt });
      const auth = await deps.auth.fromSession(r.sessionToken, req.id);
      if (!auth) {
        throw new UnauthorizedError();
      }
      return loadMe(deps.db, auth, r.csrfToken);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { public: true }, schema: { tags, summary: 'End the session', response: { 204: z.null() } } },
    async (req, reply) => {
      if (req.sessionToken) {
        await deps.auth.logout(req.sessionToken);
      }
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags, summary: 'The logged-in user, its organisations, roles and permissions', response: { 200: MeResponse } } },
    async (req) => loadMe(deps.db, authOf(req), deps.auth.csrfFor(req.sessionToken ?? '')),
  );
}
