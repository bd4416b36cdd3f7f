import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Feed } from 'feed';
import { z } from 'zod';
import { asOfInstant, formatPercent, type ChangeEntry, type ChangesQuery } from '@dash/domain';
import { ChangesQuerySchema, ChangesResponseSchema, ErrorResponseSchema } from '@dash/domain/schemas';
import { latestChangeset, listChanges, listMarkets, type Store } from '@dash/store';
import type { RouteDeps } from '../app.js';
import { badValue } from '../plugins/errors.js';

/** A date means the start of that day here ("changes since 2026-03-01"); a date-time is that instant. */
const sinceInstant = (since: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00.000Z` : asOfInstant(since)!;

async function findChanges(store: Store, q: ChangesQuery) {
  if (q.market) {
    const markets = await listMarkets(store.db);
    if (!markets.some((m) => m.id === q.market)) {
      throw badValue('market', `unknown market "${q.market}"; known: ${markets.map((m) => m.id).join(', ')}`);
    }
  }
  const rows = await listChanges(store.db, {
    afterChangeset: q.after,
    since: q.since ? sinceInstant(q.since) : undefined,
    market: q.market,
    limit: q.limit + 1,
  });
  const data: ChangeEntry[] = rows.slice(0, q.limit).map((r) => ({
    changesetId: r.changeset.id,
    recordedAt: r.validFrom,
    kind: r.changeset.kind,
    actor: r.changeset.actor,
    description: r.changeset.description,
    change: r.change,
    figureId: r.figure.id,
    revision: r.revision,
    changedFields: r.changedFields,
    figure: r.figure,
    previous: r.previous,
  }));
  return {
    data,
    meta: {
      count: data.length,
      latestChangesetId: (await latestChangeset(store.db))?.id ?? null,
      truncated: rows.length > q.limit,
    },
  };
}

/** `Revised: Alibaba Cloud, china-cloud-infra 2025Q1 (Canalys): 33% → 33.5%` */
export function changeTitle(c: ChangeEntry): string {
  const f = c.figure;
  const what = `${f.subjectName}, ${f.marketId} ${f.period.label} (${f.source.publisher})`;
  const value =
    c.change === 'revised' && c.previous && c.previous.sharePctText !== f.sharePctText
      ? `${formatPercent(c.previous.sharePctText)} → ${formatPercent(f.sharePctText)}`
      : formatPercent(f.sharePctText);
  const verb = c.change === 'added' ? 'Added' : c.change === 'revised' ? 'Revised' : 'Withdrawn';
  const fields = c.change === 'revised' ? ` [${c.changedFields.join(', ')}]` : '';
  return `${verb}: ${what}: ${value}${fields}`;
}

const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/**
 * Atom titles and summaries are `type="html"`: feed readers render them as HTML, so the data's
 * text (quotes, names) is escaped to stay text (and a `]]>` cannot end the CDATA section).
 */
const html = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * The change feed: new, revised and withdrawn figures, newest first, as JSON and as Atom (for
 * feed readers). Each entry names the change set (who, when, what) and the value it replaced.
 */
export const changeRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get(
    '/changes',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['changes'],
        summary: 'New, revised and withdrawn figures, newest first, with who changed them and when',
        querystring: ChangesQuerySchema,
        response: { 200: ChangesResponseSchema, 400: ErrorResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async (req) => findChanges(store, req.query),
  );

  app.get(
    '/changes.atom',
    {
      schema: {
        tags: ['changes'],
        summary: 'The same changes as an Atom feed',
        querystring: ChangesQuerySchema,
        produces: ['application/atom+xml'],
        response: {
          200: z.string().describe('application/atom+xml'),
          400: ErrorResponseSchema,
          500: ErrorResponseSchema,
        },
      },
    },
    async (req, reply) => {
      const { data } = await findChanges(store, req.query);
      const base = baseUrl(req);
      const self = `${base}${req.url}`;
      const feed = new Feed({
        title: 'China cloud & AI market shares: data changes',
        description: 'New, revised and withdrawn market-share figures, each with its source',
        id: `${base}/api/v1/changes.atom`,
        link: `${base}/`,
        updated: new Date(data[0]?.recordedAt ?? 0),
        generator: 'china-ai-market-dashboard',
        feedLinks: { atom: self },
        copyright: 'Figures belong to their publishers; see each entry for the source',
      });
      for (const c of data) {
        const f = c.figure;
        feed.addItem({
          title: html(changeTitle(c)),
          id: `${base}/api/v1/shares/${f.id}/revisions#${c.revision}`,
          link: `${base}/api/v1/shares/${f.id}/revisions`,
          date: new Date(c.recordedAt),
          author: [{ name: c.actor }],
          description: html(
            `${f.source.publisher}, "${f.source.title}"${f.source.publishedDate ? ` (${f.source.publishedDate})` : ''}: "${f.quote}" Source: ${f.source.url} (quality: ${f.source.quality}). Change set ${c.changesetId}: ${c.description}.`,
          ),
        });
      }
      return reply.type('application/atom+xml; charset=utf-8').send(feed.atom1());
    },
  );
};
