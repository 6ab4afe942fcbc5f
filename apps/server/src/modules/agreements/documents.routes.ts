import fastifyMultipart, { type MultipartValue } from '@fastify/multipart';
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import { FileTooLargeError } from '../../platform/files/index.js';
import { HttpError } from '../../platform/http/errors.js';
import { pageResponse } from '../../platform/http/pagination.js';
import type { App } from '../../platform/http/types.js';
import { DocumentIdParams, DocumentListQuery, DocumentResponse, OrgIdParams } from './agreements.dto.js';
import type { DocumentsService } from './documents.service.js';

const tags = ['documents'];

function field(fields: Record<string, unknown>, name: string): string | undefined {
  const f = fields[name] as MultipartValue<unknown> | MultipartValue<unknown>[] | undefined;
  const v = Array.isArray(f) ? f[0]?.value : f?.value;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

const UploadFields = z.strictObject({
  title: z.string().max(300).optional(),
  agreementId: z.uuid().optional(),
});

/** The multipart body as documented in OpenAPI; the handler reads the parts itself (streaming). */
const UploadBody = UploadFields.extend({
  file: z.string().meta({ format: 'binary', description: 'The PDF; after the other fields.' }),
});

/** Body parts are streamed by the handler, not validated up front; params still go through Zod. */
const multipartValidator: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? () => ({ value: undefined }) : (validatorCompiler(route as Parameters<typeof validatorCompiler>[0]) as ReturnType<FastifySchemaCompiler<unknown>>);

/** `filename*` (RFC 6266/5987) for any name, and an ASCII fallback for old clients. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const UploadLimitsResponse = z.object({
  /** Largest file the upload accepts (MAX_UPLOAD_MB), in bytes. */
  maxUploadBytes: z.number().int(),
  /** Content types the upload accepts (the content is checked, not only the name). */
  accept: z.array(z.string()),
});

export async function documentsRoutes(app: App, service: DocumentsService, maxUploadBytes: number) {
  app.get(
    '/api/v1/documents/limits',
    { schema: { tags, summary: 'What the document upload accepts: size limit and file types, so a form can say so before sending', response: { 200: UploadLimitsResponse } } },
    async (req) => {
      // Any signed-in caller: the limit is no secret, but the API is not public.
      authOf(req);
      return { maxUploadBytes, accept: ['application/pdf'] };
    },
  );

  // Multipart only in this scope: every other route keeps accepting JSON alone. One byte over the
  // limit reaches the size check, which answers 413 and removes what was written.
  await app.register(async (scope: App) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: maxUploadBytes + 1, files: 1, fields: 5, fieldSize: 1000, parts: 6 } });

    scope.post(
      '/api/v1/organisations/:id/documents',
      {
        validatorCompiler: multipartValidator,
        schema: {
          tags,
          summary: 'Upload a PDF (multipart/form-data: fields `title`, `agreementId` before the part `file`)',
          params: OrgIdParams,
          consumes: ['multipart/form-data'],
          body: UploadBody,
          response: { 201: DocumentResponse },
        },
      },
      async (req, reply) => {
        const auth = authOf(req);
        if (!req.isMultipart()) {
          throw new HttpError(415, 'Unsupported Media Type', 'Send the file as multipart/form-data.');
        }
        const file = await req.file();
        if (!file) {
          throw new HttpError(400, 'Bad Request', 'The request has no file part.', { errors: [{ field: 'body/file', message: 'required' }] });
        }
        const parsed = UploadFields.safeParse({ title: field(file.fields, 'title'), agreementId: field(file.fields, 'agreementId') });
        if (!parsed.success) {
          file.file.resume();
          throw new HttpError(400, 'Bad Request', 'The request has invalid fields.', {
            errors: parsed.error.issues.map((i) => ({ field: ['body', ...i.path.map(String)].join('/'), message: i.message })),
          });
        }
        try {
          const doc = await service.upload(auth, req.params.id, { ...parsed.data, filename: file.filename }, file.file);
          return await reply.code(201).send(doc);
        } catch (e) {
          // Drain what the client still sends, so the refusal reaches it.
          file.file.resume();
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new FileTooLargeError(maxUploadBytes);
          }
          throw e;
        }
      },
    );
  });

  app.get(
    '/api/v1/organisations/:id/documents',
    {
      schema: { tags, summary: 'Documents of an organisation, newest first', params: OrgIdParams, querystring: DocumentListQuery, response: { 200: pageResponse(DocumentResponse) } },
    },
    async (req) => service.list(authOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/v1/documents/:did',
    { schema: { tags, summary: 'Metadata of one document', params: DocumentIdParams, response: { 200: DocumentResponse } } },
    async (req) => service.get(authOf(req), req.params.did),
  );

  app.get(
    '/api/v1/documents/:did/content',
    { schema: { tags, summary: 'Download the file (after the access check; foreign documents answer 404)', params: DocumentIdParams } },
    async (req, reply) => {
      const { doc, stream } = await service.open(authOf(req), req.params.did);
      return reply
        .header('content-type', doc.contentType)
        .header('content-length', String(doc.sizeBytes))
        .header('content-disposition', contentDisposition(doc.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('etag', `"${doc.sha256}"`)
        .send(stream);
    },
  );

  app.delete(
    '/api/v1/documents/:did',
    { schema: { tags, summary: 'Delete a document and its file', params: DocumentIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.remove(authOf(req), req.params.did);
      return reply.code(204).send(null);
    },
  );
}
