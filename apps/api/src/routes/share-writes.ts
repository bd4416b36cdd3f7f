import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parsePercent, type RowIssue, type ShareWriteResponse } from '@dash/domain';
import {
  ErrorResponseSchema,
  FigureIdParamsSchema,
  FigureRevisionsResponseSchema,
  ShareRevisionBodySchema,
  ShareRowBodySchema,
  ShareWriteResponseSchema,
} from '@dash/domain/schemas';
import {
  findIdAlias,
  getCurrentFigure,
  importShareFigures,
  listFigureRevisions,
  recordAudit,
  reviseShareFigure,
  type ShareFigureChange,
  type Store,
} from '@dash/store';
import type { RouteDeps } from '../app.js';
import { tokenActor } from '../auth/tokens.js';
import { parseShareObjects, shareReference, validateShareRows } from '../data/share-import.js';
import { requireRight } from '../plugins/auth.js';
import { ClientError } from '../plugins/errors.js';

export interface WriteRouteDeps extends RouteDeps {
  /** Writes allowed per client address per minute (the rest get 429). */
  writeRateLimitPerMinute: number;
}

const invalid = (issues: readonly RowIssue[]) =>
  new ClientError(
    400,
    'invalid_request',
    `invalid figure: ${issues.map((i) => `${i.column ?? '(row)'} ${i.message}`).join('; ')}`,
    issues.map((i) => ({ field: i.column ?? '(row)', message: i.message })),
  );

const notFound = (id: string) => new ClientError(404, 'not_found', `no figure "${id}"`);

const WRITE_ERRORS = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  403: ErrorResponseSchema,
  429: ErrorResponseSchema,
  500: ErrorResponseSchema,
  503: ErrorResponseSchema,
} as const;

/** Said in both write routes' descriptions (the OpenAPI document): when a write may be refused for a while. */
const BUSY =
  ' 503 `busy` with Retry-After (seconds) when another process (an import) holds the SQLite database locked longer than its 5 s busy timeout: nothing was written; send it again after that time.';

async function respond(
  store: Store,
  figureId: string,
  result: Awaited<ReturnType<typeof importShareFigures>>,
): Promise<ShareWriteResponse> {
  const revisions = await listFigureRevisions(store.db, figureId);
  // The revision this write made, not whatever a concurrent writer has committed since.
  const latest =
    revisions.find((r) => result.changesetId !== null && r.changeset.id === result.changesetId) ??
    revisions[revisions.length - 1]!;
  const change = result.changes.find((c) => c.figureId === figureId)!;
  return {
    data: latest.figure,
    meta: {
      change: change.kind as 'added' | 'revised' | 'unchanged',
      revision: latest.revision,
      changedFields: change.fields,
      changesetId: result.changesetId,
      recordedAt: result.recordedAt,
    },
  };
}

/**
 * The write API for editors: create a figure, revise one, read a figure's history. Writes need a
 * bearer token with `shares:write`, are validated exactly like imported rows, are rate-limited
 * per client and are written (with the refusals) to the audit log. Reads stay public.
 */
