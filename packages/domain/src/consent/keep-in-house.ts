import { TransitionNotAllowedError } from '../errors.js';
import { newEvent, type NewTicketEvent } from '../events.js';
import type { Ticket } from '../ticket.js';
import type { TicketChange } from '../ticket-commands.js';

/** The level that keeps working a ticket the customer would not let go to a vendor. */
export const IN_HOUSE_LEVEL = 3;

/**
 * Moves a level-4 ticket whose customer refused consent, or never answered, back to the product
 * experts (level 3), with the reason on record.
 *
 * changeLevel lets only an agent lower a level, so that no automatic rule quietly drops a
 * ticket's tier. This is not such a rule's whim but the seed's own condition: level 4 acts "only
 * after consultation with the customer", and without consent no one at level 4 may act on the
 * ticket. Leaving it there would strand it, so the system must hand it to the team that can
 * still work it. The guard below keeps this to exactly that case: level 4, consent denied or
 * expired.
 */
export function keepInHouse(ticket: Ticket, reason: string, now: Date): TicketChange {
  const consent = ticket.consent?.status ?? null;
  if (ticket.level !== 4 || (consent !== 'denied' && consent !== 'expired')) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} stays where it is: only a level-4 ticket without the customer's consent is kept in house automatically.`, {
      ticketId: ticket.id,
      level: ticket.level,
      consent,
    });
  }
  const events: NewTicketEvent[] = [newEvent('ticket.deescalated', { from: 4, to: IN_HOUSE_LEVEL, reason, by: 'system' })];
  const status = ticket.status === 'waiting_consent' ? 'open' : ticket.status;
  if (status !== ticket.status) events.push(newEvent('ticket.status_changed', { from: ticket.status, to: status, reason }));
  return { ticket: { ...ticket, level: IN_HOUSE_LEVEL, status, updatedAt: now.toISOString() }, events };
}
