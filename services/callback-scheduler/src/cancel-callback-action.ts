import { cancelCallback } from '@tierdesk/domain';
import type { CallbackDeps } from './callback-deps.js';
import { parseHold } from './callback-bookings.js';
import { cancelReminders } from './reminders.js';

/**
 * The ticket was resolved, closed or left level 2: call off a pending callback, free its slot
 * and remove its reminders. A slot whose time has passed stays in the agent's calendar (the
 * call happened or was tried); only the ticket's claim on it ends.
 */
export async function cancelForTicket(deps: CallbackDeps, ticketId: string, reason: string): Promise<{ cancelled: boolean; freed: boolean }> {
  const { rt, bookings } = deps;
  return deps.locked(ticketId, async () => {
    const now = rt.now();
    const exists = await rt.store.get(ticketId);
    if (!exists) return { cancelled: false, freed: false };
    const { events } = await rt.store.update(ticketId, (t) => cancelCallback(t, reason, now), now);
    const hold = parseHold(ticketId, await bookings.hold(ticketId));
    const ticket = await rt.store.getWithEvents(ticketId);
    let freed = false;
    // A hold of a ticket whose callback is no longer pending is either this cancel's or a leftover.
    if (hold && ticket?.callback?.status !== 'scheduled') {
      const past = hold.end <= now.getTime();
      freed = Boolean(await bookings.release(ticketId, { keepBooking: past })) && !past;
    }
    if (ticket) await cancelReminders(rt, ticket, ticket.callback?.status === 'scheduled' ? ticket.callback : null);
    return { cancelled: events.length > 0, freed };
  });
}
