import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { TierdeskError } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';

/** Too many requests from one client: 429 with CONTRACT §4's error body and a Retry-After header. */
export class RateLimitedError extends TierdeskError {
  constructor(max: number, after: string) {
    super('RATE_LIMITED', `More than ${max} requests; try again in ${after}.`, { max });
  }
}

export interface PrefixLimit {
  /** URL prefix of the routes limited together, e.g. '/consent'. */
  prefix: string;
  /** Requests per client address within the window. */
  max: number;
  windowMs: number;
}

/**
 * The public routes worth limiting. A consent link is opened a handful of times by one person;
 * its signature makes guessing hopeless, so the limit only keeps a client from hammering the
 * token check and the ticket reads behind it.
 */
export const DEFAULT_PREFIX_LIMITS: readonly PrefixLimit[] = [{ prefix: '/consent', max: 30, windowMs: 60_000 }];

/**
 * Rate limits per route and client address on the routes under the given prefixes (GET and
 * POST of /consent/* count apart), counted in Redis (keys under TIERDESK_PREFIX) so every API
 * process shares them. Routes elsewhere carry no limiter at all. Must be registered before the
 * routes it limits. Behind a proxy, every client shares the proxy's address unless Fastify's
 * trustProxy is set.
 */
export async function registerRateLimits(app: FastifyInstance, rt: Runtime, limits: readonly PrefixLimit[] = DEFAULT_PREFIX_LIMITS): Promise<void> {
  // This hook runs before the plugin's own onRoute hook (added next) and marks the routes it limits.
  app.addHook('onRoute', (route: RouteOptions) => {
    const limit = limits.find((l) => route.url === l.prefix || route.url.startsWith(`${l.prefix}/`));
    if (limit) route.config = { ...route.config, rateLimit: { max: limit.max, timeWindow: limit.windowMs } } as RouteOptions['config'];
  });
  await app.register(rateLimit, {
    global: false,
    redis: rt.redis,
    nameSpace: `${rt.env.prefix}:ratelimit:`,
    // Redis away: serve the page rather than fail it; the limit is a guard, not a gate.
    skipOnError: true,
    errorResponseBuilder: (_req, ctx) => new RateLimitedError(ctx.max, ctx.after),
  });
}
