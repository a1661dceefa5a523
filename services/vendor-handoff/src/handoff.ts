import { UnrecoverableError } from 'bullmq';
import {
  handOffToVendor,
  handoffNotice,
  handoffSummary,
  isFinished,
  isoDurationMs,
  lastCustomerMessageId,
  messagesToShare,
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
 * Hands a ticket to the vendor its customer consented to: the `vendor-handoff` email (summary,
 * consent time, the promised messages, attachments if allowed; Reply-To our intake address),
 * then the ticket waits for the vendor, then the customer is told. Re-reads the ticket first:
 * without consent on record nothing is sent. Retry-safe end to end (deterministic keys).
 */
export async function handOff(rt: Runtime, ticketId: string, log: Logger): Promise<Ticket | null> {
  const ticket = await rt.store.get(ticketId);
  if (!ticket || !readyForHandoff(ticket)) return null;
  const consent = ticket.consent!;
  const vendor = rt.config.vendors.find((v) => v.id === consent.vendorId);
  if (!vendor) throw new UnrecoverableError(`vendor ${consent.vendorId} is no longer configured; ticket ${ticketId} needs an agent`);
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
