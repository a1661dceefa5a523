import type { ParsedInbound } from '@tierdesk/intake';
import type { SenderRole, TicketMessage, TierdeskConfig, Ticket } from '@tierdesk/domain';

/** What intake stored for triage: the parsed message plus where it came from. */
export type StoredInbound = ParsedInbound & { rawId: string; channel: string; receivedAt: string };

const MAX_TEXT = 64 * 1024;

/** Our mails to a vendor: whoever answers one of them writes for the vendor. */
const VENDOR_KINDS: ReadonlySet<string> = new Set(['vendor-handoff', 'vendor-followup']);

/**
 * Who wrote a message on `ticket`. A reply to our handoff or follow-up counts as the vendor's even
 * from another address (their engineer, their ticket system): In-Reply-To/References name a
 * Message-ID only the vendor received.
 */
export function senderRole(
  email: string | null,
  ticket: Pick<Ticket, 'customer' | 'vendor' | 'messages'> | null,
  config: Pick<TierdeskConfig, 'agents' | 'vendors'>,
  answers: readonly string[] = [],
): SenderRole {
  if (!email) return 'unknown';
  const e = email.toLowerCase();
  if (ticket && ticket.customer.email.toLowerCase() === e) return 'customer';
  if (ticket?.vendor && ticket.vendor.email.toLowerCase() === e) return 'vendor';
  if (config.agents.some((a) => a.email.toLowerCase() === e)) return 'agent';
  if (config.vendors.some((v) => v.email.toLowerCase() === e)) return 'vendor';
  if (ticket?.vendor?.handedOffAt && answersVendorMail(ticket, answers)) return 'vendor';
  return ticket ? 'unknown' : 'customer';
}

function answersVendorMail(ticket: Pick<Ticket, 'messages'>, answers: readonly string[]): boolean {
  const ids = new Set(answers);
  return ticket.messages.some((m) => m.direction === 'out' && m.kind !== null && VENDOR_KINDS.has(m.kind) && ids.has(m.messageId));
}

export function toTicketMessage(m: StoredInbound, role: SenderRole): TicketMessage {
  return {
    messageId: m.messageId,
    direction: 'in',
    kind: null,
    from: m.from?.email ?? '',
    at: m.date && !Number.isNaN(Date.parse(m.date)) ? new Date(m.date).toISOString() : m.receivedAt,
    to: m.to,
    subject: m.subject,
    role,
    text: m.text.length > MAX_TEXT ? `${m.text.slice(0, MAX_TEXT)}\n[… truncated; the raw message is kept]` : m.text,
    autoSubmitted: m.autoSubmitted.auto,
    bounce: Boolean(m.bounce),
  };
}

/** Best guess of the customer's time zone from the Date header's offset, e.g. +0200 → UTC+2. */
export function timezoneFromOffset(offsetMinutes: number | null): string | null {
  if (offsetMinutes === null) return null;
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const h = Math.floor(abs / 60);
  const mm = abs % 60;
  return `UTC${sign}${h}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`;
}
