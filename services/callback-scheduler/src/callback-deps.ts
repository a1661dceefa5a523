import type { Runtime } from '@tierdesk/runtime';
import { CallbackBookings } from './callback-bookings.js';
import { withTicketLock } from './ticket-lock.js';

/** What every callback action needs: the runtime and the agents' calendars on its Redis. */
export interface CallbackDeps {
  rt: Runtime;
  bookings: CallbackBookings;
  /** Runs `fn` holding the ticket's callback lock. */
  locked<T>(ticketId: string, fn: () => Promise<T>): Promise<T>;
}

const byRuntime = new WeakMap<Runtime, CallbackDeps>();

export function callbackDeps(rt: Runtime): CallbackDeps {
  let deps = byRuntime.get(rt);
  if (!deps) {
    const prefix = rt.store.keys.prefix;
    deps = { rt, bookings: new CallbackBookings(rt.redis, prefix), locked: (id, fn) => withTicketLock(rt.redis, prefix, id, fn) };
    byRuntime.set(rt, deps);
  }
  return deps;
}
