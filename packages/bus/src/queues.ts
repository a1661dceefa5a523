/**
 * WIRE CONTRACT. Queue names and job payloads live in Redis across deployments and versions:
 * renaming a queue or changing a payload strands the jobs already waiting in it. Change them only
 * with a migration (drain the old queue, or accept both shapes for one release). Ticket event
 * payloads are versioned by `v` (packages/domain/src/events.ts).
 */
import type { MailKind, TicketEvent, TicketEventType } from '@tierdesk/domain';

/** Jobs that carry ticket events to the services that react to them. */
export interface TicketEventJob {
  event: TicketEvent;
}

export interface IntakeJob {
  rawId: string;
  channel: 'smtp' | 'http' | 'imap';
}

export interface TriageJob {
  messageId: string;
  /** The ticket the message threads into, or null for a new ticket. */
  ticketId: string | null;
}

/** The mail package's OutboundEmail, kept structural here so the bus does not depend on mail. */
export interface OutboundEmailPayload {
  ticketId: string;
  kind: MailKind;
  messageId: string;
  [field: string]: unknown;
}

export interface OutboundJob {
  /** The complete email, rendered when it was decided, so a retry sends exactly the same thing. */
  email: OutboundEmailPayload;
}

export interface TimerJob {
  ticketId: string;
  /** What the timer is for; the processor re-checks the ticket before acting. */
  kind: string;
  /** The ticket version or deadline the timer was armed for, to ignore stale timers. */
  token: string;
  data?: Record<string, unknown>;
}

/** Every queue and the payload its jobs carry. */
export interface QueueJobs {
  intake: IntakeJob;
  triage: TriageJob;
  notify: TicketEventJob;
  outbound: OutboundJob;
  sla: TicketEventJob;
  'sla-timers': TimerJob;
  callbacks: TicketEventJob;
  'callback-timers': TimerJob;
  vendor: TicketEventJob;
  'vendor-timers': TimerJob;
  selfhelp: TicketEventJob;
  'selfhelp-timers': TimerJob;
}

export type QueueName = keyof QueueJobs;

export const QUEUE_NAMES: readonly QueueName[] = [
  'intake',
  'triage',
  'notify',
  'outbound',
  'sla',
  'sla-timers',
  'callbacks',
  'callback-timers',
  'vendor',
  'vendor-timers',
  'selfhelp',
  'selfhelp-timers',
];

/**
 * Which ticket events each event-consuming queue receives. Routing by type keeps queues small:
 * a service sees only the facts it acts on. `'*'` means every event.
 */
export const EVENT_ROUTES: Readonly<Partial<Record<QueueName, readonly TicketEventType[] | '*'>>> = {
  notify: '*',
  sla: '*',
  callbacks: ['ticket.created', 'ticket.classified', 'ticket.escalated', 'ticket.deescalated', 'ticket.resolved', 'ticket.closed', 'message.received', 'callback.outcome', 'callback.scheduled', 'callback.cancelled'],
  vendor: ['ticket.created', 'ticket.classified', 'ticket.escalated', 'ticket.resolved', 'ticket.closed', 'message.received', 'consent.decided', 'consent.requested', 'vendor.handed_off', 'vendor.replied'],
  selfhelp: ['ticket.classified', 'message.received', 'ticket.status_changed'],
};

export function queuesForEvent(type: TicketEventType): QueueName[] {
  const out: QueueName[] = [];
  for (const [queue, types] of Object.entries(EVENT_ROUTES) as Array<[QueueName, readonly TicketEventType[] | '*']>) {
    if (types === '*' || types.includes(type)) out.push(queue);
  }
  return out;
}
