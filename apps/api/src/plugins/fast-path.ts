import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ResponseCache } from './response-cache.js';

/** The answers the fast path can send: the response cache's recorded ones. */
type Source = Pick<ResponseCache, 'serveRaw'>;

export interface FastPath {
  /** Fastify's `serverFactory`: an HTTP server whose requests try the cache before Fastify. */
  serverFactory(handler: (req: IncomingMessage, res: ServerResponse) => void, options: Record<string, unknown>): Server;
  /** Starts answering from `source` once the app is built, logging through the app's logger. */
  attach(app: FastifyInstance, source: Source): void;
}

let fastIds = 0;

/**
 * A cache in front of Fastify, inside the process, like a reverse proxy's: a GET or HEAD whose
 * answer Fastify already sent for the current data revision (the response cache records each
 * one whole: status, every header, body) is written straight to the socket, without Fastify's
 * request and reply objects, hooks, child logger or router. Everything else goes to Fastify
 * unchanged, and so does every request once the app starts closing (Fastify answers those 503).
 *
 * With the log level at info or below each answer is logged as one line of Fastify's shape
 * (`request completed` with `req` {method, url, host, remoteAddress, remotePort}, `res`
 * {statusCode}, `responseTime`); headers, and so tokens, are never logged.
 */
export function createFastPath(): FastPath {
  let source: Source | undefined;
  let log: FastifyBaseLogger | undefined;
  let closing = false;

  const logged = (req: IncomingMessage, res: ServerResponse, started: number) => {
    const l = log;
    // pino's levels: info is 30, and `levelVal` follows a level changed at run time.
    // (No levelVal: logging is off.)
    if (l === undefined || !((l as unknown as { levelVal?: number }).levelVal! <= 30)) return;
    res.once('finish', () => {
      l.info(
        {
          reqId: `fast-${(++fastIds).toString(36)}`,
          // Shaped as Fastify's request serializer reads a request.
          req: { method: req.method, url: req.url, headers: req.headers, host: req.headers.host, ip: req.socket.remoteAddress, socket: req.socket },
          res,
          responseTime: performance.now() - started,
        },
        'request completed',
      );
    });
  };

  const serve = (req: IncomingMessage, res: ServerResponse, handler: (req: IncomingMessage, res: ServerResponse) => void) => {
    if (source === undefined || closing) return handler(req, res);
    const started = performance.now();
    let served: boolean | Promise<boolean>;
    try {
      served = source.serveRaw(req, res);
    } catch {
      served = false;
    }
    if (served === true) return logged(req, res, started);
    if (served === false) return handler(req, res);
    // The data revision is read asynchronously (PostgreSQL).
    served.then(
      (ok) => (ok ? logged(req, res, started) : handler(req, res)),
      () => handler(req, res),
    );
  };

  return {
    serverFactory(handler, options) {
      // As Fastify builds its HTTP server (lib/server.js), with one listener in front.
      const server = createServer((options.http ?? {}) as ServerOptions, (req, res) => serve(req, res, handler));
      server.keepAliveTimeout = options.keepAliveTimeout as number;
      server.requestTimeout = options.requestTimeout as number;
      server.setTimeout(options.connectionTimeout as number);
      if ((options.maxRequestsPerSocket as number) > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket as number;
      return server;
    },
    attach(app, from) {
      source = from;
      log = app.log;
      app.addHook('preClose', (done) => {
        closing = true;
        done();
      });
    },
  };
}
