import type { Calendar } from '../calendar/calendar.js';
import type { TierdeskConfig } from '../config-types.js';
import { isSlaPaused } from '../status.js';
import type { Ticket, TicketSla } from '../ticket.js';
import { computeSlaDue } from './compute-sla-due.js';

/**
 * Starts the SLA clock of the policy matching the ticket's level and priority, from `now`. Called
 * when a ticket is classified, escalated or reopened (a priority change goes through reprioritiseSla): the new policy starts anew (new team,
 * new clock), but a first response already given stays given (its old deadline is kept as
 * history) and recorded warnings and breaches stay recorded. A ticket waiting on the customer
 * starts with its clock paused, so it gets the whole duration once it resumes.
 */
export function startSla(ticket: Ticket, config: TierdeskConfig, now: Date): TicketSla {
  const prev = ticket.sla;
  const history = { breaches: prev.breaches, warnings: prev.warnings ?? [], clock: (prev.clock ?? 0) + 1, pausedMs: 0 };
  const due = computeSlaDue(config, ticket.level, ticket.priority, now);
  if (due.policy === null) {
    return { policy: null, firstResponseDue: null, resolutionDue: null, pausedSince: null, startedAt: null, ...history };
  }
  const at = now.toISOString();
  return {
    policy: due.policy,
    firstResponseDue: ticket.firstResponseAt === null ? due.firstResponseDue : prev.firstResponseDue,
    resolutionDue: due.resolutionDue,
    pausedSince: isSlaPaused(ticket.status) ? at : null,
    startedAt: at,
    ...history,
  };
}

/** Stops the clock (CONTRACT §7: waiting_customer, waiting_consent). Pausing a paused clock changes nothing. */
export function pauseSla(sla: TicketSla, now: Date): TicketSla {
  if (sla.pausedSince || sla.policy === null) return sla;
  return { ...sla, pausedSince: now.toISOString() };
}

/**
 * Restarts a paused clock with the time that was left: each deadline moves so that the business
 * time between pause and deadline remains between now and the new deadline. A deadline that had
 * already passed when the clock stopped stays where it was. Resuming a running clock changes nothing.
 */
export function resumeSla(sla: TicketSla, calendar: Calendar, now: Date): TicketSla {
  if (!sla.pausedSince) return sla;
  const since = new Date(sla.pausedSince);
  // A clock read that goes backwards must not pull deadlines earlier.
  const resumedAt = new Date(Math.max(since.getTime(), now.getTime()));
  const shift = (iso: string | null): string | null => {
    if (iso === null) return null;
    const left = calendar.businessTimeBetween(since, new Date(iso));
    return left > 0 ? calendar.addBusinessTime(resumedAt, left).toISOString() : iso;
  };
  return {
    ...sla,
    firstResponseDue: shift(sla.firstResponseDue),
    resolutionDue: shift(sla.resolutionDue),
    pausedSince: null,
    pausedMs: (sla.pausedMs ?? 0) + calendar.businessTimeBetween(since, resumedAt),
  };
}
