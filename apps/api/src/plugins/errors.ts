import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorResponse } from '@dash/domain';

/** A 4xx the client can fix; the message and fields reach the client unchanged. */
export class ClientError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: Array<{ field: string; message: string }>,
  ) {
    super(message);
  }
}

/** 400 for a query or body value that passed the schema but names something that does not exist. */
export const badValue = (field: string, message: string) =>
  new ClientError(400, 'invalid_request', `${field}: ${message}`, [{ field, message }]);

type Validation = NonNullable<FastifyError['validation']>[number] & { params?: { keys?: string[] } };

function fieldsOf(validation: Validation[]): Field[] {
  return validation.flatMap((v) => {
    if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params?.keys)) {
      // `?=x` has a parameter with no name: say so rather than naming an empty field.
      return v.params.keys.map((k) => ({ field: k === '' ? '(empty name)' : k, message: 'is not a known parameter' }));
    }
    const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)';
    return [{ field, message: v.message ?? 'is invalid' }];
  });
}

type Field = { field: string; message: string };
const fieldError = (status: number, code: string, field: string, message: string): { status: number; body: ErrorResponse } => ({
  status,
  body: { error: { code, message: `${field}: ${message}`, fields: [{ field, message }] } },
});

/**
 * Errors Fastify raises before a route runs (reading the body, routing the URL), in the API's
 * error shape with a stable code and, for 400s, the field: the body, its length or the path.
 * Null for anything else.
 */
export function frameworkError(err: { code?: unknown; statusCode?: unknown }): { status: number; body: ErrorResponse } | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return fieldError(400, 'invalid_request', 'body', 'is not valid JSON (or holds a forbidden __proto__ or constructor key)');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return fieldError(400, 'invalid_request', 'body', 'is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return fieldError(400, 'invalid_request', 'content-length', 'does not match the size of the body');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { error: { code: 'payload_too_large', message: 'the body is larger than 1 MiB' } } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: { error: { code: 'unsupported_media_type', message: 'send the body as application/json' } } };
    case 'FST_ERR_BAD_URL':
      return fieldError(400, 'invalid_request', 'path', 'is not a valid URL path (bad percent-encoding)');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, body: { error: { code: 'uri_too_long', message: 'a path segment is longer than 100 characters' } } };
    default:
      return null;
  }
}

/**
 * One error handler for the whole API: schema failures become 400s naming each failing field,
 * other 4xx pass their message through, anything else is a generic 500 whose details go only to
 * the log. Unknown routes get a JSON 404.
 */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | ClientError, req, reply) => {
    let status: number;
    let body: ErrorResponse;
    const framework = frameworkError(err);
    if (framework) {
      ({ status, body } = framework);
    } else if (err instanceof ClientError) {
      status = err.statusCode;
      body = { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = fieldsOf(err.validation as Validation[]);
      const where = err.validationContext ?? 'request';
      status = 400;
      body = {
        error: {
          code: 'invalid_request',
          message: `invalid ${where}: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
          fields,
        },
      };
    } else if ((err as { code?: unknown }).code === 'SQLITE_BUSY') {
      // Another process (an import) holds SQLite's write lock longer than the busy timeout.
      status = 503;
      reply.header('retry-after', '5');
      body = { error: { code: 'busy', message: 'the database is busy with another write (an import?); try again in a few seconds' } };
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      body = { error: { code: (err.code ?? 'bad_request').toLowerCase(), message: err.message } };
    } else {
      req.log.error({ err }, 'unhandled error');
      status = 500;
      body = { error: { code: 'internal_error', message: 'internal server error' } };
    }
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  });
}
