import type { VendorConfig } from '../config-types.js';
import { TransitionNotAllowedError } from '../errors.js';
import { newEvent } from '../events.js';
import { isFinished } from '../status.js';
import type { Ticket } from '../ticket.js';
import { chain, changeStatus, type TicketChange } from '../ticket-commands.js';
import { VendorWithoutEmailError } from './vendor-errors.js';

/**
 * Hands the ticket to `vendor` once the handoff email `messageId` is queued: the vendor becomes a
 * party of the ticket (its replies thread back) and the ticket waits for it. Only with the
 * customer's consent for this very vendor; the state machine checks consent again. A repeat for
 * the same vendor changes nothing.
 */
export function handOffToVendor(ticket: Ticket, vendor: VendorConfig, messageId: string, now: Date): TicketChange {
  if (ticket.vendor?.id === vendor.id && ticket.vendor.handedOffAt) return { ticket, events: [] };
  const consent = ticket.consent;
  if (isFinished(ticket.status)) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} is ${ticket.status}; nothing goes to a vendor.`, { ticketId: ticket.id, status: ticket.status });
  }
  if (consent?.status !== 'granted' || consent.vendorId !== vendor.id) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} has no consent on record for vendor ${vendor.id}.`, {
      ticketId: ticket.id,
      vendor: vendor.id,
      consent: consent?.status ?? null,
    });
  }
  if (!vendor.email.trim()) throw new VendorWithoutEmailError(vendor.id);
  const at = now.toISOString();
  const withVendor: Ticket = {
    ...ticket,
    vendor: { id: vendor.id, name: vendor.name, email: vendor.email, handedOffAt: at, externalRef: null, followups: 0, lastReplyAt: null, lastReplyMessageId: null },
    updatedAt: at,
  };
  return chain({ ticket: withVendor, events: [newEvent('vendor.handed_off', { vendorId: vendor.id, messageId })] }, (t) =>
    changeStatus(t, 'waiting_vendor', `handed to vendor ${vendor.id} with the customer's consent`, now),
  );
}

/**
 * The vendor answered: remembers its own ticket number (first one seen wins) and gives the ball
 * back to our agents — a ticket waiting for the vendor is open again, since the answer needs a
 * person to read it and tell the customer. Null when the ticket has no vendor or already holds
 * this reply.
 */
export function recordVendorReply(ticket: Ticket, messageId: string, externalRef: string | null, now: Date): TicketChange | null {
  const vendor = ticket.vendor;
  if (!vendor?.handedOffAt || vendor.lastReplyMessageId === messageId) return null;
  const at = now.toISOString();
  const ref = vendor.externalRef ?? externalRef;
  const replied: Ticket = { ...ticket, vendor: { ...vendor, externalRef: ref, lastReplyAt: at, lastReplyMessageId: messageId }, updatedAt: at };
  const change: TicketChange = { ticket: replied, events: [newEvent('vendor.replied', { vendorId: vendor.id, messageId, externalRef: ref })] };
  if (ticket.status !== 'waiting_vendor') return change;
  return chain(change, (t) => changeStatus(t, 'open', `vendor ${vendor.id} replied`, now));
}

/** What a vendor follow-up timer should do when it fires. */
export type VendorFollowupStep = 'followup' | 'tell-agents' | 'none';

/**
 * The state a follow-up timer is armed for: a timer armed before the vendor replied or before
 * the previous follow-up went out no longer matches and does nothing.
 */
export function vendorFollowupToken(ticket: Ticket): string | null {
  const v = ticket.vendor;
  if (!v?.handedOffAt) return null;
  return `${v.handedOffAt}|${v.followups}|${v.lastReplyMessageId ?? ''}`;
}

/** Vendor silence: follow up while fewer than `maxFollowups` went out, then tell the agents once. */
export function nextVendorFollowup(ticket: Ticket, token: string, maxFollowups: number): VendorFollowupStep {
  if (ticket.status !== 'waiting_vendor' || vendorFollowupToken(ticket) !== token) return 'none';
  if (ticket.flags.includes('vendor-silent')) return 'none';
  return (ticket.vendor?.followups ?? 0) < maxFollowups ? 'followup' : 'tell-agents';
}

/** Follow-up number `n` went out; null when it is already on record. */
export function recordVendorFollowup(ticket: Ticket, n: number, now: Date): TicketChange | null {
  const vendor = ticket.vendor;
  if (!vendor || vendor.followups >= n) return null;
  return {
    ticket: { ...ticket, vendor: { ...vendor, followups: n }, updatedAt: now.toISOString() },
    events: [newEvent('vendor.followed_up', { vendorId: vendor.id, count: n })],
  };
}

/**
 * An automatic vendor message (their "we opened case INC12345" acknowledgement): keeps their
 * ticket number if none is known yet, and nothing else — it is no answer, so the ticket keeps
 * waiting and follow-ups keep their schedule.
 */
export function rememberVendorRef(ticket: Ticket, ref: string | null, now: Date): TicketChange | null {
  const vendor = ticket.vendor;
  if (!vendor?.handedOffAt || !ref || vendor.externalRef) return null;
  return { ticket: { ...ticket, vendor: { ...vendor, externalRef: ref }, updatedAt: now.toISOString() }, events: [] };
}
