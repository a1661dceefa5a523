import {
  TierdeskError,
  chain,
  isSlaPaused,
  changeLevel,
  nextSlaTimer,
  recordSlaFiring,
  slaEscalationOnBreach,
  slaEscalationReason,
  type Ticket,
  type TicketChange,
  type TierdeskConfig,
} from '@tierdesk/domain';
import { sameSlaTimer, slaTimerRef, type SlaTimerRef } from './timer-ref.js';

/** Whether `fired` is still the ticket's next SLA moment (same clock, target, kind and instant). */
export function isCurrentSlaTimer(ticket: Ticket, fired: SlaTimerRef, config: TierdeskConfig, now: Date): boolean {
  // The status is the truth: a pause the SLA clock has not taken in yet still stops it.
  if (isSlaPaused(ticket.status)) return false;
  const next = nextSlaTimer(ticket, config, now);
  return next !== null && sameSlaTimer(slaTimerRef(ticket, next), fired);
}

/**
 * What a fired timer does to the ticket (pure; the store re-runs it on a conflict): null when
 * the timer is stale, else the recorded warning or breach and, on a breach whose policy says so,
 * the escalation one level up by `system`. Recording is once per target, kind and clock, so a
 * second firing of the same moment (retry, late duplicate, clock jump) returns no events.
 */
export function fireSlaTimer(ticket: Ticket, fired: SlaTimerRef, config: TierdeskConfig, now: Date): TicketChange | null {
  if (!isCurrentSlaTimer(ticket, fired, config, now)) return null;
  const change = recordSlaFiring(ticket, fired.target, fired.kind, now);
  if (fired.kind !== 'breach' || change.events.length === 0) return change;
  const to = slaEscalationOnBreach(change.ticket, config);
  if (to === null) return change;
  const due = (fired.target === 'firstResponse' ? ticket.sla.firstResponseDue : ticket.sla.resolutionDue) ?? new Date(fired.at).toISOString();
  try {
    return chain(change, (t) => changeLevel(t, to, slaEscalationReason(ticket.sla.policy, fired.target, due), 'system', now));
  } catch (err) {
    // A ticket the rules do not let move still gets its breach recorded (and notified).
    if (err instanceof TierdeskError) return change;
    throw err;
  }
}
