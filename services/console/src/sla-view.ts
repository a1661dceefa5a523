import { isSlaPaused, slaCalendar, type SlaTarget, type Ticket, type TicketStatus, type TierdeskConfig } from '@tierdesk/domain';

/**
 * Where a ticket stands against one SLA deadline. Time left is business time when the policy
 * runs on business hours (a deadline on Monday morning is not "66 hours away" on Friday
 * evening), and frozen while the ticket waits on the customer.
 */
export interface Countdown {
  target: SlaTarget;
  due: string;
  /** running: counting down now; stopped: outside business hours; paused: ticket waiting; overdue; met. */
  state: 'running' | 'stopped' | 'paused' | 'overdue' | 'met';
  /** Business milliseconds left, or for overdue the real time since the deadline. */
  ms: number;
}

export function countdowns(ticket: Ticket, config: TierdeskConfig, now: Date): Countdown[] {
  const sla = ticket.sla;
  const calendar = slaCalendar(config, sla.policy);
  const out: Countdown[] = [];
  const finished = ticket.resolvedAt !== null || ticket.status === 'resolved' || ticket.status === 'closed';
  // Resolving answers the customer too (the `resolved` email), so it also settles the first response.
  const targets: Array<[SlaTarget, string | null, boolean]> = [
    ['firstResponse', sla.firstResponseDue, ticket.firstResponseAt !== null || finished],
    ['resolution', sla.resolutionDue, finished],
  ];
  for (const [target, due, met] of targets) {
    if (!due) continue;
    const dueAt = new Date(due);
    if (met) {
      out.push({ target, due, state: 'met', ms: 0 });
      continue;
    }
    if (sla.pausedSince) {
      const since = new Date(sla.pausedSince);
      out.push(dueAt > since ? { target, due, state: 'paused', ms: calendar.businessTimeBetween(since, dueAt) } : { target, due, state: 'overdue', ms: since.getTime() - dueAt.getTime() });
      continue;
    }
    if (now >= dueAt) {
      out.push({ target, due, state: 'overdue', ms: now.getTime() - dueAt.getTime() });
      continue;
    }
    out.push({ target, due, state: calendar.isOpen(now) ? 'running' : 'stopped', ms: calendar.businessTimeBetween(now, dueAt) });
  }
  return out;
}

/** The deadline that matters next: the first one not yet met. */
export function nextCountdown(ticket: Ticket, config: TierdeskConfig, now: Date): Countdown | null {
  return countdowns(ticket, config, now).find((c) => c.state !== 'met') ?? null;
}

/** One stretch during which the SLA clock stood still (`to` null: still paused). */
export interface SlaPause {
  from: string;
  to: string | null;
  /** The status the ticket waited in (waiting_customer or waiting_consent). */
  status: TicketStatus;
}

/**
 * The ticket's SLA pauses, from its status changes: into waiting_customer/waiting_consent stops
 * the clock, out of them starts it again (CONTRACT §7). Only once an SLA policy applies.
 */
export function slaPauses(ticket: Pick<Ticket, 'events' | 'sla'>): SlaPause[] {
  if (ticket.sla.policy === null) return [];
  const out: SlaPause[] = [];
  let open: SlaPause | null = null;
  let status: TicketStatus | null = null;
  // Tickets from before sla.armed events existed count from the start.
  let armed = !ticket.events.some((e) => e.type === 'sla.armed');
  const pause = (from: string, waitingIn: TicketStatus) => {
    open = { from, to: null, status: waitingIn };
    out.push(open);
  };
  for (const e of ticket.events) {
    if (e.type === 'sla.armed' && !armed) {
      armed = true;
      // A clock armed while the ticket already waits starts paused.
      if (status !== null && isSlaPaused(status)) pause(e.at, status);
    } else if (e.type === 'ticket.status_changed') {
      status = e.data.to;
      if (!armed) continue;
      if (isSlaPaused(e.data.to) && !open) pause(e.at, e.data.to);
      else if (!isSlaPaused(e.data.to) && open) {
        (open as SlaPause).to = e.at;
        open = null;
      }
    }
  }
  return out;
}

/** "2d 3h", "4h 05m", "12m 30s": the same format as the browser's live countdown. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}m ${String(sec).padStart(2, '0')}s`;
}
