import {
  callbackDurationMs,
  callbackReason,
  hasPendingCallback,
  honoursRequest,
  parseCallbackRequest,
  scheduleCallback,
  scheduledSince,
  type CallbackCause,
} from '@tierdesk/domain';
import type { Logger } from '@tierdesk/logger';
import { bookCallbackSlot } from './book-slot.js';
import type { CallbackDeps } from './callback-deps.js';

export type RescheduleResult = 'rebooked' | 'unchanged' | 'skipped' | 'no-slot';

/**
 * A customer answered while their callback is pending. If they ask for another time, book the
 * time they name (read in their zone and language) or the next free slot after it; if they want
 * another time but name none we can read, the next free slot after the current one. Any other
 * reply leaves the callback alone.
 */
export async function rescheduleOnReply(deps: CallbackDeps, ticketId: string, eventId: string, messageId: string, log: Logger): Promise<RescheduleResult> {
  const { rt, bookings } = deps;
  return deps.locked(ticketId, async () => {
    const ticket = await rt.store.getWithEvents(ticketId);
    if (!ticket || !hasPendingCallback(ticket) || scheduledSince(ticket, eventId)) return 'skipped';
    const message = ticket.messages.find((m) => m.messageId === messageId);
    if (!message?.text) return 'skipped';
    const cb = ticket.callback;
    const request = parseCallbackRequest(message.text, { reference: new Date(message.at), zone: cb.customerTimezone, language: ticket.language });
    if (request.kind === 'none') return 'unchanged';
    const now = rt.now();
    const notBefore = request.kind === 'time' ? request.at : new Date(cb.slotEnd);
    const hold = await bookings.hold(ticketId);
    const slot = await bookCallbackSlot(bookings, rt.config, { ticketId, now, notBefore, customerZone: cb.customerTimezone, expectedHold: hold, keepPrevious: false });
    if (!slot) {
      log.warn({ ticketId, request }, 'the customer asked for another callback time but nothing is free; the booked one stays');
      return 'no-slot';
    }
    if (slot.hold === hold) return 'unchanged';
    const slotMs = callbackDurationMs(rt.config.callbacks.slot, 'slot');
    const cause: CallbackCause =
      request.kind === 'time' ? (honoursRequest(request, slot.start, slotMs, cb.customerTimezone) ? 'customerTime' : 'customerTimeUnavailable') : 'customerOtherTime';
    const booking = { start: slot.start, end: slot.end, agent: slot.agent, customerTimezone: cb.customerTimezone, timezoneSource: cb.timezoneSource };
    const reason = callbackReason(cause, slot.outsideCustomerHours);
    try {
      const { events } = await rt.store.update(ticketId, (t) => (hasPendingCallback(t) ? scheduleCallback(t, booking, t.callback.attempts, reason, now) : null), now);
      if (events.length === 0) {
        await bookings.release(ticketId, { expectedHold: slot.hold });
        return 'skipped';
      }
    } catch (err) {
      await bookings.release(ticketId, { expectedHold: slot.hold });
      throw err;
    }
    log.info({ ticketId, asked: request.kind === 'time' ? request.text : null, cause, slotStart: slot.start.toISOString(), agent: slot.agent }, 'callback moved at the customer\'s request');
    return 'rebooked';
  });
}
