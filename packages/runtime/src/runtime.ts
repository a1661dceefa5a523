import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { Bus, EventRelay, redisOptions } from '@tierdesk/bus';
import type { TierdeskConfig } from '@tierdesk/domain';
import { TierdeskError } from '@tierdesk/domain';
import type { TierdeskEnv } from '@tierdesk/config';
import type { Logger } from '@tierdesk/logger';
import { createMailTransport, type MailTransport } from '@tierdesk/mail';
import { InboundStore, TicketStore } from '@tierdesk/store';

export class RedisUnavailableError extends TierdeskError {
  constructor(url: string, cause: string) {
    super(
      'REDIS_UNREACHABLE',
      `Cannot reach Redis at ${url} (${cause}). Start Redis or set REDIS_URL to a reachable server, e.g. REDIS_URL=redis://127.0.0.1:6379.`,
    );
  }
}

/** Everything a service needs, built once per process and shared by the services in it. */
export interface Runtime {
  env: TierdeskEnv;
  config: TierdeskConfig;
  logger: Logger;
  redis: Redis;
  store: TicketStore;
  inbound: InboundStore;
  bus: Bus;
  mail: MailTransport;
  relay: EventRelay;
  secrets: { apiToken: string; consentSecret: string };
  /** The one clock of the process; tests may inject their own. */
  now(): Date;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  env: TierdeskEnv;
  config: TierdeskConfig;
  logger: Logger;
  now?: () => Date;
  /** Skip the event relay (tools that only read, e.g. `tierdesk ticket show`). */
  relay?: boolean;
}

function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}

async function connect(url: string, timeoutMs: number): Promise<Redis> {
  // Commands fail after a few reconnection attempts instead of waiting forever, so a job fails
  // (and is retried later) and intake answers 451 while Redis is away.
  const redis = new Redis(url, redisOptions({ lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 3, retryStrategy: (n) => Math.min(n * 200, 2000) }));
  // The socket's own error (ECONNREFUSED, ENOTFOUND …) says more than ioredis' "Connection is closed".
  let socketError: Error | null = null;
  redis.on('error', (err: Error) => (socketError ??= err));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    // Cleared, or a short-lived CLI command would wait out the timeout before it can exit.
    clearTimeout(timer);
    await redis.ping();
    return redis;
  } catch (err) {
    clearTimeout(timer);
    redis.disconnect();
    throw new RedisUnavailableError(redactedUrl(url), (socketError as Error | null)?.message ?? (err as Error).message);
  }
}

/**
 * A setting given in the environment wins; otherwise the first process generates it and stores
 * it in Redis, so every process of the deployment uses the same value.
 */
async function sharedSecret(redis: Redis, key: string, field: string, given: string | null): Promise<{ value: string; generated: boolean }> {
  if (given) return { value: given, generated: false };
  const created = await redis.hsetnx(key, field, randomBytes(24).toString('base64url'));
  return { value: (await redis.hget(key, field)) as string, generated: created === 1 };
}

export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { env, config, logger } = opts;
  const redis = await connect(env.redisUrl, 3000);
  const store = new TicketStore(redis, env.prefix);
  const inbound = new InboundStore(redis, env.prefix);
  const settings = store.keys.settings();
  const apiToken = await sharedSecret(redis, settings, 'apiToken', env.apiToken);
  const consentSecret = await sharedSecret(redis, settings, 'consentSecret', env.consentSecret);
  const bus = new Bus({ redisUrl: env.redisUrl, prefix: env.prefix, logger });
  const mail = createMailTransport({
    smtpUrl: env.smtpUrl,
    outboxDir: env.outboxDir,
    from: env.mailFrom,
    ...(env.smtpRateLimit ? { rateLimitPerSecond: env.smtpRateLimit } : {}),
    ...(env.dkim ? { dkim: env.dkim } : {}),
  });
  const relayRedis = redis.duplicate();
  relayRedis.on('error', () => undefined);
  const relay = new EventRelay(relayRedis, bus, store.keys.eventOutbox(), logger.child({ component: 'event-relay' }), `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`);
  if (opts.relay !== false) await relay.start();
  if (apiToken.generated) logger.info({ apiTokenGenerated: true }, 'generated an API token and stored it in Redis');
  const rt: Runtime = {
    env,
    config,
    logger,
    redis,
    store,
    inbound,
    bus,
    mail,
    relay,
    secrets: { apiToken: apiToken.value, consentSecret: consentSecret.value },
    now: opts.now ?? (() => new Date()),
    async close() {
      await relay.stop();
      relayRedis.disconnect();
      await bus.close();
      await mail.close();
      redis.disconnect();
    },
  };
  return rt;
}
