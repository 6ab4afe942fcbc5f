import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError, TooManyRequestsError, type FieldError } from './errors.js';

/** RFC 9457 body as documented in OpenAPI; loose, so extension members pass the serializer. */
export const ProblemResponse = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

const DOCUMENTED_ERRORS = [400, 401, 403, 404, 409, 413, 415, 422, 429] as const;

/** Adds the problem+json error responses to every API route's schema, for OpenAPI and the client. */
export function documentProblems(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/') || !route.schema) {
      return;
    }
    const response = { ...((route.schema.response as Record<string, unknown> | undefined) ?? {}) };
    for (const status of DOCUMENTED_ERRORS) {
      response[status] ??= ProblemResponse;
    }
    route.schema = { ...route.schema, response };
  });
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

const TYPE_BASE = 'https://verbund.dev/problems/';

/** Statuses from Fastify's own errors that the client caused. */
const FASTIFY_CLIENT_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'Content Too Large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Unsupported Media Type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'Bad Request'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'Bad Request'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'Bad Request'],
  FST_ERR_VALIDATION: [400, 'Bad Request'],
};

/** PostgreSQL SQLSTATEs that mean the input conflicts with stored data, not a server bug. */
const PG_CLIENT_ERRORS: Record<string, [number, string, string]> = {
  '23505': [409, 'Conflict', 'An entry with these values exists already.'],
  '23503': [
    409,
    'Conflict',
    'The entry is still referenced by other data, or refers to something that does not exist.',
  ],
  '23514': [422, 'Unprocessable Content', 'A value breaks a rule of the data model.'],
  '22P02': [400, 'Bad Request', 'A value has the wrong format.'],
  '22001': [400, 'Bad Request', 'A value is too long.'],
  // A NUL byte (\u0000) in a string: valid JSON, but PostgreSQL text and jsonb cannot hold it.
  '22021': [400, 'Bad Request', 'A value contains a character that cannot be stored (a NUL byte).'],
  '22P05': [400, 'Bad Request', 'A value contains a character that cannot be stored (a NUL byte).'],
  '42501': [404, 'Not Found', 'The resource does not exist or you have no access to it.'],
};

function slug(title: string): string {
  return TYPE_BASE + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function pgCode(err: unknown): string | undefined {
  let e: unknown = err;
  // Drizzle wraps driver errors; the SQLSTATE sits on the cause.
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return code;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The one error handler: every error becomes problem+json; never a stack trace. Also Fastify's
 * `frameworkErrors` (a malformed URL fails before routing and would otherwise answer plain JSON).
 */
export function problemHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  let problem: Problem;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    problem = {
      type: slug('validation'),
      title: 'Bad Request',
      status: 400,
      detail: 'The request has invalid fields.',
      errors: err.validation.map((v) => ({
        field: [where, ...v.instancePath.split('/').filter(Boolean)].join('/'),
        message: v.message ?? 'invalid',
      })),
    };
  } else if (err instanceof HttpError) {
    problem = { type: slug(err.title), title: err.title, status: err.status, detail: err.message, ...err.extra };
    if (err instanceof TooManyRequestsError) {
      void reply.header('retry-after', String(err.retryAfterSeconds));
    }
  } else if (err.code && FASTIFY_CLIENT_ERRORS[err.code]) {
    const [status, title] = FASTIFY_CLIENT_ERRORS[err.code]!;
    problem = { type: slug(title), title, status, detail: err.message };
  } else if (pgCode(err) && PG_CLIENT_ERRORS[pgCode(err)!]) {
    const [status, title, detail] = PG_CLIENT_ERRORS[pgCode(err)!]!;
    problem = { type: slug(title), title, status, detail };
  } else if (
    !isResponseSerializationError(err) &&
    typeof err.statusCode === 'number' &&
    err.statusCode >= 400 &&
    err.statusCode < 500
  ) {
    const title = STATUS_CODES[err.statusCode] ?? 'Bad Request';
    problem = { type: slug(title), title, status: err.statusCode, detail: err.message };
  } else {
    req.log.error({ err }, 'unhandled error');
    problem = {
      type: slug('internal'),
      title: 'Internal Server Error',
      status: 500,
      detail: 'Something went wrong on our side. The request id helps us find it.',
    };
  }
  problem.instance = req.url.split('?')[0];
  problem.requestId = req.id;
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/**
 * Installs the error and not-found handlers. With `spaFallback`, a GET outside /api and /health
 * that matches no route is a client-side route of the web app and gets its index.html.
 */
export function registerProblemHandler(
  app: FastifyInstance,
  opts: { spaFallback?: (req: FastifyRequest, reply: FastifyReply) => unknown } = {},
): void {
  app.setErrorHandler(problemHandler);

  app.setNotFoundHandler((req, reply) => {
    if (opts.spaFallback && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/health/')) {
      return opts.spaFallback(req, reply);
    }
    return reply
      .code(404)
      .type('application/problem+json')
      .send({
        type: slug('Not Found'),
        title: 'Not Found',
        status: 404,
        detail: `No route ${req.method} ${req.url.split('?')[0]}`,
        requestId: req.id,
      });
  });
}
