import { newEvent } from '../events.js';
import type { TicketChange } from '../ticket-commands.js';
import type { Ticket, TicketSla } from '../ticket.js';

/**
 * Puts a new SLA state (from startSla, pauseSla, resumeSla) on the ticket, with an `sla.armed`
 * event whenever the policy or a deadline changed, so the history shows every deadline it had.
 */
export function applySla(ticket: Ticket, sla: TicketSla, now: Date): TicketChange {
  if (sla === ticket.sla) return { ticket, events: [] };
  const prev = ticket.sla;
  const moved = sla.policy !== prev.policy || sla.firstResponseDue !== prev.firstResponseDue || sla.resolutionDue !== prev.resolutionDue;
  return {
    ticket: { ...ticket, sla, updatedAt: now.toISOString() },
    events: moved ? [newEvent('sla.armed', { policy: sla.policy, firstResponseDue: sla.firstResponseDue, resolutionDue: sla.resolutionDue })] : [],
  };
}
