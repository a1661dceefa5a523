import { recordVendorReply, rememberVendorRef, type TicketEventOf } from '@tierdesk/domain';
import { externalRefsIn } from '@tierdesk/intake';
import type { Logger } from '@tierdesk/logger';
import type { Runtime } from '@tierdesk/runtime';
import { notifyAgents } from './agent-notify.js';

const MAX_NOTE = 4000;

/**
 * A message from the ticket's vendor: remembers the vendor's own ticket number from the subject
 * (so their later mails without our tag still thread, see intake's external-ref lookup) and
 * records the reply, which reopens a ticket that was waiting for them. Automatic vendor mail
 * only leaves its number.
 */
export async function handleVendorMessage(rt: Runtime, event: TicketEventOf<'message.received'>, log: Logger): Promise<void> {
  const ticket = await rt.store.get(event.ticketId);
  const message = ticket?.messages.find((m) => m.messageId === event.data.messageId);
  if (!ticket?.vendor?.handedOffAt || !message || event.data.bounce) return;
  // Their number, not a model or part number the customer wrote in the subject we passed on
  // ("Synology RS1221 down"): that would thread unrelated vendor mail into this ticket.
  const ours = new Set(externalRefsIn(ticket.subject));
  const ref = externalRefsIn(message.subject ?? '').find((r) => !ours.has(r)) ?? null;
  if (ref) await rt.store.setExternalRef(ref, ticket.id);
  const now = rt.now();
  const { events } = await rt.store.update(
    ticket.id,
    (t) => (event.data.autoSubmitted ? rememberVendorRef(t, ref, now) : recordVendorReply(t, message.messageId, ref, now)),
    now,
  );
  log.info({ ticketId: ticket.id, vendor: ticket.vendor.id, externalRef: ref, automatic: event.data.autoSubmitted, recorded: events.length > 0 }, 'vendor message on ticket');
}

/** The vendor answered: the ticket's level-4 agents read it in their notification. */
export async function notifyVendorReplied(rt: Runtime, event: TicketEventOf<'vendor.replied'>): Promise<void> {
  const ticket = await rt.store.get(event.ticketId);
  if (!ticket?.vendor || ticket.status === 'closed') return;
  const message = ticket.messages.find((m) => m.messageId === event.data.messageId);
  const text = message?.text ?? '';
  await notifyAgents(rt, ticket, 4, `${event.id}:vendor-reply`, `${ticket.vendor.name} replied to ${ticket.id}. The ticket is open again: read the answer and tell the customer.`, {
    vendor: { name: ticket.vendor.name, externalRef: ticket.vendor.externalRef },
    body: text.length > MAX_NOTE ? `${text.slice(0, MAX_NOTE)} […]` : text,
  });
}
