export const TICKET_STATUSES = [
  'new',
  'open',
  'waiting_customer',
  'callback_scheduled',
  'waiting_consent',
  'waiting_vendor',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export function isTicketStatus(value: unknown): value is TicketStatus {
  return typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value);
}

/** Statuses in which the SLA clock stands still (CONTRACT §7). */
export const SLA_PAUSED_STATUSES: readonly TicketStatus[] = ['waiting_customer', 'waiting_consent'];

export function isSlaPaused(status: TicketStatus): boolean {
  return SLA_PAUSED_STATUSES.includes(status);
}

export function isFinished(status: TicketStatus): boolean {
  return status === 'resolved' || status === 'closed';
}
