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

function fieldsOf(validation: Validation[]): Array<{ field: string; message: string }> {
  return validation.flatMap((v) => {
    if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params?.keys)) {
      return v.params.keys.map((k) => ({ field: k, message: 'is not a known parameter' }));
    }
    const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)';
    return [{ field, message: v.message ?? 'is invalid' }];
  });
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
    if (err instanceof ClientError) {
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
