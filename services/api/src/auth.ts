import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errors.js';

/** Compares digests, so neither the token's content nor its length leaks through timing. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerAuth(expected: string) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m || !tokenMatches(m[1]!.trim(), expected)) {
      await sendError(reply.header('WWW-Authenticate', 'Bearer'), 401, 'UNAUTHORIZED', 'Send Authorization: Bearer <API_TOKEN> (printed at start, or set API_TOKEN).');
    }
  };
}
