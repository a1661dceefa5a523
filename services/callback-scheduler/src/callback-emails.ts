import {
  callbackCauseOf,
  callbackNotMovedNote,
  callbackNotMovedReason,
  callbackSchedules,
  lastCustomerMessageId,
  mayAnswerCustomer,
  scheduleNote,
  replyExcerpt,
  timezoneNote,
  unreachableNotice,
  type CallbackNotMovedCause,
  type CallbackRequest,
  type CallbackState,
  type Ticket,
  type TicketEventOf,
  type TicketMessage,
} from '@tierdesk/domain';
import { queueTicketEmail, queueTicketEmails, type TicketEmailRequest } from '@tierdesk/mailer';
import type { Runtime } from '@tierdesk/runtime';
import { callbackAgent } from './callback-agent.js';
import { agentInvite, customerInvite, type InviteTiming } from './callback-invites.js';

type Scheduled = TicketEventOf<'callback.scheduled'>;

function customerOf(ticket: Ticket) {
  return { address: ticket.customer.email, ...(ticket.customer.name ? { name: ticket.customer.name } : {}) };
}

function timingOf(ticket: Ticket, event: { id: string; at: string }): InviteTiming {
  const i = callbackSchedules(ticket).findIndex((e) => e.id === event.id);
  return { sequence: Math.max(0, i), stamp: new Date(event.at) };
}

function callbackContext(cb: CallbackState, zone: string, agentName: string, note?: string) {
  return { callback: { start: cb.slotStart, end: cb.slotEnd, timezone: zone, agentName, attempt: cb.attempts, ...(note ? { timezoneNote: note } : {}) }, timezone: zone };
}

/**
 * `callback-scheduled` to the customer: the call in their zone and language, `note` (why this
 * time) before the note on how their zone was found, and the invite.
 */
function customerEmail(rt: Runtime, ticket: Ticket, cb: CallbackState, agentName: string, note: string | undefined, timing: InviteTiming, key: string, inReplyTo: string | null): TicketEmailRequest {
  const notes = [note, timezoneNote(cb.timezoneSource, cb.customerTimezone, ticket.language)].filter(Boolean).join('\n\n');
  return {
    kind: 'callback-scheduled',
    to: customerOf(ticket),
    language: ticket.language,
    key,
    inReplyTo,
    context: callbackContext(cb, cb.customerTimezone, agentName, notes || undefined),
    attachments: [customerInvite(rt, ticket, cb, timing)],
  };
}

/**
 * The emails of a booked callback: `callback-scheduled` to the customer (their zone and
 * language, the invite, how to ask for another time), and a callback-specific
 * `agent-notification` with the same invite to the booked agent. The generic notification the
 * mailer sends every level-2 agent on arrival says a ticket came in; this one says who calls when.
 * When the call moved to another agent, the previous one gets the invite's CANCEL.
 */
export async function sendScheduledEmails(rt: Runtime, ticket: Ticket, event: Scheduled): Promise<string[]> {
  const cb = ticket.callback;
  // A newer booking superseded this one: its own event sends the emails.
  if (!cb || cb.status !== 'scheduled' || cb.slotStart !== event.data.slotStart || cb.agent !== event.data.agent) return [];
  const sent: string[] = [];
  const timing = timingOf(ticket, event);
  const agent = callbackAgent(rt.config, cb.agent);
  const { cause, outsideCustomerHours } = callbackCauseOf(event.data.reason);
  const inReplyTo = lastCustomerMessageId(ticket);
  if (mayAnswerCustomer(ticket, inReplyTo)) {
    await queueTicketEmail(rt, ticket, customerEmail(rt, ticket, cb, agent.name, scheduleNote(cause, outsideCustomerHours, ticket.language), timing, `${event.id}:customer`, inReplyTo));
    sent.push(`callback-scheduled→${ticket.customer.email}`);
  }
  await queueTicketEmail(rt, ticket, {
    kind: 'agent-notification',
    to: { address: agent.email, name: agent.name },
    language: agent.language,
    key: `${event.id}:callback-agent`,
    inReplyTo: null,
    context: { ...callbackContext(cb, agent.timezone, agent.name), reason: `You are booked to call the customer back (attempt ${cb.attempts}): ${event.data.reason}.` },
    attachments: [agentInvite(rt, ticket, cb, agent, timing)],
  });
  sent.push(`agent-notification→${agent.email}`);
  const previous = callbackSchedules(ticket).filter((e) => e.id !== event.id).pop();
  if (previous && previous.data.agent.toLowerCase() !== cb.agent.toLowerCase()) {
    const old = callbackAgent(rt.config, previous.data.agent);
    const oldCb: CallbackState = { ...cb, slotStart: previous.data.slotStart, slotEnd: previous.data.slotEnd, agent: old.email, attempts: previous.data.attempt };
    await queueTicketEmail(rt, ticket, {
      kind: 'agent-notification',
      to: { address: old.email, name: old.name },
      language: old.language,
      key: `${event.id}:callback-agent-cancel`,
      inReplyTo: null,
      context: { ...callbackContext(oldCb, old.timezone, old.name), reason: `Your callback is off: it moved to ${agent.name} (${event.data.reason}).` },
      attachments: [agentInvite(rt, ticket, oldCb, old, timing, 'CANCEL')],
    });
    sent.push(`agent-notification(cancel)→${old.email}`);
  }
  return sent;
}

