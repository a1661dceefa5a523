import { applySla, TierdeskError, type Ticket } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { projectSla, sameSlaClock } from './sla-projection.js';

const MAX_ROUNDS = 10;

export class SlaReconcileConflictError extends TierdeskError {
  constructor(ticketId: string) {
    super('SLA_RECONCILE_CONFLICT', `Ticket ${ticketId} kept changing while its SLA clock was being updated; the job will retry.`, { ticketId });
  }
}

/**
 * Brings the ticket's stored SLA clock in line with what its history implies (projectSla) and
 * returns the ticket as stored. Writes only when the clock differs, so replays write nothing.
 */
export async function reconcileSla(rt: Runtime, ticketId: string): Promise<Ticket | null> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const ticket = await rt.store.getWithEvents(ticketId);
    if (!ticket) return null;
    const projected = projectSla(ticket, rt.config);
    if (sameSlaClock(projected, ticket.sla)) return ticket;
    const now = rt.now();
    // The projection needs the event log, which the store's update callback does not get: apply
    // it only to the version it was computed from, and recompute when the ticket moved on.
    const res = await rt.store.update(
      ticketId,
      (t) => (t.version === ticket.version ? applySla(t, { ...projected, breaches: t.sla.breaches, warnings: t.sla.warnings ?? [] }, now) : null),
      now,
      ticket,
    );
    if (sameSlaClock(projected, res.ticket.sla)) return res.ticket;
  }
  throw new SlaReconcileConflictError(ticketId);
}
