import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../../platform/db/client.js';
import type { FileStore } from '../../platform/files/index.js';
import { NoProviderError, receiveMail, type InboundOptions } from './inbound.js';

export interface ListenerOptions extends InboundOptions {
  port: number;
  host?: string;
  /** Largest accepted message (SIZE extension); default 25 MB. */
  maxMessageBytes?: number;
  onFiled?: (r: { status: string; ticketNumber: string | null; from: string }) => void;
  onError?: (e: unknown) => void;
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): { address: string; name: string | null } | null {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) {
    for (const v of obj.value) {
      if (v.address) {
        return { address: v.address, name: v.name || null };
      }
    }
  }
  return null;
}

/**
 * The inbound SMTP listener of `verbund mail-in`: receives mail (plain SMTP, no relay: every
 * accepted message is filed, none is forwarded), parses it and files it through receiveMail. Meant
 * to sit behind the site's MTA (which does TLS, spam and virus checks) on a private address.
 * A mail that cannot be filed is refused with a 4xx, so the sending MTA tries again.
 */
export async function startMailIn(db: Db, files: FileStore, opts: ListenerOptions): Promise<{ port: number; close: () => Promise<void> }> {
  const maxBytes = opts.maxMessageBytes ?? 25 * 1024 * 1024;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    banner: 'Verbund mail-in',
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream, { skipImageLinks: true, skipTextToHtml: true })
        .then(async (parsed) => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            const err = new Error('Message too large') as Error & { responseCode: number };
            err.responseCode = 552;
            throw err;
          }
          const from = firstAddress(parsed.from) ?? (session.envelope.mailFrom ? { address: session.envelope.mailFrom.address, name: null } : null);
          if (!from) {
            const err = new Error('No sender address') as Error & { responseCode: number };
            err.responseCode = 550;
            throw err;
          }
          const row = await receiveMail(
            db,
            files,
            {
              fromAddress: from.address,
              fromName: from.name,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              messageId: parsed.messageId ?? null,
              attachments: parsed.attachments.filter((a) => !a.related).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
            },
            opts,
          );
          opts.onFiled?.({ status: row.status, ticketNumber: row.ticketNumber, from: row.fromAddress });
          callback();
        })
        .catch((e: unknown) => {
          opts.onError?.(e);
          const err = e instanceof Error && 'responseCode' in e ? e : (Object.assign(new Error(e instanceof NoProviderError ? e.message : 'Could not file the message, try again later'), { responseCode: e instanceof NoProviderError ? 550 : 451 }));
          callback(err);
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (e) => opts.onError?.(e));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : opts.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
