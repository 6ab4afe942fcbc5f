import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for cookies and API tokens (base64url, 256 bit). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the hash of a bearer secret is stored; a DB leak does not leak sessions. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** CSRF token bound to the session: an attacker's site cannot compute it without the secret. */
export function csrfToken(secret: string, sessionToken: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/** API token format: `vb_<8 char prefix>_<secret>`; the prefix is shown in lists. */
export function newApiToken(): { token: string; prefix: string } {
  // Hex, so the prefix never contains the '_' that separates the parts.
  const prefix = randomBytes(4).toString('hex');
  return { token: `vb_${prefix}_${newSecret()}`, prefix };
}
