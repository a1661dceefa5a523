/**
 * WIRE CONTRACT. Queue names and job payloads live in Redis across deployments and versions:
 * renaming a queue or changing a payload strands the jobs already waiting in it. Change them only
 * with a migration (drain the old queue, or accept both shapes for one release). Ticket event
 * payloads are versioned by `v` (packages/domain/src/events.ts).
 */
import { changeOf, NOTIFIED_EVENT_TYPES, type MailKind, type TicketEvent, type TicketEventType } from '@tierdesk/domain';

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
 * a service sees only the facts it acts on. `'*'` means every event. Every job costs a BullMQ
 * round (add, fetch, finish, kept as completed), so a type a processor ignores stays off its
 * queue, EVENT_SKIPS drops events of a routed type it ignores and EVENT_COALESCE makes one job of
 * a change's events where one is enough: a new level-1 ticket's four events make 2 jobs instead
 * of 17 (packages/bus/test/event-routes.test.ts keeps the lists complete).
 */
export const EVENT_ROUTES: Readonly<Partial<Record<QueueName, readonly TicketEventType[] | '*'>>> = {
  notify: NOTIFIED_EVENT_TYPES,
  // services/sla-timer SLA_EVENT_TYPES: the events that can move an SLA clock.
  sla: ['ticket.created', 'ticket.classified', 'ticket.escalated', 'ticket.deescalated', 'ticket.priority_changed', 'ticket.status_changed', 'ticket.reopened', 'ticket.replied', 'ticket.resolved', 'ticket.closed'],
  callbacks: ['ticket.classified', 'ticket.escalated', 'ticket.deescalated', 'ticket.resolved', 'ticket.closed', 'message.received', 'callback.outcome', 'callback.scheduled', 'callback.cancelled'],
  vendor: ['ticket.classified', 'ticket.escalated', 'ticket.resolved', 'ticket.closed', 'message.received', 'consent.decided', 'consent.requested', 'consent.voided', 'vendor.handed_off', 'vendor.replied'],
  // Arms the close-unanswered timer when a level-0 ticket is classified; replies are triage's.
  selfhelp: ['ticket.classified'],
};

/**
 * Events of a routed type that a queue's processor is known to ignore, dropped at the relay so
 * they cost no job. Each mirrors the first check of the processor named beside it: change both
 * together (the processors keep their checks, for jobs queued before a change).
 */
export const EVENT_SKIPS: Readonly<Partial<Record<QueueName, (event: TicketEvent) => boolean>>> = {
  // services/mailer notify-processor (domain planCustomerFollowUp): a customer writing again on an existing ticket.
  notify: (e) => e.type === 'message.received' && (e.data.newTicket || e.data.autoSubmitted || e.data.bounce || e.data.role !== 'customer'),
  // services/callback-scheduler event-processor: schedules for level 2; reschedules on a customer's reply.
  callbacks: (e) =>
    (e.type === 'ticket.classified' && e.data.level !== 2) ||
    (e.type === 'message.received' && (e.data.newTicket || e.data.autoSubmitted || e.data.bounce || e.data.role !== 'customer')),
  // services/vendor-handoff vendor-event-processor: level-4 arrivals; messages on existing tickets.
  vendor: (e) => (e.type === 'ticket.classified' && e.data.level !== 4) || (e.type === 'message.received' && (e.data.newTicket || e.data.bounce)),
  // services/triage selfhelp: arms its close timer for level-0 tickets only.
  selfhelp: (e) => e.type === 'ticket.classified' && e.data.level !== 0,
};

/**
 * Queues whose processor acts on the ticket as it is when the job runs, not on the event that
 * made the job: the SLA processor reconciles the clock from the ticket's whole history, so one
 * job per ticket change is as good as one per event. The events of one change (one store
 * transaction: same ticket, same version, written side by side to the outbox) make one job on
 * these queues, for the change's last event routed there: a new ticket's created, classified and
 * status-changed events make one SLA job instead of three. A change split across two relay
 * batches makes a job in each (harmless: the processor is idempotent); a redelivered batch makes
 * the same choice, so the same job id.
 */
export const EVENT_COALESCE: ReadonlySet<QueueName> = new Set<QueueName>(['sla']);

/** The ticket change an event came from (the domain's changeOf), re-exported for the bus's callers. */
export { changeOf };

/**
 * The jobs a batch of outbox events makes, by queue: queuesFor each event, coalesced per change
 * on the EVENT_COALESCE queues. Order within a queue follows the batch.
 */
export function jobsForEvents(events: readonly TicketEvent[]): Map<QueueName, TicketEvent[]> {
  const byQueue = new Map<QueueName, TicketEvent[]>();
  // For a coalescing queue: the change's position in its list, so a later event replaces it.
  const slot = new Map<string, number>();
  for (const event of events) {
    for (const q of queuesFor(event)) {
      const list = byQueue.get(q) ?? [];
      byQueue.set(q, list);
      if (!EVENT_COALESCE.has(q)) {
        list.push(event);
        continue;
      }
      const key = `${q} ${changeOf(event)}`;
      const at = slot.get(key);
      if (at === undefined) {
        slot.set(key, list.length);
        list.push(event);
      } else list[at] = event;
    }
  }
  return byQueue;
}

/** The queues that get a job for `event`: those routed its type, less those that would ignore it. */
export function queuesFor(event: TicketEvent): QueueName[] {
  return queuesForEvent(event.type).filter((q) => !EVENT_SKIPS[q]?.(event));
}

export function queuesForEvent(type: TicketEventType): QueueName[] {
  const out: QueueName[] = [];
  for (const [queue, types] of Object.entries(EVENT_ROUTES) as Array<[QueueName, readonly TicketEventType[] | '*']>) {
    if (types === '*' || types.includes(type)) out.push(queue);
  }
  return out;
}
