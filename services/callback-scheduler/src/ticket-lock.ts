import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { StoreConflictError } from '@tierdesk/store';
import { UNLOCK_LUA } from './booking-scripts.js';

/**
 * The ticket's callback is being changed elsewhere for too long (or keeps losing booking races):
 * a queue job retries later, the API answers 503 (it is a STORE_CONFLICT, "try again").
 */
export class CallbackBusyError extends StoreConflictError {
  constructor(ticketId: string) {
    super(ticketId);
    this.message = `The callback of ticket ${ticketId} is being changed elsewhere; try again.`;
  }
}

interface UnlockRedis {
  tierdeskCallbackUnlock(key: string, token: string): Promise<number>;
}

const LEASE_MS = 20_000;
const WAIT_MS = 8_000;

/**
 * Runs `fn` while holding the ticket's callback lock. Reading the ticket, booking a slot and
 * recording it are three steps; the lock makes them one for everyone who moves callbacks, so a
 * redelivered event and an agent's outcome never book two slots for one ticket. The lease
 * expires on its own if a process dies holding it.
 */
export async function withTicketLock<T>(redis: Redis, prefix: string, ticketId: string, fn: () => Promise<T>): Promise<T> {
  const r = redis as unknown as Partial<UnlockRedis>;
  if (!r.tierdeskCallbackUnlock) redis.defineCommand('tierdeskCallbackUnlock', { numberOfKeys: 1, lua: UNLOCK_LUA });
  const key = `${prefix}:callback:lock:${ticketId}`;
  const token = randomBytes(8).toString('hex');
  const until = Date.now() + WAIT_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    if ((await redis.set(key, token, 'PX', LEASE_MS, 'NX')) === 'OK') break;
    if (Date.now() > until) throw new CallbackBusyError(ticketId);
    await new Promise((res) => setTimeout(res, pause + Math.random() * pause));
  }
  try {
    return await fn();
  } finally {
    await (redis as unknown as UnlockRedis).tierdeskCallbackUnlock(key, token);
  }
}
