import { TransitionNotAllowedError } from './errors.js';
import type { TicketStatus } from './status.js';
import type { Ticket } from './ticket.js';

/**
 * Every status change a ticket may make. `closed` is final: mail about a closed ticket opens a
 * new one, as in most helpdesks, so a closed record stays as it was archived.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'waiting_customer', 'callback_scheduled', 'waiting_consent', 'resolved', 'closed'],
  open: ['waiting_customer', 'callback_scheduled', 'waiting_consent', 'waiting_vendor', 'resolved', 'closed'],
  waiting_customer: ['open', 'callback_scheduled', 'waiting_consent', 'resolved', 'closed'],
  callback_scheduled: ['open', 'waiting_customer', 'waiting_consent', 'resolved', 'closed'],
  waiting_consent: ['open', 'waiting_vendor', 'resolved', 'closed'],
  waiting_vendor: ['open', 'waiting_customer', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/**
 * Throws unless `ticket` may move to `to`. Beyond the table, a ticket only reaches the vendor
 * with the customer's consent on record: the seed's level 4 is "monitored only after
 * consultation with the customer", so the guard lives here where no adapter can skip it.
 */
export function assertTransition(ticket: Pick<Ticket, 'id' | 'status' | 'consent'>, to: TicketStatus): void {
  if (!canTransition(ticket.status, to)) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} cannot go from ${ticket.status} to ${to}.`, {
      ticketId: ticket.id,
      from: ticket.status,
      to,
    });
  }
  if (to === 'waiting_vendor' && ticket.consent?.status !== 'granted') {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} cannot go to the vendor without the customer's consent.`, {
      ticketId: ticket.id,
      from: ticket.status,
      to,
      consent: ticket.consent?.status ?? null,
    });
  }
}
