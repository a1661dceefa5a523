import type { Level } from './levels.js';
import type { Priority } from './priority.js';
import type { TicketStatus } from './status.js';
import type { MailKind } from './ticket.js';

/**
 * Ticket events: the facts services exchange over the bus and the ticket keeps as its history.
 * `v` is the schema version of `data`; consumers ignore versions they do not know rather than
 * guessing, so a rolling upgrade never misreads an event.
 */
export interface EventDataMap {
  'ticket.created': { level: Level; priority: Priority; category: string | null; language: string; messageId: string };
  'message.received': { messageId: string; from: string; role: 'customer' | 'vendor' | 'agent' | 'unknown'; autoSubmitted: boolean; bounce: boolean; newTicket: boolean };
  'message.sent': { messageId: string; kind: MailKind; to: string[] };
  'ticket.classified': { level: Level; category: string | null; language: string; confidence: number; needsTriage: boolean; explanation: string[]; kb: string[]; vendor: string | null; priority: Priority };
  'ticket.escalated': { from: Level; to: Level; reason: string; by: string };
  'ticket.deescalated': { from: Level; to: Level; reason: string; by: string };
  'ticket.status_changed': { from: TicketStatus; to: TicketStatus; reason: string };
  /** `reason` null when the agent gave none. */
  'ticket.priority_changed': { from: Priority; to: Priority; reason: string | null; by: string };
  'ticket.replied': { agent: string; messageId: string; firstResponse: boolean };
  'ticket.resolved': { resolution: string; by: string };
  'ticket.reopened': { reason: string };
  'ticket.closed': { reason: string };
  'ticket.flagged': { flag: string; reason: string };
  /** An agent's verdict on the classification; a corrected level also moves the ticket (escalated/deescalated beside it). */
  'ticket.triage_reviewed': { verdict: 'confirmed' | 'corrected'; level: Level; category: string | null; previousLevel: Level; previousCategory: string | null; by: string; reason: string | null };
  'sla.armed': { policy: string | null; firstResponseDue: string | null; resolutionDue: string | null };
  'sla.warning': { target: 'firstResponse' | 'resolution'; due: string };
  'sla.breached': { target: 'firstResponse' | 'resolution'; due: string };
  'callback.scheduled': { slotStart: string; slotEnd: string; agent: string; attempt: number; reason: string };
  'callback.outcome': { outcome: 'reached' | 'no-answer'; attempt: number; notes: string };
  'callback.cancelled': { reason: string };
  'consent.requested': { vendorId: string };
  /** `by`: the agent who took a phone consent (absent for the customer's own link or reply). */
  'consent.decided': { granted: boolean; channel: 'link' | 'reply' | 'phone'; vendorId: string; by?: string };
  /** A grant given up unused: its vendor is no longer configured or has no email (consent/unusable-grant.ts). */
  'consent.voided': { vendorId: string; cause: 'not-configured' | 'no-email'; reason: string };
  'vendor.handed_off': { vendorId: string; messageId: string };
  'vendor.replied': { vendorId: string; messageId: string; externalRef: string | null };
  'vendor.followed_up': { vendorId: string; count: number };
  'notification.requested': { kind: MailKind; to: string[]; reason: string };
}

export type TicketEventType = keyof EventDataMap;

export interface TicketEventOf<T extends TicketEventType> {
  /** Unique and deterministic where the cause is (e.g. `TD-3:4` = 4th event of TD-3). */
  id: string;
  type: T;
  v: 1;
  ticketId: string;
  at: string;
  data: EventDataMap[T];
}

export type TicketEvent = { [K in TicketEventType]: TicketEventOf<K> }[TicketEventType];

/** An event before the store gives it its place in the ticket's history. */
export type NewTicketEvent = { [K in TicketEventType]: { type: K; data: EventDataMap[K] } }[TicketEventType];

export function newEvent<T extends TicketEventType>(type: T, data: EventDataMap[T]): NewTicketEvent {
  return { type, data } as NewTicketEvent;
}

/**
 * The ticket change an event came from: its id up to the index within the change (`TD-7:3.1` →
 * `TD-7:3`; the store numbers a change's events `<ticket>:<version>.<i>`).
 */
export function changeOf(event: Pick<TicketEvent, 'id'>): string {
  const dot = event.id.lastIndexOf('.');
  return dot > 0 ? event.id.slice(0, dot) : event.id;
}

export function isEventOf<T extends TicketEventType>(e: TicketEvent, type: T): e is Extract<TicketEvent, { type: T }> {
  return e.type === type;
}