/**
 * The customer asked to move the callback and it could not be moved (callbackNotMoved): they get
 * `callback-scheduled` again with the call that stands, the same invite, and why the time they
 * asked for was not booked; the booked agent an `agent-notification` quoting their reply, to
 * arrange a time with them. Keyed by the reply's event, so a retried job sends each once.
 */
export async function sendNotMovedEmails(
  rt: Runtime,
  ticket: Ticket,
  eventId: string,
  reply: TicketMessage,
  request: CallbackRequest,
  cause: CallbackNotMovedCause,
): Promise<string[]> {
  const cb = ticket.callback;
  if (!cb || cb.status !== 'scheduled') return [];
  const agent = callbackAgent(rt.config, cb.agent);
  const booked = callbackSchedules(ticket).pop();
  const timing = booked ? timingOf(ticket, booked) : { sequence: 0, stamp: new Date(cb.slotStart) };
  const emails: TicketEmailRequest[] = [];
  if (mayAnswerCustomer(ticket, reply.messageId)) {
    emails.push(customerEmail(rt, ticket, cb, agent.name, callbackNotMovedNote(cause, ticket.language), timing, `${eventId}:callback-not-moved:customer`, reply.messageId));
  }
  emails.push({
    kind: 'agent-notification',
    to: { address: agent.email, name: agent.name },
    language: agent.language,
    key: `${eventId}:callback-not-moved:agent`,
    inReplyTo: reply.messageId,
    context: {
      ...callbackContext(cb, agent.timezone, agent.name),
      reason: callbackNotMovedReason(cause, request),
      customerReply: { from: reply.from, at: reply.at, text: replyExcerpt(reply.text ?? '') },
    },
  });
  await queueTicketEmails(rt, ticket, emails);
  return emails.map((e) => `${e.kind}→${e.to.address}`);
}

/** `callback-reminder` to the agent, the slot shown in the agent's own zone. */
export async function sendReminder(rt: Runtime, ticket: Ticket, cb: CallbackState): Promise<void> {
  const agent = callbackAgent(rt.config, cb.agent);
  await queueTicketEmail(rt, ticket, {
    kind: 'callback-reminder',
    to: { address: agent.email, name: agent.name },
    language: agent.language,
    key: `reminder:${Date.parse(cb.slotStart)}:${agent.email.toLowerCase()}`,
    inReplyTo: null,
    context: callbackContext(cb, agent.timezone, agent.name),
  });
}

/** The booked agent's calendar entry is withdrawn when the callback is called off. */
export async function sendCancelledToAgent(rt: Runtime, ticket: Ticket, event: TicketEventOf<'callback.cancelled'>): Promise<boolean> {
  const cb = ticket.callback;
  if (!cb || cb.status !== 'cancelled') return false;
  const agent = callbackAgent(rt.config, cb.agent);
  await queueTicketEmail(rt, ticket, {
    kind: 'agent-notification',
    to: { address: agent.email, name: agent.name },
    language: agent.language,
    key: `${event.id}:callback-agent-cancel`,
    inReplyTo: null,
    context: { ...callbackContext(cb, agent.timezone, agent.name), reason: `The callback is cancelled: ${event.data.reason}.` },
    attachments: [agentInvite(rt, ticket, cb, agent, { sequence: callbackSchedules(ticket).length, stamp: new Date(event.at) }, 'CANCEL')],
  });
  return true;
}

/**
 * The customer is told when unanswered callbacks sent the ticket to level 3. CONTRACT §3 has no
 * kind for this, so it goes as `agent-reply` (marked Auto-Submitted): the team writing to the
 * customer in their language, which is what it is; `ack` would repeat "we received your request".
 */
export async function sendUnreachableNotice(rt: Runtime, ticket: Ticket, event: TicketEventOf<'callback.outcome'>): Promise<boolean> {
  const inReplyTo = lastCustomerMessageId(ticket);
  if (!mayAnswerCustomer(ticket, inReplyTo)) return false;
  await queueTicketEmail(rt, ticket, {
    kind: 'agent-reply',
    to: customerOf(ticket),
    language: ticket.language,
    key: `${event.id}:customer-unreachable`,
    inReplyTo,
    context: { body: unreachableNotice(event.data.attempt, ticket.language) },
    automatic: true,
  });
  return true;
}
