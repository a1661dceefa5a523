import {
  giveUpUnusableGrant,
  handOffToVendor,
  handoffNotice,
  handoffSummary,
  isFinished,
  isoDurationMs,
  lastCustomerMessageId,
  messagesToShare,
  unusableGrant,
  vendorFollowupToken,
  type Ticket,
} from '@tierdesk/domain';
import type { Logger } from '@tierdesk/logger';
import { parseMailbox } from '@tierdesk/mail';
import { queueTicketEmail } from '@tierdesk/mailer';
import type { Runtime } from '@tierdesk/runtime';
import { VENDOR_TIMER_KINDS } from './consent-request.js';
import { attachmentsToShare } from './shared-content.js';

/** Whether the ticket may go to its vendor now: consent granted, still open, not handed over yet. */
function readyForHandoff(ticket: Ticket): boolean {
  return ticket.consent?.status === 'granted' && !isFinished(ticket.status) && !ticket.vendor?.handedOffAt;
}

/**
 * Gives up the ticket's grant if its vendor can no longer receive it (gone from the config, or
 * without email): consent.voided, the ticket open again and flagged needs-vendor; that event has
 * the level-4 agents told (vendor-event-processor). Returns whether it did.
 */
export async function giveUpGrantIfUnusable(rt: Runtime, ticketId: string, log: Logger): Promise<boolean> {
  const now = rt.now();
  const { events } = await rt.store.update(ticketId, (t) => giveUpUnusableGrant(t, rt.config, now), now);
  const voided = events.find((e) => e.type === 'consent.voided');
  if (voided?.type === 'consent.voided') log.warn({ ticketId, vendor: voided.data.vendorId, cause: voided.data.cause }, 'consent given up: its vendor cannot receive the ticket');
  return voided !== undefined;
}

/**
 * Hands a ticket to the vendor its customer consented to: the `vendor-handoff` email (summary,
 * consent time, the promised messages, attachments if allowed; Reply-To our intake address),
 * then the ticket waits for the vendor, then the customer is told. Re-reads the ticket first:
 * without consent on record nothing is sent, and a vendor no longer configured (or without
 * email) gets nothing either: the grant is given up instead (giveUpGrantIfUnusable). Retry-safe
 * end to end (deterministic keys).
 */
export async function handOff(rt: Runtime, ticketId: string, log: Logger): Promise<Ticket | null> {
  const ticket = await rt.store.get(ticketId);
  if (!ticket || !readyForHandoff(ticket)) return null;
  if (unusableGrant(ticket, rt.config)) {
    await giveUpGrantIfUnusable(rt, ticketId, log);
    return null;
  }
  const consent = ticket.consent!;
  const vendor = rt.config.vendors.find((v) => v.id === consent.vendorId)!;
  const shared = messagesToShare(ticket);
  const replyTo = parseMailbox(rt.env.mailFrom)?.address;
  const email = await queueTicketEmail(rt, ticket, {
    kind: 'vendor-handoff',
    to: { address: vendor.email, name: vendor.name },
    language: vendor.language,
    key: `handoff:${consent.nonce ?? consent.requestedAt}`,
    inReplyTo: null,
    context: {
      body: handoffSummary(ticket, vendor.language, shared.length),
      vendor: { name: vendor.name, consentAt: consent.decidedAt ?? undefined },
      messages: shared.map((m) => ({ from: m.from, at: m.at, text: m.text ?? '' })),
    },
    attachments: await attachmentsToShare(rt, ticket),
    ...(replyTo ? { replyTo } : {}),
  });
  const now = rt.now();
  const { ticket: handed } = await rt.store.update(ticketId, (t) => handOffToVendor(t, vendor, email.messageId, now), now);
  await queueTicketEmail(rt, handed, {
    kind: 'agent-reply',
    to: { address: handed.customer.email, ...(handed.customer.name ? { name: handed.customer.name } : {}) },
    language: handed.language,
    key: `handoff:${consent.nonce ?? consent.requestedAt}:customer`,
    inReplyTo: lastCustomerMessageId(handed),
    context: { body: handoffNotice(vendor.name, handed.language) },
  });
  log.info({ ticketId, vendor: vendor.id, messages: shared.length }, 'handed over to the vendor');
  return handed;
}

/** Arms the vendor-silence timer for the ticket's current state (one per state, idempotent). */
export async function armVendorFollowup(rt: Runtime, ticket: Ticket): Promise<void> {
  const token = vendorFollowupToken(ticket);
  if (!token || ticket.status !== 'waiting_vendor') return;
  await rt.bus.publish(
    'vendor-timers',
    { ticketId: ticket.id, kind: VENDOR_TIMER_KINDS.vendorFollowup, token },
    { jobId: `${VENDOR_TIMER_KINDS.vendorFollowup}-${ticket.id}-${token}`, delay: isoDurationMs(rt.config.vendorFollowup.after) },
  );
}
