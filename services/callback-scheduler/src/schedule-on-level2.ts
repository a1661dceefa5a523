import {
  addFlag,
  callbackReason,
  chain,
  isUsableZone,
  needsCallback,
  noteCustomerZone,
  resolveCustomerZone,
  scheduleCallback,
  scheduledSince,
  type CallbackBooking,
  type Ticket,
} from '@tierdesk/domain';
import type { Logger } from '@tierdesk/logger';
import type { Runtime } from '@tierdesk/runtime';
import { bookCallbackSlot } from './book-slot.js';
import type { CallbackDeps } from './callback-deps.js';

export type ScheduleResult = 'booked' | 'skipped' | 'no-slot';

/**
 * The customer's record: the zone they told us on an earlier ticket (their newest that has one),
 * when this ticket does not know it yet.
 */
async function recordedZone(rt: Runtime, ticket: Ticket): Promise<string | null> {
  if (isUsableZone(ticket.customer.timezone) || !ticket.customer.email) return null;
  const { tickets } = await rt.store.list({ customer: ticket.customer.email, limit: 20 });
  return tickets.find((t) => t.id !== ticket.id && isUsableZone(t.customer.timezone))?.customer.timezone ?? null;
}

/**
 * A ticket reached level 2 (triage, an escalation, or an agent moving it down): book the
 * earliest fair slot and record it. Idempotent: a redelivered trigger, or a ticket that already
 * waits for a call or moved on meanwhile, books nothing, and an unused booking is given back.
 * The customer's zone comes from their record (this ticket's, else one they told us on an
 * earlier ticket), else their Date header, else the team's zone.
 */
export async function scheduleOnLevel2(deps: CallbackDeps, ticketId: string, triggerEventId: string | null, log: Logger): Promise<ScheduleResult> {
  const { rt, bookings } = deps;
  return deps.locked(ticketId, async () => {
    const ticket = await rt.store.getWithEvents(ticketId);
    if (!ticket || !needsCallback(ticket) || (triggerEventId && scheduledSince(ticket, triggerEventId))) return 'skipped';
    const known = await recordedZone(rt, ticket);
    const zone = resolveCustomerZone(known ? { ...ticket.customer, timezone: known } : ticket.customer, rt.config.timezone);
    const now = rt.now();
    // Under the lock, a hold the ticket does not know of is left over from a crash: replace it.
    const hold = await bookings.hold(ticketId);
    const slot = await bookCallbackSlot(bookings, rt.config, { ticketId, now, customerZone: zone.zone, expectedHold: hold, keepPrevious: false });
    if (!slot) {
      log.warn({ ticketId }, 'no level-2 agent has a free callback slot; the ticket is flagged for a person to arrange the call');
      await rt.store.update(ticketId, (t) => addFlag(t, 'callback-unschedulable', 'no level-2 agent has a free callback slot', now), now);
      return 'no-slot';
    }
    const booking: CallbackBooking = { start: slot.start, end: slot.end, agent: slot.agent, customerTimezone: zone.zone, timezoneSource: zone.source };
    const reason = callbackReason('level2', slot.outsideCustomerHours);
    try {
      const { events } = await rt.store.update(ticketId, (t) => (needsCallback(t) ? chain(noteCustomerZone(t, known, now), (x) => scheduleCallback(x, booking, 1, reason, now)) : null), now);
      if (events.length === 0) {
        await bookings.release(ticketId, { expectedHold: slot.hold });
        return 'skipped';
      }
    } catch (err) {
      await bookings.release(ticketId, { expectedHold: slot.hold });
      throw err;
    }
    log.info({ ticketId, slotStart: slot.start.toISOString(), agent: slot.agent, customerZone: zone.zone, zoneSource: zone.source, load: slot.load }, 'callback booked');
    return 'booked';
  });
}
