import { randomBytes } from 'node:crypto';
import {
  addIsoDuration,
  chain,
  giveUpUnusableGrant,
  isConsentPending,
  isoDurationMs,
  lastCustomerMessageId,
  mayAnswerCustomer,
  requestConsent,
  type Ticket,
  type VendorConfig,
} from '@tierdesk/domain';
import type { Logger } from '@tierdesk/logger';
import { queueTicketEmail } from '@tierdesk/mailer';
import type { Runtime } from '@tierdesk/runtime';
import { consentLinks } from './consent-links.js';
import { sharedItemsFor } from './shared-content.js';

/** Timer kinds on the `vendor-timers` queue. Wire contract: pending jobs carry these names. */
export const VENDOR_TIMER_KINDS = { consentRemind: 'consent-remind', consentGiveUp: 'consent-give-up', vendorFollowup: 'vendor-followup' } as const;

/**
 * Opens a consent request for `vendor` on the ticket: a fresh nonce (voiding older links) and
 * the link expiry from config. The email and timers follow from the consent.requested event.
 * A grant still on record whose vendor can no longer receive the ticket (its handoff not run
 * yet) is given up first, in the same change, so an agent can choose another vendor.
 */
export async function startConsentRequest(rt: Runtime, ticketId: string, vendor: VendorConfig, reason: string): Promise<Ticket> {
  const now = rt.now();
  const nonce = randomBytes(16).toString('base64url');
  const expiresAt = addIsoDuration(now, rt.config.consent.linkTtl);
  const config = rt.config;
  const { ticket } = await rt.store.update(
    ticketId,
    (t) => {
      const request = (x: Ticket) => requestConsent(x, { vendor, nonce, expiresAt, reason }, now);
      const givenUp = giveUpUnusableGrant(t, config, now);
      return givenUp ? chain(givenUp, request) : request(t);
    },
    now,
  );
  return ticket;
}

/**
 * Emails the customer the consent request of the ticket's open request: what goes to whom,
 * the signed links, their expiry. `key` names the cause (first request, reminder, asking again).
 * Returns false when there is nobody to ask automatically (no address, or an auto-reply opened
 * the ticket): an agent can still record consent taken by phone.
 */
export async function sendConsentRequest(rt: Runtime, ticket: Ticket, key: string, inReplyTo: string | null, log: Logger): Promise<boolean> {
  const vendor = rt.config.vendors.find((v) => v.id === ticket.consent?.vendorId);
  const links = consentLinks(rt, ticket);
  if (!isConsentPending(ticket) || !vendor || !links) return false;
  if (!mayAnswerCustomer(ticket, ticket.messages[0]?.messageId ?? null)) {
    log.warn({ ticketId: ticket.id }, 'consent needed but the customer cannot be emailed automatically; waiting for consent by phone');
    return false;
  }
  await queueTicketEmail(rt, ticket, {
    kind: 'consent-request',
    to: { address: ticket.customer.email, ...(ticket.customer.name ? { name: ticket.customer.name } : {}) },
    language: ticket.language,
    key,
    inReplyTo: inReplyTo ?? lastCustomerMessageId(ticket),
    context: { consent: { vendorName: vendor.name, grantUrl: links.grantUrl, denyUrl: links.denyUrl, shared: await sharedItemsFor(rt, ticket), expiresAt: links.expiresAt } },
  });
  return true;
}

function consentTimerId(kind: string, ticketId: string, nonce: string): string {
  return `${kind}-${ticketId}-${nonce}`;
}

/** Arms the reminder and the give-up timers of the ticket's open request (idempotent per request). */
export async function armConsentTimers(rt: Runtime, ticket: Ticket): Promise<void> {
  const nonce = ticket.consent?.nonce;
  if (!nonce) return;
  const { remindAfter, giveUpAfter } = rt.config.consent;
  const remind = isoDurationMs(remindAfter);
  const giveUp = isoDurationMs(giveUpAfter);
  // A reminder after the give-up would write to a ticket that no longer waits: skip it.
  if (remind < giveUp) {
    await rt.bus.publish(
      'vendor-timers',
      { ticketId: ticket.id, kind: VENDOR_TIMER_KINDS.consentRemind, token: nonce, data: { n: 1 } },
      { jobId: consentTimerId(VENDOR_TIMER_KINDS.consentRemind, ticket.id, nonce), delay: remind },
    );
  }
  await rt.bus.publish(
    'vendor-timers',
    { ticketId: ticket.id, kind: VENDOR_TIMER_KINDS.consentGiveUp, token: nonce },
    { jobId: consentTimerId(VENDOR_TIMER_KINDS.consentGiveUp, ticket.id, nonce), delay: giveUp },
  );
}

/** Removes the pending timers of request `nonce`; tidiness only, since fired timers re-check the ticket. */
export async function cancelConsentTimers(rt: Runtime, ticketId: string, nonce: string): Promise<void> {
  await rt.bus.cancel('vendor-timers', consentTimerId(VENDOR_TIMER_KINDS.consentRemind, ticketId, nonce));
  await rt.bus.cancel('vendor-timers', consentTimerId(VENDOR_TIMER_KINDS.consentGiveUp, ticketId, nonce));
}
