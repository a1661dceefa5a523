import type { VendorConfig } from '../config-types.js';
import { TransitionNotAllowedError } from '../errors.js';
import { newEvent } from '../events.js';
import { isFinished } from '../status.js';
import type { ConsentState, Ticket } from '../ticket.js';
import { chain, changeStatus, type TicketChange } from '../ticket-commands.js';
import { VendorWithoutEmailError } from '../vendor/vendor-errors.js';
import { ConsentNotPendingError } from './consent-errors.js';
import { keepInHouse } from './keep-in-house.js';
import { sharedMessageIds } from './shared-items.js';

export type ConsentChannel = NonNullable<ConsentState['channel']>;

export interface ConsentRequestInput {
  vendor: VendorConfig;
  /** Random, from the caller: it binds the links of this request and voids older ones. */
  nonce: string;
  /** When the links stop working (config consent.linkTtl after now). */
  expiresAt: string;
  reason: string;
}

/**
 * Asks the customer before anything goes to `vendor` (seed: level 4 only "after consultation with
 * the customer"): the ticket waits for consent, the SLA clock pauses, and the consent records
 * which messages were promised to the vendor. Asking again about the vendor already asked is a
 * no-op; naming another vendor voids the old links.
 */
export function requestConsent(ticket: Ticket, input: ConsentRequestInput, now: Date): TicketChange {
  if (isFinished(ticket.status)) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} is ${ticket.status}; nothing goes to a vendor.`, { ticketId: ticket.id, status: ticket.status });
  }
  if (ticket.level !== 4) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} is at level ${ticket.level}; only level-4 tickets go to a vendor. Escalate it to level 4 first.`, {
      ticketId: ticket.id,
      level: ticket.level,
    });
  }
  if (!input.vendor.email.trim()) throw new VendorWithoutEmailError(input.vendor.id);
  const consent = ticket.consent;
  if (consent?.status === 'granted' || ticket.status === 'waiting_vendor') {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} is already with vendor ${ticket.vendor?.id ?? consent?.vendorId ?? '?'}.`, {
      ticketId: ticket.id,
      vendor: ticket.vendor?.id ?? consent?.vendorId ?? null,
    });
  }
  if (consent?.status === 'requested' && consent.vendorId === input.vendor.id) return { ticket, events: [] };
  const requested: Ticket = {
    ...ticket,
    consent: {
      status: 'requested',
      vendorId: input.vendor.id,
      requestedAt: now.toISOString(),
      decidedAt: null,
      channel: null,
      reminders: 0,
      nonce: input.nonce,
      expiresAt: input.expiresAt,
      messageIds: sharedMessageIds(ticket),
    },
    flags: ticket.flags.filter((f) => f !== 'needs-vendor'),
    updatedAt: now.toISOString(),
  };
  return chain({ ticket: requested, events: [newEvent('consent.requested', { vendorId: input.vendor.id })] }, (t) =>
    changeStatus(t, 'waiting_consent', input.reason, now),
  );
}

/**
 * Records the customer's answer, once. A grant leaves the ticket waiting for the handoff that
 * follows it; a denial keeps the ticket in house at level 3 and nothing reaches the vendor.
 */
export function recordConsentDecision(ticket: Ticket, decision: { granted: boolean; channel: ConsentChannel; by?: string }, now: Date): TicketChange {
  const consent = ticket.consent;
  if (isFinished(ticket.status)) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} has been ${ticket.status} meanwhile; consent no longer applies.`, { ticketId: ticket.id, status: ticket.status });
  }
  if (!consent || consent.status !== 'requested') throw new ConsentNotPendingError(ticket.id, consent?.status ?? null, ticket.status);
  const at = now.toISOString();
  const decided: Ticket = {
    ...ticket,
    consent: { ...consent, status: decision.granted ? 'granted' : 'denied', decidedAt: at, channel: decision.channel },
    updatedAt: at,
  };
  const change: TicketChange = {
    ticket: decided,
    events: [newEvent('consent.decided', { granted: decision.granted, channel: decision.channel, vendorId: consent.vendorId, ...(decision.by ? { by: decision.by } : {}) })],
  };
  if (decision.granted) return change;
  return chain(change, (t) => keepInHouse(t, `The customer did not consent to handing the ticket to vendor ${consent.vendorId} (${decision.channel}${decision.by ? `, recorded by ${decision.by}` : ''}); it stays with our product experts.`, now));
}

/** No answer in time: the request lapses and the ticket stays in house. Stale calls change nothing. */
export function expireConsent(ticket: Ticket, nonce: string, waited: string, now: Date): TicketChange | null {
  const consent = ticket.consent;
  if (isFinished(ticket.status) || consent?.status !== 'requested' || consent.nonce !== nonce) return null;
  const expired: Ticket = { ...ticket, consent: { ...consent, status: 'expired', decidedAt: now.toISOString() }, updatedAt: now.toISOString() };
  return keepInHouse(expired, `The customer did not answer the consent request for vendor ${consent.vendorId} within ${waited}; the ticket stays with our product experts.`, now);
}

/**
 * Notes reminder number `n` of the open request `nonce`. Null when the request is no longer open
 * or reminder `n` is already on record (a retried timer job).
 */
export function recordConsentReminder(ticket: Ticket, nonce: string, n: number, now: Date): TicketChange | null {
  const consent = ticket.consent;
  if (!isConsentPending(ticket, nonce) || !consent || consent.reminders >= n) return null;
  return {
    ticket: { ...ticket, consent: { ...consent, reminders: n }, updatedAt: now.toISOString() },
    events: [newEvent('notification.requested', { kind: 'consent-request', to: ticket.customer.email ? [ticket.customer.email] : [], reason: `consent reminder ${n}` })],
  };
}

/**
 * The ticket was resolved or closed while the customer had not answered: the request lapses, so
 * its links stay dead even if the ticket is reopened later. Null when nothing was pending.
 */
export function withdrawConsentRequest(ticket: Ticket, now: Date): TicketChange | null {
  const consent = ticket.consent;
  if (!isFinished(ticket.status) || consent?.status !== 'requested') return null;
  return { ticket: { ...ticket, consent: { ...consent, status: 'expired', decidedAt: now.toISOString() }, updatedAt: now.toISOString() }, events: [] };
}

/** Whether the consent request `nonce` is still open on the ticket (timers and resends check this). */
export function isConsentPending(ticket: Ticket, nonce?: string): boolean {
  const c = ticket.consent;
  return !isFinished(ticket.status) && c?.status === 'requested' && (nonce === undefined || c.nonce === nonce);
}
