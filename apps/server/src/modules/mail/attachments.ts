import { Readable } from 'node:stream';
import type { FileStore } from '../../platform/files/index.js';
import type { RefusedAttachment, StoredAttachment } from './mail.schema.js';

/** What an e-mail may bring in: documents and screenshots, recognised by their content. */
const KINDS: { type: string; magic: Buffer; extensions?: RegExp }[] = [
  { type: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  { type: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
  { type: 'image/gif', magic: Buffer.from('GIF8', 'latin1') },
  // Office documents are ZIP containers; a ZIP is only taken under an office file name.
  { type: 'application/vnd.openxmlformats-officedocument', magic: Buffer.from([0x50, 0x4b, 0x03, 0x04]), extensions: /\.(docx|xlsx|pptx|odt|ods|odp)$/i },
];

export interface AttachmentLimits {
  maxBytes: number;
  maxCount: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxBytes: 10 * 1024 * 1024, maxCount: 10 };

export function cleanName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200) || 'anhang';
}

/** The accepted content type of these bytes under this name, or null. */
export function sniff(content: Buffer, filename: string): string | null {
  const kind = KINDS.find((k) => content.subarray(0, k.magic.length).equals(k.magic) && (!k.extensions || k.extensions.test(filename)));
  return kind?.type ?? null;
}

/** Stores the acceptable attachments of a mail; the others are listed with the reason. */
export async function keepAttachments(
  files: FileStore,
  attachments: readonly { filename?: string; contentType?: string; content: Buffer }[],
  limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
): Promise<{ stored: StoredAttachment[]; refused: RefusedAttachment[] }> {
  const stored: StoredAttachment[] = [];
  const refused: RefusedAttachment[] = [];
  for (const a of attachments) {
    const filename = cleanName(a.filename);
    const base = { filename, contentType: a.contentType ?? 'application/octet-stream', sizeBytes: a.content.length };
    if (stored.length >= limits.maxCount) {
      refused.push({ ...base, reason: 'too_many' });
      continue;
    }
    if (a.content.length > limits.maxBytes) {
      refused.push({ ...base, reason: 'too_large' });
      continue;
    }
    const type = a.content.length > 0 ? sniff(a.content, filename) : null;
    if (!type) {
      refused.push({ ...base, reason: 'type' });
      continue;
    }
    const s = await files.put(Readable.from([a.content]), { contentType: type, filename });
    stored.push({ key: s.key, filename, contentType: type, sizeBytes: s.sizeBytes, sha256: s.sha256 });
  }
  return { stored, refused };
}
