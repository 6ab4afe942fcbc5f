import type { Db } from '../../platform/db/client.js';
import { withSystem } from '../../platform/db/tenant.js';
import { afterAttempt } from './backoff.js';
import * as repo from './outbox.repository.js';
import type { MailTransport } from './transport.js';

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends the due mails of the outbox once: claim (short transaction), send each outside any
 * transaction, record the outcome. Mails are never sent from inside the change that wrote them, so
 * a rolled-back change sends nothing and a slow SMTP server never holds a database transaction.
 */
export async function deliverDue(db: Db, transport: MailTransport, opts: { from: string; batch?: number; now?: () => Date }): Promise<DeliveryReport> {
  const now = opts.now ?? (() => new Date());
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const due = await withSystem(db, (tx) => repo.claimDue(tx, now(), opts.batch ?? 50));
  for (const m of due) {
    let error: (Error & { responseCode?: number }) | null = null;
    let messageId: string | null = null;
    try {
      ({ messageId } = await transport.send({
        from: opts.from,
        to: m.toName ? `"${m.toName.replace(/["\\\r\n]/g, '')}" <${m.toAddress}>` : m.toAddress,
        subject: m.subject,
        text: m.textBody,
        headers: { 'X-Verbund-Outbox-Id': m.id, 'Auto-Submitted': 'auto-generated' },
      }));
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
    const outcome = afterAttempt(m.attempts, error, now());
    const message = error ? `${error.responseCode ?? ''} ${error.message}`.trim().slice(0, 1000) : '';
    await withSystem(db, (tx) =>
      repo.markResult(
        tx,
        m.id,
        outcome.status === 'sent'
          ? { status: 'sent', messageId, at: now() }
          : outcome.status === 'pending'
            ? { status: 'pending', nextAttemptAt: outcome.nextAttemptAt, error: message }
            : { status: 'failed', error: message },
      ),
    );
    report[outcome.status === 'sent' ? 'sent' : outcome.status === 'pending' ? 'retried' : 'failed']++;
  }
  return report;
}

/** Runs deliverDue every `intervalMs` until stopped; one run at a time. */
export function startSender(db: Db, transport: MailTransport, opts: { from: string; intervalMs?: number; onError?: (e: unknown) => void }): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) {
      return;
    }
    running = running.then(() => deliverDue(db, transport, opts)).catch((e: unknown) => opts.onError?.(e));
  }, opts.intervalMs ?? 15_000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    transport.close();
  };
}
