import {
  callbackDurationMs,
  callbackNotMoved,
  callbackReason,
  chain,
  hasPendingCallback,
  honoursRequest,
  noteCustomerZone,
  parseCallbackRequest,
  scheduleCallback,
  scheduledSince,
  zoneToldInReply,
  type CallbackBooking,
  type CallbackCause,
  type CallbackRequest,
  withinCustomerHours,
} from '@tierdesk/domain';
import type { Logger } from '@tierdesk/logger';
import { bookCallbackSlot } from './book-slot.js';
import type { CallbackDeps } from './callback-deps.js';
import { sendNotMovedEmails } from './callback-emails.js';

/** `not-moved`: they asked for another time, none could be booked, and they and the agent were told. */
export type RescheduleResult = 'rebooked' | 'unchanged' | 'skipped' | 'no-slot' | 'not-moved';

function causeOf(request: CallbackRequest, honoured: boolean): CallbackCause {
  if (request.kind === 'time') return honoured ? 'customerTime' : 'customerTimeUnavailable';
  return request.kind === 'other-time' ? 'customerOtherTime' : 'customerZone';
}

/**
 * A customer answered while their callback is pending. If they ask for another time, book the
 * time they name (read in their zone and language) or the next free slot after it; if they want
 * another time but name none we can read, the next free slot after the current one. If they tell
 * us their time zone ("I'm in New York"), it becomes theirs (the ticket's customer record) and
 * the call is booked again in it: the earliest slot inside their hours, the same one if it still
 * fits, announced anew with the time in their zone. Any other reply leaves the callback alone.
 */
export async function rescheduleOnReply(deps: CallbackDeps, ticketId: string, eventId: string, messageId: string, log: Logger): Promise<RescheduleResult> {
  const { rt, bookings } = deps;
  return deps.locked(ticketId, async () => {
    const ticket = await rt.store.getWithEvents(ticketId);
    if (!ticket || !hasPendingCallback(ticket) || scheduledSince(ticket, eventId)) return 'skipped';
    const message = ticket.messages.find((m) => m.messageId === messageId);
    if (!message?.text) return 'skipped';
    const cb = ticket.callback;
    const told = zoneToldInReply(message.text);
    const newZone = told && told.zone !== cb.customerTimezone ? told.zone : null;
    const zone = newZone ?? cb.customerTimezone;
    const request = parseCallbackRequest(message.text, { reference: new Date(message.at), zone, language: ticket.language });
    if (request.kind === 'none' && !newZone) return 'unchanged';
    const now = rt.now();
    const notBefore = request.kind === 'time' ? request.at : request.kind === 'other-time' ? new Date(cb.slotEnd) : null;
    const hold = await bookings.hold(ticketId);
    // Told only their zone, and the booked call suits them there: it stays, announced in their zone.
    const keep =
      request.kind === 'none' && hold !== null && withinCustomerHours(zone, rt.config.callbacks.customerHours, Date.parse(cb.slotStart), Date.parse(cb.slotEnd));
    const slot = keep
      ? { start: new Date(cb.slotStart), end: new Date(cb.slotEnd), agent: cb.agent, hold, outsideCustomerHours: false }
      : await bookCallbackSlot(bookings, rt.config, { ticketId, now, notBefore, customerZone: zone, expectedHold: hold, keepPrevious: false });
    const slotMs = callbackDurationMs(rt.config.callbacks.slot, 'slot');
    // Asked for another time and none could be booked: the call stands, and since no booking
    // announces anything, the customer and the booked agent are told here.
    const found = !slot ? ({ kind: 'none' } as const) : slot.hold === hold && !newZone ? ({ kind: 'same', start: slot.start } as const) : ({ kind: 'other' } as const);
    const notMoved = callbackNotMoved(request, found, slotMs, zone);
    if (notMoved) {
      const sent = await sendNotMovedEmails(rt, ticket, eventId, message, request, notMoved);
      log.warn({ ticketId, request, zone, cause: notMoved, sent }, 'the customer asked for another callback time but none could be booked; the booked one stays and they and the agent were told');
      return 'not-moved';
    }
    if (!slot) {
      log.warn({ ticketId, request, zone }, 'the customer told their time zone but nothing is free; the booked call stays');
      return 'no-slot';
    }
    // The same slot in the same zone, as asked: nothing to tell anyone.
    if (slot.hold === hold && !newZone) return 'unchanged';
    const cause = causeOf(request, request.kind === 'time' && honoursRequest(request, slot.start, slotMs, zone));
    const booking: CallbackBooking = { start: slot.start, end: slot.end, agent: slot.agent, customerTimezone: zone, timezoneSource: newZone ? 'customer' : cb.timezoneSource };
    const reason = callbackReason(cause, slot.outsideCustomerHours);
    // Only a slot this reply booked is given back on failure, never the one the ticket had.
    const giveBack = () => (slot.hold !== hold ? bookings.release(ticketId, { expectedHold: slot.hold }) : Promise.resolve(null));
    try {
      const { events } = await rt.store.update(
        ticketId,
        (t) => (hasPendingCallback(t) ? chain(noteCustomerZone(t, newZone, now), (x) => scheduleCallback(x, booking, t.callback.attempts, reason, now)) : null),
        now,
      );
      if (events.length === 0) {
        await giveBack();
        return 'skipped';
      }
    } catch (err) {
      await giveBack();
      throw err;
    }
    log.info(
      { ticketId, asked: request.kind === 'time' ? request.text : null, toldZone: newZone, cause, slotStart: slot.start.toISOString(), agent: slot.agent },
      "callback moved at the customer's request",
    );
    return 'rebooked';
  });
}
