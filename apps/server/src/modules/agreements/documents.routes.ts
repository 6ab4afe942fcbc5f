import fastifyMultipart, { type MultipartValue } from '@fastify/multipart';
import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import { HttpError } from '../../platform/http/errors.js';
import { pageResponse } from '../../platform/http/pagination.js';
import { consumeUpload, multipartValidator, oneFile, sendStoredFile } from '../../platform/http/files.js';
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
        const file = await oneFile(req);
        const parsed = UploadFields.safeParse({ title: field(file.fields, 'title'), agreementId: field(file.fields, 'agreementId') });
        if (!parsed.success) {
          file.file.resume();
          throw new HttpError(400, 'Bad Request', 'The request has invalid fields.', {
            errors: parsed.error.issues.map((i) => ({ field: ['body', ...i.path.map(String)].join('/'), message: i.message })),
          });
        }
        const doc = await consumeUpload(file, maxUploadBytes, () =>
          service.upload(auth, req.params.id, { ...parsed.data, filename: file.filename }, file.file),
        );
        return reply.code(201).send(doc);
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
      return sendStoredFile(reply, { contentType: doc.contentType, name: doc.filename, sha256: doc.sha256, stream, sizeBytes: doc.sizeBytes });
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
