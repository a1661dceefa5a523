import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { QUEUE_NAMES } from '@tierdesk/bus';
import type { Runtime } from '@tierdesk/runtime';
import { tokenMatches } from './auth.js';
import { sendError } from './errors.js';
import { registerMetricsRoute } from './metrics.js';

export const BULL_BOARD_PATH = '/admin/queues';

/** The API token from `Bearer <token>`, or from HTTP Basic (any user, the token as password). */
function presentedToken(header: string): string | null {
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer) return bearer[1]!.trim();
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!basic) return null;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

/**
 * Auth for /metrics and /admin/*: the bearer token (CONTRACT §4), or the same token as the
 * password of HTTP Basic — what a browser can send, so Bull Board (a page with its own assets
 * and API calls) is usable without a header-injecting proxy. Nothing here is reachable without it.
 */
export function adminAuth(expected: string) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = presentedToken(req.headers.authorization ?? '');
    if (token === null || !tokenMatches(token, expected)) {
      await sendError(
        reply.header('WWW-Authenticate', ['Bearer realm="Tierdesk"', 'Basic realm="Tierdesk", charset="UTF-8"']),
        401,
        'UNAUTHORIZED',
        'Send Authorization: Bearer <API_TOKEN> (or HTTP Basic with the token as password).',
      );
    }
  };
}

/** Bull Board over every Tierdesk queue: inspect, retry and clean jobs in a browser. */
async function registerBullBoard(app: FastifyInstance, rt: Runtime): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(rt.bus.queue(name))),
    serverAdapter,
    options: { uiConfig: { boardTitle: `Tierdesk (${rt.env.prefix})` } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH });
}

/** /metrics and /admin/queues in one scope behind adminAuth. */
export async function registerAdminRoutes(app: FastifyInstance, rt: Runtime): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRequest', adminAuth(rt.secrets.apiToken));
    registerMetricsRoute(scope, rt);
    await registerBullBoard(scope, rt);
  });
}
