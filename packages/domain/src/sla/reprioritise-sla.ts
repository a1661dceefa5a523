import { calendarFor } from '../calendar/calendar-for.js';
import { computeDeadline } from '../calendar/compute-deadline.js';
import type { TierdeskConfig } from '../config-types.js';
import type { Ticket, TicketSla } from '../ticket.js';
import { startSla } from './sla-clock.js';
import { matchPolicy } from './sla-policy.js';

/**
 * The SLA clock after a priority change (the ticket already carries its new priority). The policy
 * is picked anew (first match by level and priority), and, as Zammad and most helpdesks do, its
 * deadlines are recomputed from when the running clock started (the ticket's opening, or its last
 * escalation or reopening) rather than restarted: the time already spent counts, so raising a
 * ticket to urgent brings its deadlines forward, possibly into the past (it is then overdue at
 * once). Business time spent paused so far is added back, a paused clock stays paused (resuming
 * moves the deadlines as usual), a first response already given keeps its old deadline as
 * history, and recorded warnings and breaches stay recorded. The same policy keeps the clock as
 * it is; another one counts as a new clock, so its deadlines warn and breach even after an old
 * breach. A ticket with no running clock (no policy matched before) starts a fresh one now.
 */
export function reprioritiseSla(ticket: Ticket, config: TierdeskConfig, now: Date): TicketSla {
  const prev = ticket.sla;
  const policy = matchPolicy(config.sla.policies, ticket.level, ticket.priority);
  if (policy?.name === prev.policy && prev.policy !== null) return prev;
  if (!prev.startedAt || policy === null) return startSla(ticket, config, now);
  const calendar = calendarFor(policy.calendar, config);
  const started = new Date(prev.startedAt);
  const pausedMs = prev.pausedMs ?? 0;
  const due = (duration: string | null): string | null => {
    if (duration === null) return null;
    const d = computeDeadline(started, duration, calendar);
    return (pausedMs > 0 ? calendar.addBusinessTime(d, pausedMs) : d).toISOString();
  };
  return {
    ...prev,
    policy: policy.name,
    firstResponseDue: ticket.firstResponseAt === null ? due(policy.firstResponse) : prev.firstResponseDue,
    resolutionDue: due(policy.resolution),
    warnings: prev.warnings ?? [],
    clock: (prev.clock ?? 0) + 1,
  };
}
