import type { Level } from './levels.js';
import type { Priority } from './priority.js';
import type { TicketStatus } from './status.js';
import type { TicketEvent } from './events.js';

export type Direction = 'in' | 'out';

/** Email kinds of CONTRACT §3; every outbound email about a ticket carries exactly one. */
export const MAIL_KINDS = [
  'ack',
  'kb-answer',
  'agent-notification',
  'sla-warning',
  'sla-breach',
  'callback-scheduled',
  'callback-reminder',
  'consent-request',
  'vendor-handoff',
  'vendor-followup',
  'agent-reply',
  'resolved',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export type SenderRole = 'customer' | 'vendor' | 'agent' | 'unknown';

export interface TicketMessage {
  messageId: string;
  direction: Direction;
  kind: MailKind | null;
  from: string;
  at: string;
  /** Extensions beyond CONTRACT §5. */
  to?: string[];
  subject?: string;
  role?: SenderRole;
  /** Plain-text body, trimmed to a sane length for display; the raw message stays in the store. */
  text?: string;
  autoSubmitted?: boolean;
  bounce?: boolean;
}

export interface SlaBreach {
  target: 'firstResponse' | 'resolution';
  at: string;
  /** Extensions: the deadline that passed, and the SLA clock it belonged to (TicketSla.clock). */
  due?: string;
  clock?: number;
}

/** A recorded pre-breach warning: the same shape as a breach. */
export type SlaWarning = SlaBreach;

export interface TicketSla {
  policy: string | null;
  firstResponseDue: string | null;
  resolutionDue: string | null;
  pausedSince: string | null;
  breaches: SlaBreach[];
  /** Extensions: when the clock started and how much paused time has been added to deadlines. */
  startedAt?: string | null;
  pausedMs?: number;
  warnings?: SlaWarning[];
  /**
   * Counts the starts of the SLA clock (a new policy on escalation or priority change); warnings
   * and breaches count once per clock, so a new team's deadlines fire even after an old breach.
   */
  clock?: number;
}

export interface CallbackState {
  status: 'scheduled' | 'reached' | 'failed' | 'cancelled';
  slotStart: string;
  slotEnd: string;
  agent: string;
  attempts: number;
  customerTimezone: string;
  timezoneSource: 'customer' | 'date-header' | 'team';
  notes?: string | null;
}

export interface ConsentState {
  /** `void`: a grant given up unused, its vendor gone from the config or without email (unusable-grant.ts). */
  status: 'requested' | 'granted' | 'denied' | 'expired' | 'void';
  vendorId: string;
  requestedAt: string;
  decidedAt: string | null;
  channel: 'link' | 'reply' | 'phone' | null;
  reminders: number;
  /** Extensions: the current request's link nonce (a new request voids older links), link expiry, and the messages promised to the vendor. */
  nonce?: string;
  expiresAt?: string | null;
  messageIds?: string[];
}

export interface VendorState {
  id: string;
  name: string;
  email: string;
  handedOffAt: string | null;
  externalRef: string | null;
  followups: number;
  lastReplyAt: string | null;
  /** Extension: the vendor's latest message, so a retried job records a reply once. */
  lastReplyMessageId?: string | null;
}

export interface TriageSummary {
  confidence: number;
  needsTriage: boolean;
  explanation: string[];
  kb: string[];
  vendor: string | null;
}

export interface Customer {
  email: string;
  name: string;
  /** Known time zone of the customer (IANA), when a record says so. */
  timezone?: string | null;
  /** Fixed-offset zone guessed from the Date header of their first email, e.g. "UTC+2". */
  dateTimezone?: string | null;
}

export interface Ticket {
  id: string;
  subject: string;
  status: TicketStatus;
  level: Level;
  priority: Priority;
  category: string | null;
  language: string;
  customer: Customer;
  createdAt: string;
  updatedAt: string;
  sla: TicketSla;
  callback: CallbackState | null;
  consent: ConsentState | null;
  vendor: VendorState | null;
  messages: TicketMessage[];
  events: TicketEvent[];
  /** Extensions beyond CONTRACT §5. */
  version: number;
  flags: string[];
  triage: TriageSummary | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  resolution: string | null;
}

export function ticketNumber(id: string): number | null {
  const m = /^TD-(\d+)$/.exec(id);
  return m ? Number(m[1]) : null;
}

export function formatTicketId(n: number): string {
  return `TD-${n}`;
}
