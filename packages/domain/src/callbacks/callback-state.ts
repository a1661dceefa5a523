import { TransitionNotAllowedError } from '../errors.js';
import { newEvent, type TicketEvent } from '../events.js';
import { mayAnswerCustomer } from '../notifications.js';
import { isFinished } from '../status.js';
import { changeStatus, chain, type TicketChange } from '../ticket-commands.js';
import type { CallbackState, Ticket } from '../ticket.js';
import type { TimezoneSource } from './customer-zone.js';

/** A slot booked for a ticket, with the zone the customer is shown it in. */
export interface CallbackBooking {
  start: Date;
  end: Date;
  agent: string;
  customerTimezone: string;
  timezoneSource: TimezoneSource;
}

/** The ticket has a callback booked and waits for it. */
export function hasPendingCallback(ticket: Ticket): ticket is Ticket & { callback: CallbackState } {
  return ticket.callback?.status === 'scheduled' && ticket.status === 'callback_scheduled';
}

/**
 * Whether reaching level 2 should book a callback: the ticket is worked at level 2, none is
 * pending, and its customer may be answered at all (an auto-reply or bounce never books an agent).
 */
export function needsCallback(ticket: Ticket): boolean {
  if (ticket.level !== 2 || isFinished(ticket.status) || ticket.callback?.status === 'scheduled') return false;
  if (ticket.status === 'waiting_consent' || ticket.status === 'waiting_vendor') return false;
  return mayAnswerCustomer(ticket, ticket.messages[0]?.messageId ?? null);
}

/**
 * Whether a callback was booked after the event `eventId` (the ticket's history is in order):
 * a redelivered trigger then has nothing left to do.
 */
export function scheduledSince(ticket: Pick<Ticket, 'events'>, eventId: string): boolean {
  const i = ticket.events.findIndex((e) => e.id === eventId);
  if (i < 0) return false;
  return ticket.events.slice(i + 1).some((e) => e.type === 'callback.scheduled');
}

/** Every `callback.scheduled` event of the ticket, oldest first. */
export function callbackSchedules(ticket: Pick<Ticket, 'events'>): Array<Extract<TicketEvent, { type: 'callback.scheduled' }>> {
  return ticket.events.filter((e): e is Extract<TicketEvent, { type: 'callback.scheduled' }> => e.type === 'callback.scheduled');
}

/**
 * Books `booking` as the ticket's callback (attempt `attempt`): the ticket waits for the call.
 * Rebooking a pending callback (a retry, another time) keeps the status and records the new slot.
 */
export function scheduleCallback(ticket: Ticket, booking: CallbackBooking, attempt: number, reason: string, now: Date): TicketChange {
  if (ticket.level !== 2 || isFinished(ticket.status)) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} is at level ${ticket.level} and ${ticket.status}; only open level-2 tickets get a callback.`, {
      ticketId: ticket.id,
      level: ticket.level,
      status: ticket.status,
    });
  }
  const callback: CallbackState = {
    status: 'scheduled',
    slotStart: booking.start.toISOString(),
    slotEnd: booking.end.toISOString(),
    agent: booking.agent,
    attempts: attempt,
    customerTimezone: booking.customerTimezone,
    timezoneSource: booking.timezoneSource,
    notes: ticket.callback?.notes ?? null,
  };
  const scheduled: TicketChange = {
    ticket: { ...ticket, callback, updatedAt: now.toISOString() },
    events: [newEvent('callback.scheduled', { slotStart: callback.slotStart, slotEnd: callback.slotEnd, agent: booking.agent, attempt, reason })],
  };
  return chain(scheduled, (t) => changeStatus(t, 'callback_scheduled', `callback booked: ${reason}`, now));
}

/**
 * Calls off a pending callback (the ticket was resolved, closed or left level 2). A ticket still
 * waiting for the call is worked again; anything else keeps its status. Null when none is pending.
 */
export function cancelCallback(ticket: Ticket, reason: string, now: Date): TicketChange | null {
  if (ticket.callback?.status !== 'scheduled') return null;
  const cancelled: TicketChange = {
    ticket: { ...ticket, callback: { ...ticket.callback, status: 'cancelled' }, updatedAt: now.toISOString() },
    events: [newEvent('callback.cancelled', { reason })],
  };
  if (ticket.status !== 'callback_scheduled') return cancelled;
  return chain(cancelled, (t) => changeStatus(t, 'open', `callback cancelled: ${reason}`, now));
}
