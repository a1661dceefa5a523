import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Runtime, Service } from '@tierdesk/runtime';
import { acceptRawMessage, peekMessageId } from '@tierdesk/intake';
import { bearerAuth } from './auth.js';
import { errorHandler, sendError } from './errors.js';
import { registerTicketRoutes } from './routes-tickets.js';
import { registerAdminRoutes } from './admin.js';
import { registerRateLimits } from './rate-limit.js';

export type ApiPlugin = (app: FastifyInstance, rt: Runtime) => void;

export interface ApiOptions {
  /** The other services of this process, for /healthz. */
  services: () => Service[];
  ready: () => boolean;
  /** Extra routes other services contribute under the bearer-auth scope (/api/*, /admin/*). */
  plugins?: ApiPlugin[];
  /** Extra routes reachable without the token (e.g. signed consent links); they do their own checks. */
  publicPlugins?: ApiPlugin[];
}

export async function buildApi(rt: Runtime, opts: ApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: rt.logger.child({ service: 'api' }) as unknown as FastifyBaseLogger,
    bodyLimit: rt.env.intakeMaxBytes,
    // A proxy's X-Request-Id is kept when it looks like one, so a request can be followed across hops.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : `req-${Math.random().toString(36).slice(2, 10)}`;
    },
  });
  app.setErrorHandler(errorHandler);
  // Every log line of a request carries its reqId (Fastify's request logger); the client sees it too.
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, 404, 'NOT_FOUND', `No route ${req.method} ${req.url}.`));
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: rt.env.intakeMaxBytes }, (_req, body, done) => done(null, body));

  app.get('/healthz', async (_req, reply) => {
    let redis = 'up';
    try {
      await rt.redis.ping();
    } catch {
      redis = 'down';
    }
    const services = opts.services().map((s) => ({ name: s.name, healthy: s.healthy ? s.healthy() : true }));
    const ok = redis === 'up' && services.every((s) => s.healthy);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', redis, services });
  });
  app.get('/readyz', async (_req, reply) => (opts.ready() ? reply.send({ status: 'ready' }) : reply.code(503).send({ status: 'starting' })));

  await registerRateLimits(app, rt);
  for (const plugin of opts.publicPlugins ?? []) plugin(app, rt);
  await registerAdminRoutes(app, rt);
  await app.register(async (api) => {
    api.addHook('onRequest', bearerAuth(rt.secrets.apiToken));
    api.post('/api/messages', async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) return sendError(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the raw message with Content-Type: message/rfc822.');
      const raw = req.body;
      await acceptRawMessage(rt, raw, { channel: 'http', mailFrom: null, rcptTo: [], remoteAddress: req.ip });
      return reply.code(202).send({ messageId: peekMessageId(raw) });
    });
    registerTicketRoutes(api, rt);
    for (const plugin of opts.plugins ?? []) plugin(api, rt);
  });
  return app;
}

export function createApiService(rt: Runtime, opts: ApiOptions): Service & { address(): { host: string; port: number } | null } {
  let app: FastifyInstance | null = null;
  let bound: { host: string; port: number } | null = null;
  return {
    name: 'api',
    address: () => bound,
    async start() {
      app = await buildApi(rt, opts);
      await app.listen({ host: rt.env.httpHost, port: rt.env.httpPort });
      const addr = app.server.address();
      bound = typeof addr === 'object' && addr ? { host: rt.env.httpHost, port: addr.port } : null;
    },
    async stop() {
      await app?.close();
      app = null;
    },
  };
}
