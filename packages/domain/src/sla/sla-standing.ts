import type { TierdeskConfig } from '../config-types.js';
import { isFinished } from '../status.js';
import type { Ticket } from '../ticket.js';
import { nextSlaTimer, type SlaTimer } from './next-sla-timer.js';
import { slaCalendar } from './sla-calendar.js';
import type { SlaTarget } from './sla-policy.js';

/**
 * Where a ticket stands against its SLA right now:
 * - `overdue`: a deadline of a target still owed (first response not given, ticket not resolved)
 *   has passed, whether or not its breach has been recorded yet;
 * - `due`: the clock runs and every owed deadline is still ahead;
 * - `paused`: the clock stands still (waiting_customer, waiting_consent); the deadline moves on resume.
 */
export type SlaStandingState = 'overdue' | 'due' | 'paused';

export interface SlaStanding {
  state: SlaStandingState;
  /** The most pressing owed target: the one whose deadline comes (or came) first. */
  target: SlaTarget;
  /** Its deadline; while paused, as it stood when the clock stopped. */
  due: Date;
  /**
   * Clock time left until that deadline, negative once it has passed: real time for a running
   * clock; for a paused one, the business time that will be left when it resumes (negative: how
   * long the deadline had passed when the clock stopped).
   */
  remainingMs: number;
  /** Overdue only: how long since the deadline passed (the breach), else null. */
  overdueMs: number | null;
  pausedSince: Date | null;
  /** The moment the ticket's timer fires next, if anything is left to fire (nextSlaTimer). */
  next: SlaTimer | null;
}

/** The deadlines a ticket still owes on its current clock, earliest first. */
function owedDeadlines(ticket: Ticket): Array<{ target: SlaTarget; due: Date }> {
  const out: Array<{ target: SlaTarget; due: Date }> = [];
  if (ticket.firstResponseAt === null && ticket.sla.firstResponseDue !== null) out.push({ target: 'firstResponse', due: new Date(ticket.sla.firstResponseDue) });
  if (ticket.sla.resolutionDue !== null) out.push({ target: 'resolution', due: new Date(ticket.sla.resolutionDue) });
  return out.sort((a, b) => a.due.getTime() - b.due.getTime());
}

/**
 * The ticket's SLA standing at `now`, or null when it owes nothing (resolved or closed, no policy,
 * every target met). Pure: `now` is given.
 */
export function slaStanding(ticket: Ticket, config: TierdeskConfig, now: Date): SlaStanding | null {
  if (isFinished(ticket.status)) return null;
  const first = owedDeadlines(ticket)[0];
  if (!first) return null;
  const { target, due } = first;
  if (ticket.sla.pausedSince) {
    const since = new Date(ticket.sla.pausedSince);
    const remainingMs = due.getTime() > since.getTime() ? slaCalendar(config, ticket.sla.policy).businessTimeBetween(since, due) : due.getTime() - since.getTime();
    return { state: 'paused', target, due, remainingMs, overdueMs: null, pausedSince: since, next: null };
  }
  const remainingMs = due.getTime() - now.getTime();
  const next = nextSlaTimer(ticket, config, now);
  if (remainingMs <= 0) return { state: 'overdue', target, due, remainingMs, overdueMs: -remainingMs, pausedSince: null, next };
  return { state: 'due', target, due, remainingMs, overdueMs: null, pausedSince: null, next };
}
