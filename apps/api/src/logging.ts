import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';

export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * The server's logger: pino's JSON lines for log shippers (`json`), or the same records through
 * pino-pretty for a person at a terminal (`pretty`: time, level, message, one line each; colours
 * only on a terminal). Request and response fields stay in the JSON and are left out of the
 * pretty line, whose message already says them.
 */
export function loggerOptions(level: string, format: LogFormat): NonNullable<FastifyServerOptions['logger']> {
  // `silent` logs nothing: no worker thread for pino-pretty then.
  if (format === 'json' || level === 'silent') return { level };
  return {
    level,
    transport: {
      target: 'pino-pretty',
      options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,reqId,req,res,responseTime', singleLine: true },
    },
  };
}

/**
 * One log line per request, once it is answered: `GET /api/v1/markets 200 3.1 ms`, with the
 * method, URL, status and time as fields too; instead of Fastify's pair of lines ("incoming
 * request", then "request completed") for every request, assets included.
 */
export class RequestLog extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply) {
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    const fields = {
      req: { method: req.method, url: req.url, remoteAddress: req.ip },
      res: { statusCode: reply.statusCode },
      responseTime: ms,
    };
    const line = `${req.method} ${req.url} ${reply.statusCode} ${ms} ms`;
    if (error) reply.log.error({ ...fields, err: error }, line);
    else reply.log.info(fields, line);
  }
}
