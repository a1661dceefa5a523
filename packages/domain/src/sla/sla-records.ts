import type { SlaBreach, TicketSla } from '../ticket.js';
import type { SlaTarget } from './sla-policy.js';

/** The warnings or breaches a ticket has on record. */
export function slaRecords(sla: TicketSla, kind: 'warning' | 'breach'): SlaBreach[] {
  return kind === 'warning' ? (sla.warnings ?? []) : sla.breaches;
}

/**
 * Whether the current SLA clock already fired this target's warning or breach. Records of an
 * earlier clock (before an escalation restarted it) do not count: the new deadlines are new.
 */
export function isSlaRecorded(sla: TicketSla, target: SlaTarget, kind: 'warning' | 'breach'): boolean {
  const clock = sla.clock ?? 0;
  return slaRecords(sla, kind).some((r) => r.target === target && (r.clock ?? 0) === clock);
}
