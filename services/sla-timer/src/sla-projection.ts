import {
  isSlaPaused,
  pauseSla,
  reprioritiseSla,
  resumeSla,
  slaCalendar,
  startSla,
  type Ticket,
  type TicketEventType,
  type TicketSla,
  type TierdeskConfig,
} from '@tierdesk/domain';

/** Ticket events that can move the SLA clock or change which deadline is next; the rest are ignored. */
export const SLA_EVENT_TYPES: ReadonlySet<TicketEventType> = new Set<TicketEventType>([
  'ticket.created',
  'ticket.classified',
  'ticket.escalated',
  'ticket.deescalated',
  'ticket.priority_changed',
  'ticket.status_changed',
  'ticket.reopened',
  'ticket.replied',
  'ticket.resolved',
  'ticket.closed',
]);

/**
 * The SLA clock a ticket's history implies, replayed from its events, each at its own time: the
 * first classification, an escalation or a reopening starts a clock (CONTRACT §7), a priority
 * change re-picks the policy and recomputes its deadlines from that clock's start, entering waiting_customer/waiting_consent pauses it and leaving resumes it. A pure function
 * of the history, so a replayed, duplicated or reordered event job can never restart the clock
 * twice, and processing lag never shortens a deadline. Recorded warnings and breaches are kept.
 */
export function projectSla(ticket: Ticket, config: TierdeskConfig): TicketSla {
  const records = { breaches: ticket.sla.breaches, warnings: ticket.sla.warnings ?? [] };
  let t: Ticket = {
    ...ticket,
    status: 'new',
    firstResponseAt: null,
    sla: { policy: null, firstResponseDue: null, resolutionDue: null, pausedSince: null, startedAt: null, pausedMs: 0, clock: 0, ...records },
  };
  let classified = false;
  const start = (at: Date) => (t = { ...t, sla: startSla(t, config, at) });
  for (const e of ticket.events) {
    const at = new Date(e.at);
    switch (e.type) {
      case 'ticket.created':
        t = { ...t, level: e.data.level, priority: e.data.priority };
        break;
      case 'ticket.classified': {
        const changed = !classified || t.level !== e.data.level || t.priority !== e.data.priority;
        classified = true;
        t = { ...t, level: e.data.level, priority: e.data.priority };
        if (changed) start(at);
        break;
      }
      case 'ticket.escalated':
      case 'ticket.deescalated':
        t = { ...t, level: e.data.to };
        start(at);
        break;
      case 'ticket.priority_changed':
        // The new priority's policy, its deadlines counted from the running clock's start (sla/reprioritise-sla.ts).
        t = { ...t, priority: e.data.to };
        t = { ...t, sla: reprioritiseSla(t, config, at) };
        break;
      case 'ticket.reopened':
        // A reopened ticket is worked again: a fresh clock, not one that ran on while it was resolved.
        start(at);
        break;
      case 'ticket.status_changed': {
        const wasPaused = isSlaPaused(t.status);
        const paused = isSlaPaused(e.data.to);
        t = { ...t, status: e.data.to };
        if (!wasPaused && paused) t = { ...t, sla: pauseSla(t.sla, at) };
        if (wasPaused && !paused) t = { ...t, sla: resumeSla(t.sla, slaCalendar(config, t.sla.policy), at) };
        break;
      }
      case 'ticket.replied':
        if (e.data.firstResponse && t.firstResponseAt === null) t = { ...t, firstResponseAt: e.at };
        break;
      default:
        break;
    }
  }
  return { ...t.sla, ...records };
}

/** Whether two SLA states run the same clock (records aside). */
export function sameSlaClock(a: TicketSla, b: TicketSla): boolean {
  return (
    a.policy === b.policy &&
    a.firstResponseDue === b.firstResponseDue &&
    a.resolutionDue === b.resolutionDue &&
    a.pausedSince === b.pausedSince &&
    (a.startedAt ?? null) === (b.startedAt ?? null) &&
    (a.pausedMs ?? 0) === (b.pausedMs ?? 0) &&
    (a.clock ?? 0) === (b.clock ?? 0)
  );
}
