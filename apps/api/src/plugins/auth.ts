import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit, type StoredToken, type Store } from '@dash/store';
import { tokenActor, verifyToken, type Right } from '../auth/tokens.js';
import { ClientError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The token a write was authorized with (set by {@link requireRight}). */
    token?: StoredToken;
  }
}

/**
 * A preHandler that lets a request through only with a valid bearer token carrying `right`:
 * no or a malformed Authorization header, an unknown or revoked token → 401 with
 * `WWW-Authenticate: Bearer`; a valid token without the right → 403. Every refusal is written to
 * the audit log (never the token itself). `action` names the write in the audit log.
 */
export function requireRight(store: Store, right: Right, action: string) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const refuse = async (status: 401 | 403, code: string, message: string, token: StoredToken | null) => {
      await recordAudit(store.db, {
        actor: token ? tokenActor(token) : 'anonymous',
        tokenId: token?.id ?? null,
        action,
        target: req.url,
        outcome: 'denied',
        remoteAddr: req.ip,
        detail: { status, reason: code },
      });
      if (status === 401)
        reply.header(
          'www-authenticate',
          `Bearer realm="dashboard"${code === 'unauthorized' ? '' : ', error="invalid_token"'}`,
        );
      throw new ClientError(status, code, message);
    };
    const header = req.headers.authorization;
    const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) {
      return refuse(
        401,
        'unauthorized',
        'writes need a bearer token: send Authorization: Bearer <token> (an admin creates one with npm run data -- token create)',
        null,
      );
    }
    const verified = await verifyToken(store, m[1]!);
    if ('error' in verified) {
      return refuse(
        401,
        'invalid_token',
        verified.error === 'revoked' ? 'this token has been revoked' : 'this token is not valid',
        null,
      );
    }
    if (!verified.token.scopes.includes(right)) {
      return refuse(
        403,
        'forbidden',
        `token ${verified.token.id} (${verified.token.name}) does not have the right ${right}; it has: ${verified.token.scopes.join(', ') || 'none'}`,
        verified.token,
      );
    }
    req.token = verified.token;
  };
}
