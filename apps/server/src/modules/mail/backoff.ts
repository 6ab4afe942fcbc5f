/** Minutes to wait after the n-th failed attempt (1-based); after the last one the mail is `failed`. */
export const RETRY_MINUTES = [1, 5, 15, 60, 240] as const;
export const MAX_ATTEMPTS = RETRY_MINUTES.length + 1;

export type DeliveryOutcome = { status: 'sent' } | { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/**
 * What follows a delivery attempt. A permanent SMTP refusal (5xx: unknown mailbox, rejected
 * sender) will not succeed by trying again and fails at once; anything else is retried with
 * growing pauses until MAX_ATTEMPTS.
 */
export function afterAttempt(attempts: number, error: { responseCode?: number } | null, now: Date): DeliveryOutcome {
  if (!error) {
    return { status: 'sent' };
  }
  const permanent = typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600;
  if (permanent || attempts >= MAX_ATTEMPTS) {
    return { status: 'failed' };
  }
  const minutes: number = RETRY_MINUTES[Math.min(Math.max(0, attempts - 1), RETRY_MINUTES.length - 1)]!;
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + minutes * 60_000) };
}
