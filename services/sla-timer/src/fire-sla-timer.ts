import {
  TierdeskError,
  chain,
  changeLevel,
  isSlaPaused,
  nextSlaTimer,
  recordSlaFiring,
  slaEscalationOnBreach,
  slaEscalationReason,
  type SlaTimer,
  type Ticket,
  type TicketChange,
  type TierdeskConfig,
} from '@tierdesk/domain';

/**
 * The ticket's next SLA moment if it is the one a timer armed for `at` stands for, else null
 * (stale: paused, resolved, moved, already recorded). The status is checked too: a pause the SLA
 * clock has not taken in yet still stops it.
 */
export function currentSlaTimer(ticket: Ticket, at: number, config: TierdeskConfig, now: Date): SlaTimer | null {
  if (isSlaPaused(ticket.status)) return null;
  const next = nextSlaTimer(ticket, config, now);
  return next && next.at.getTime() === at ? next : null;
}

/**
 * What a timer fired for `at` does to the ticket (pure; the store re-runs it on a conflict): null
 * when stale, else the recorded warning or breach and, on a breach whose policy says so, the
 * escalation one level up by `system`. Recording is once per target, kind and clock, so a second
 * firing of the same moment (retry, late duplicate, clock jump) returns no events.
 */
export function fireSlaTimer(ticket: Ticket, at: number, config: TierdeskConfig, now: Date): TicketChange | null {
  const timer = currentSlaTimer(ticket, at, config, now);
  if (!timer) return null;
  const change = recordSlaFiring(ticket, timer.target, timer.kind, now);
  if (timer.kind !== 'breach' || change.events.length === 0) return change;
  const to = slaEscalationOnBreach(change.ticket, config);
  if (to === null) return change;
  const due = (timer.target === 'firstResponse' ? ticket.sla.firstResponseDue : ticket.sla.resolutionDue) ?? timer.due.toISOString();
  try {
    return chain(change, (t) => changeLevel(t, to, slaEscalationReason(ticket.sla.policy, timer.target, due), 'system', now));
  } catch (err) {
    // A ticket the rules do not let move still gets its breach recorded (and notified).
    if (err instanceof TierdeskError) return change;
    throw err;
  }
}