export const shareWriteRoutes: FastifyPluginAsyncZod<WriteRouteDeps> = async (
  app,
  { store, writeRateLimitPerMinute },
) => {
  const rateLimit = { max: writeRateLimitPerMinute, timeWindow: 60_000 };

  /** Records a refused write, then throws the 4xx. */
  const reject = async (
    req: { ip: string; url: string; token?: { id: string; name: string } },
    action: string,
    target: string,
    error: ClientError,
  ) => {
    await recordAudit(store.db, {
      actor: req.token ? tokenActor(req.token) : 'anonymous',
      tokenId: req.token?.id ?? null,
      action,
      target,
      outcome: 'rejected',
      remoteAddr: req.ip,
      detail: { status: error.statusCode, message: error.message },
    });
    throw error;
  };

  app.post(
    '/shares',
    {
      config: { rateLimit },
      preHandler: requireRight(store, 'shares:write', 'shares.create'),
      schema: {
        tags: ['writes'],
        summary: 'Create a share figure (bearer token with shares:write)',
        description:
          'One row in the import format (the columns of market-shares.csv as keys), validated exactly like an imported row. 201 with the figure; 409 when the figure (same market, vendor, period and source page) exists: revise it with PATCH.' +
          BUSY,
        security: [{ bearer: [] }],
        body: ShareRowBodySchema,
        response: { 201: ShareWriteResponseSchema, ...WRITE_ERRORS, 409: ErrorResponseSchema },
      },
    },
    async (req, reply) => {
      const parsed = parseShareObjects([req.body]);
      const { write, issues } = validateShareRows(parsed, await shareReference(store));
      if (issues.length > 0) return reject(req, 'shares.create', '(new figure)', invalid(issues));
      const figure = write.figures[0]!;
      const actor = tokenActor(req.token!);
      const result = await importShareFigures(store.db, write, {
        mode: 'import',
        requireNew: true,
        changeset: { kind: 'api', actor, description: `POST /api/v1/shares (${figure.id})` },
        audit: { actor, tokenId: req.token!.id, action: 'shares.create', target: figure.id, remoteAddr: req.ip },
      });
      if (result.issues.some((i) => i.column === 'figure_id')) {
        return reject(
          req,
          'shares.create',
          figure.id,
          new ClientError(409, 'figure_exists', result.issues[0]!.message),
        );
      }
      if (result.issues.length > 0) return reject(req, 'shares.create', figure.id, invalid(result.issues));
      return reply
        .code(201)
        .header('location', `/api/v1/shares/${figure.id}/revisions`)
        .send(await respond(store, figure.id, result));
    },
  );

  app.patch(
    '/shares/:id',
    {
      config: { rateLimit },
      preHandler: requireRight(store, 'shares:write', 'shares.revise'),
      schema: {
        tags: ['writes'],
        summary: "Revise a figure's value and/or quote (bearer token with shares:write)",
        description:
          'A new revision; the old one stays queryable (asOf, /revisions). An id of the 8-digit form used before ids were widened is answered with a 308 redirect to the new id. The value is validated as an imported value_percent is, and the market-period may not sum over 100%. `note` says why. Revisions of one figure apply in the order they commit, each to the figure as the one before left it (a value change keeps a quote changed meanwhile).' +
          BUSY,
        security: [{ bearer: [] }],
        params: FigureIdParamsSchema,
        body: ShareRevisionBodySchema,
        response: { 200: ShareWriteResponseSchema, ...WRITE_ERRORS, 404: ErrorResponseSchema },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const current = await getCurrentFigure(store.db, id);
      if (!current) {
        // An id from before ids were widened (migration 0008): the same request, at the figure's id.
        const moved = await findIdAlias(store.db, id);
        if (moved !== null) return reply.redirect(`/api/v1/shares/${moved}`, 308);
        return reject(req, 'shares.revise', id, notFound(id));
      }
      const issues: RowIssue[] = [];
      const change: ShareFigureChange = {};
      if (req.body.value_percent !== undefined) {
        const pct = parsePercent(String(req.body.value_percent));
        if ('error' in pct) issues.push({ row: 1, column: 'value_percent', message: pct.error });
        else Object.assign(change, { sharePct: pct.value, sharePctText: pct.text });
      }
      if (req.body.quote !== undefined) {
        change.quote = req.body.quote.trim();
        if (change.quote === '')
          issues.push({
            row: 1,
            column: 'quote',
            message: 'is empty: every figure needs the sentence it was read from',
          });
      }
      if (issues.length > 0) return reject(req, 'shares.revise', id, invalid(issues));
      const actor = tokenActor(req.token!);
      const note = req.body.note;
      // Applied to the figure as it stands once the write lock is held, so a concurrent revision
      // of its other field is kept.
      const result = await reviseShareFigure(store.db, id, change, {
        mode: 'import',
        changeset: { kind: 'api', actor, description: `PATCH /api/v1/shares/${id}${note ? `: ${note}` : ''}` },
        audit: {
          actor,
          tokenId: req.token!.id,
          action: 'shares.revise',
          target: id,
          remoteAddr: req.ip,
          detail: note ? { note } : null,
        },
      });
      if (!result) return reject(req, 'shares.revise', id, notFound(id));
      if (result.issues.length > 0) return reject(req, 'shares.revise', id, invalid(result.issues));
      return respond(store, id, result);
    },
  );

  app.get(
    '/shares/:id/revisions',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['shares'],
        summary: "A figure's history: every revision with its value, source, when it entered the database and by whom",
        description: "An id of the 8-digit form used before ids were widened is answered with a 308 redirect to the figure's history.",
        params: FigureIdParamsSchema,
        response: {
          200: FigureRevisionsResponseSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
          500: ErrorResponseSchema,
        },
      },
    },
    async (req, reply) => {
      const data = await listFigureRevisions(store.db, req.params.id);
      if (data.length === 0) {
        const moved = await findIdAlias(store.db, req.params.id);
        if (moved !== null) return reply.redirect(`/api/v1/shares/${moved}/revisions`, 308);
        throw notFound(req.params.id);
      }
      return { data };
    },
  );
};
