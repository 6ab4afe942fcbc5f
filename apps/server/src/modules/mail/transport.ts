import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../../config.js';

/** What the sender needs of a mail transport; nodemailer's SMTP transport in production. */
export interface MailTransport {
  send(mail: { from: string; to: string; subject: string; text: string; headers: Record<string, string> }): Promise<{ messageId: string | null }>;
  close(): void;
}

export function smtpTransport(cfg: SmtpConfig): MailTransport {
  const t =
    'url' in cfg
      ? nodemailer.createTransport(cfg.url)
      : nodemailer.createTransport({
          host: cfg.host,
          port: cfg.port,
          secure: cfg.secure,
          auth: cfg.user ? { user: cfg.user, pass: cfg.pass ?? '' } : undefined,
        });
  return {
    async send(mail) {
      const info = await t.sendMail(mail);
      return { messageId: info.messageId ?? null };
    },
    close: () => t.close(),
  };
}
