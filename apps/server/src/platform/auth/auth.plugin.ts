import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthContext } from './auth.context.js';
import type { AuthService } from './auth.service.js';
import { UnauthorizedError, HttpError } from '../http/errors.js';
import { safeEqual } from './tokens.js';

export const SESSION_COOKIE = 'verbund_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every authenticated /api/v1 route; null only on public routes. */
    auth: AuthContext | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Route needs no login (login itself, health). */
    public?: boolean;
    /** Route takes no CSRF token even with a session cookie: only login, which starts a session. */
    csrf?: false;
    /**
     * A write that cannot change who sees what (no grants, accounts, sessions, tokens or
     * organisations): answering it leaves this process's session cache as it is. A service desk
     * creating tickets would otherwise resolve every agent's session again on every request.
     */
    sessionsUnchanged?: boolean;
  }
}

/** The caller of an authenticated route. */
export function authOf(req: FastifyRequest): AuthContext {
  if (!req.auth) {
    throw new UnauthorizedError();
  }
  return req.auth;
}

/**
 * Resolves the caller once per request from the session cookie or a bearer token and enforces
 * CSRF for cookie sessions: a state-changing request must echo the session's CSRF token in the
 * `X-CSRF-Token` header (SameSite=Lax alone still lets top-level POSTs through in old browsers).
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { auth: AuthService }) => {
  app.decorateRequest('auth', null);
  app.decorateRequest('sessionToken', null);
  // Any write may change who sees what (grants, deactivation, logout, new organisations): once it
  // has been answered, no cached session of this process predates it. Routes that declare
  // `sessionsUnchanged` are the exception.
  app.addHook('onResponse', async (req) => {
    if (!SAFE_METHODS.has(req.method) && req.routeOptions.config?.sessionsUnchanged !== true) {
      opts.auth.invalidateSessions();
    }
  });
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) {
      return;
    }
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      req.auth = (await opts.auth.fromApiToken(header.slice(7).trim(), req.id)) ?? null;
      if (!req.auth) {
        throw new UnauthorizedError('The API token is invalid, expired or revoked.');
      }
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) {
      req.auth = (await opts.auth.fromSession(cookie, req.id)) ?? null;
      req.sessionToken = req.auth ? cookie : null;
    }
    const config = req.routeOptions.config;
    if (!req.auth) {
      if (config?.public) {
        return;
      }
      throw new UnauthorizedError();
    }
    // Public routes too: a forged cross-site logout must not end the session.
    if (!SAFE_METHODS.has(req.method) && config?.csrf !== false) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, opts.auth.csrfFor(cookie!))) {
        throw new HttpError(403, 'Forbidden', 'The CSRF token is missing or wrong. Reload the page and try again.');
      }
    }
  });
});
