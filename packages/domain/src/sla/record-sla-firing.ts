import { newEvent } from '../events.js';
import type { TicketChange } from '../ticket-commands.js';
import type { Ticket, TicketSla } from '../ticket.js';
import { isSlaRecorded } from './sla-records.js';
import type { SlaTarget } from './sla-policy.js';

/**
 * Records a fired warning or breach on the ticket (CONTRACT §5 `sla.breaches`) with its event,
 * `sla.warning` or `sla.breached`. Once per target and kind per clock, ever: recording it again
 * (a retried job, a late worker, a clock jump) returns the ticket unchanged and no events. So
 * does a warning after its breach, or a target without a deadline.
 */
export function recordSlaFiring(ticket: Ticket, target: SlaTarget, kind: 'warning' | 'breach', now: Date): TicketChange {
  const sla = ticket.sla;
  const due = target === 'firstResponse' ? sla.firstResponseDue : sla.resolutionDue;
  const unchanged: TicketChange = { ticket, events: [] };
  if (due === null || isSlaRecorded(sla, target, 'breach')) return unchanged;
  if (kind === 'warning' && isSlaRecorded(sla, target, 'warning')) return unchanged;
  const at = now.toISOString();
  const record = { target, at, due, clock: sla.clock ?? 0 };
  const next: TicketSla =
    kind === 'warning' ? { ...sla, warnings: [...(sla.warnings ?? []), record] } : { ...sla, breaches: [...sla.breaches, record] };
  return {
    ticket: { ...ticket, sla: next, updatedAt: at },
    events: [kind === 'warning' ? newEvent('sla.warning', { target, due }) : newEvent('sla.breached', { target, due })],
  };
}
