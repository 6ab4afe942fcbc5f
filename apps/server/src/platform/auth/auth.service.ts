import { Permission } from '@verbund/shared';
import type { Db } from '../db/client.js';
import { withSystem } from '../db/tenant.js';
import { TooManyRequestsError, UnauthorizedError } from '../http/errors.js';
import { tokenContext, userContext, type AuthContext } from './auth.context.js';
import * as repo from './auth.repository.js';
import { SessionCache } from './session-cache.js';
import { dummyHash, verifyPassword } from './password.js';
import { clearThrottle, countAttempt, forgiveAttempt, LIMITS, throttleVerdict } from './throttle.js';
import { csrfToken, newSecret, sha256 } from './tokens.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60 * 1000;
/**
 * How long this process reuses a resolved session (see SessionCache): the bound on how late a
 * change made by another process reaches this one. Well below TOUCH_INTERVAL_MS, so last_seen_at
 * stays as accurate as before.
 */
export const SESSION_CACHE_TTL_MS = 5 * 1000;

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  userId: string;
  expiresAt: Date;
}

export class AuthService {
  private readonly sessions: SessionCache;

  constructor(
    private readonly db: Db,
    private readonly secret: string,
    sessionCacheTtlMs = SESSION_CACHE_TTL_MS,
  ) {
    this.sessions = new SessionCache(sessionCacheTtlMs);
  }

  /** Forgets every cached session; called after each state-changing request (auth plugin). */
  invalidateSessions(): void {
    this.sessions.clear();
  }

  csrfFor(sessionToken: string): string {
    return csrfToken(this.secret, sessionToken);
  }

  /**
   * Password login. Counts attempts per account and per IP before the (slow) password check, so
   * parallel guesses count too; past the limit answers 429 with Retry-After even for a correct
   * password, so guessing gains nothing. A success takes its attempt back.
   */
  async login(email: string, password: string, ip: string, userAgent: string | null): Promise<LoginResult> {
    const accountKey = `account:${email.toLowerCase()}`;
    const ipKey = `ip:${ip}`;
    const now = new Date();
    const [acc, byIp] = await withSystem(this.db, async (tx) => [
      await countAttempt(tx, accountKey),
      await countAttempt(tx, ipKey),
    ]);
    const wait = Math.max(
      throttleVerdict(acc, LIMITS.account, now).retryAfterSeconds,
      throttleVerdict(byIp, LIMITS.ip, now).retryAfterSeconds,
    );
    if (wait > 0) {
      throw new TooManyRequestsError('Too many failed logins. Please wait and try again.', wait);
    }

    const user = await withSystem(this.db, (tx) => repo.findUserByEmail(tx, email));
    const ok =
      user?.passwordHash && user.active
        ? await verifyPassword(user.passwordHash, password)
        : (await verifyPassword(await dummyHash(), password), false);
    if (!ok || !user) {
      throw new UnauthorizedError('E-mail or password is wrong.');
    }

    const sessionToken = newSecret();
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await withSystem(this.db, async (tx) => {
      await clearThrottle(tx, accountKey);
      await forgiveAttempt(tx, ipKey);
      await repo.insertSession(tx, { tokenHash: sha256(sessionToken), userId: user.id, expiresAt, ip, userAgent });
    });
    return { sessionToken, csrfToken: this.csrfFor(sessionToken), userId: user.id, expiresAt };
  }

  async logout(sessionToken: string): Promise<void> {
    await withSystem(this.db, (tx) => repo.deleteSession(tx, sha256(sessionToken)));
    this.sessions.clear();
  }

  /** Resolves a session cookie to the caller's context, or undefined when it is not valid. */
  async fromSession(sessionToken: string, requestId: string): Promise<AuthContext | undefined> {
    const key = sha256(sessionToken);
    const cached = this.sessions.get(key);
    if (cached) {
      return { ...cached, requestId };
    }
    const generation = this.sessions.generation();
    // The admin path without a transaction: one read-only statement (see resolveSession).
    const s = await repo.resolveSession(this.db, key);
    if (!s) {
      return undefined;
    }
    if (Date.now() - s.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await withSystem(this.db, (tx) => repo.touchSession(tx, s.id));
    }
    const auth = userContext({ userId: s.userId, sessionId: s.id, requestId, person: s.person }, s.roles);
    this.sessions.set(key, auth, generation, Date.now(), s.expiresAt.getTime());
    return auth;
  }

  /** Resolves `Authorization: Bearer vb_…`. */
  async fromApiToken(token: string, requestId: string): Promise<AuthContext | undefined> {
    return withSystem(this.db, async (tx) => {
      const t = await repo.findApiToken(tx, sha256(token));
      if (!t) {
        return undefined;
      }
      if (!t.lastUsedAt || Date.now() - t.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
        await repo.touchApiToken(tx, t.id);
      }
      const orgIds = await repo.orgsOfToken(tx, t.orgId, t.includeDescendants);
      const perms = t.permissions.flatMap((p) => {
        const parsed = Permission.safeParse(p);
        return parsed.success ? [parsed.data] : [];
      });
      // A token never does more than its creator may do now: a deep token made on a shallow grant,
      // a revoked role or a deactivated account all narrow it at once.
      let creator: AuthContext['permissions'] | undefined;
      if (t.createdBy) {
        if (!(await repo.isActiveUser(tx, t.createdBy))) {
          return undefined;
        }
        creator = userContext(
          { userId: t.createdBy, sessionId: null, requestId },
          await repo.rolesOfUser(tx, t.createdBy),
        ).permissions;
      }
      return tokenContext({ tokenId: t.id, userId: t.createdBy, requestId }, orgIds, perms, creator);
    });
  }
}
