import path from 'node:path';
import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: LogLevel.default('info'),
  /**
   * Behind a reverse proxy: `true`, a hop count, or a comma list of proxy addresses. Off by default,
   * so a client cannot pick its own IP (and dodge the per-IP login limit) with X-Forwarded-For.
   */
  TRUST_PROXY: z.string().optional(),
  /** Where the built web app lives; the server serves it when present. */
  WEB_DIST: z.string().optional(),
  /** Uploaded files (local directory store); default DATA_DIR/files. */
  FILES_DIR: z.string().min(1).optional(),
  /** Largest accepted upload in MB. */
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(20),
  /** Outgoing mail: a full URL (`smtp://user:pass@host:587`, `smtps://…:465`) or the parts below. Unset → mails stay in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** `true`: TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: z.enum(['true', 'false']).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().min(1).optional(),
  /** Sender of notifications, e.g. `Service-Desk <servicedesk@zweckverband.example>`. */
  MAIL_FROM: z.string().min(3).default('Verbund Service-Desk <servicedesk@localhost>'),
  /** `serve` also receives mail on this port (as `verbund mail-in` does); needed with PGlite, which one process owns. */
  MAIL_IN_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  MAIL_IN_HOST: z.string().min(1).default('127.0.0.1'),
  /** Provider whose review queue gets mails of unknown senders (default: the only provider). */
  MAIL_IN_PROVIDER: z.uuid().optional(),
});

export interface Config {
  port: number;
  host: string;
  /** Unset → embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  /** Resolved later for embedded mode (generated once, kept in DATA_DIR). */
  sessionSecret: string | undefined;
  logLevel: z.infer<typeof LogLevel>;
  webDist: string | undefined;
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  trustProxy: boolean | number | string;
  /** Local directory of uploaded files. */
  filesDir: string;
  maxUploadBytes: number;
  /** Outgoing SMTP; undefined → mails stay in the outbox (admins read them there). */
  smtp: SmtpConfig | undefined;
  mailFrom: string;
  /** Inbound SMTP inside `serve`; undefined → only `verbund mail-in` receives mail. */
  mailIn: { port: number; host: string; providerId: string | undefined } | undefined;
}

/** Either a URL or host/port; nodemailer takes both forms. */
export type SmtpConfig = { url: string } | { host: string; port: number; secure: boolean; user?: string; pass?: string };

function parseTrustProxy(v: string | undefined): boolean | number | string {
  if (v === undefined || v === 'false') {
    return false;
  }
  if (v === 'true') {
    return true;
  }
  return /^\d+$/.test(v) ? Number(v) : v;
}

export class ConfigError extends Error {}

/** Reads the environment once. Throws ConfigError with one readable message per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !e.SESSION_SECRET) {
    // Several API processes may share one PostgreSQL: they must share the secret too.
    throw new ConfigError(
      'Invalid configuration:\n  SESSION_SECRET: required when DATABASE_URL is set (at least 32 characters)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    publicUrl: e.PUBLIC_URL,
    sessionSecret: e.SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
    secureCookies: e.PUBLIC_URL.startsWith('https:'),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    filesDir: e.FILES_DIR ?? path.join(e.DATA_DIR, 'files'),
    maxUploadBytes: Math.floor(e.MAX_UPLOAD_MB * 1024 * 1024),
    smtp: e.SMTP_URL
      ? { url: e.SMTP_URL }
      : e.SMTP_HOST
        ? { host: e.SMTP_HOST, port: e.SMTP_PORT ?? (e.SMTP_SECURE === 'true' ? 465 : 587), secure: e.SMTP_SECURE === 'true', user: e.SMTP_USER, pass: e.SMTP_PASS }
        : undefined,
    mailFrom: e.MAIL_FROM,
    mailIn: e.MAIL_IN_PORT ? { port: e.MAIL_IN_PORT, host: e.MAIL_IN_HOST, providerId: e.MAIL_IN_PROVIDER } : undefined,
  };
}
