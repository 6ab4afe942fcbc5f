import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { FileTooLargeError } from '../files/index.js';
import { HttpError } from './errors.js';

// The shapes every file route shares: a download of a stored file and a single-file upload.

/** Body parts of an upload are streamed by the handler; params still go through Zod. */
export const multipartValidator: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body'
    ? () => ({ value: undefined })
    : (validatorCompiler(route as Parameters<typeof validatorCompiler>[0]) as ReturnType<FastifySchemaCompiler<unknown>>);

/** RFC 6266 with an ASCII fallback name and the exact UTF-8 name. */
export function contentDisposition(name: string, inline = false): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Sends a stored file after the access check: never sniffed, never cached, its hash as ETag. */
export function sendStoredFile(
  reply: FastifyReply,
  f: { contentType: string; name: string; sha256: string; stream: Readable; sizeBytes?: number; inline?: boolean },
): FastifyReply {
  reply
    .header('content-type', f.contentType)
    .header('content-disposition', contentDisposition(f.name, f.inline))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('etag', `"${f.sha256}"`);
  if (f.sizeBytes !== undefined) {
    reply.header('content-length', String(f.sizeBytes));
  }
  return reply.send(f.stream);
}

/** The one file part of a multipart request: 415 for another body type, 400 without a file. */
export async function oneFile(req: FastifyRequest): Promise<MultipartFile> {
  if (!req.isMultipart()) {
    throw new HttpError(415, 'Unsupported Media Type', 'Send the file as multipart/form-data.');
  }
  const file = await req.file();
  if (!file) {
    throw new HttpError(400, 'Bad Request', 'The request has no file part.', { errors: [{ field: 'body/file', message: 'required' }] });
  }
  return file;
}

/**
 * Runs the store step of an upload. On failure it drains what the client still sends, so the
 * refusal reaches it, and answers an oversized file with 413.
 */
export async function consumeUpload<T>(file: MultipartFile, maxUploadBytes: number, store: () => Promise<T>): Promise<T> {
  try {
    return await store();
  } catch (e) {
    file.file.resume();
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new FileTooLargeError(maxUploadBytes);
    }
    throw e;
  }
}
