import { ianaZoneFor, type AgentConfig, type CallbackState, type Ticket } from '@tierdesk/domain';
import { buildCallbackInvite, parseMailbox, senderDomain, type OutboundAttachment } from '@tierdesk/mail';
import type { Runtime } from '@tierdesk/runtime';

export interface InviteTiming {
  /** Raised with each rebooking of the ticket's callback, so calendars update one entry. */
  sequence: number;
  /** DTSTAMP: the time of the event that caused the invite, so a retried job builds the same file. */
  stamp: Date;
}

const SUMMARY = {
  en: (id: string) => `Callback from our support team (${id})`,
  fr: (id: string) => `Rappel de notre équipe support (${id})`,
  de: (id: string) => `Rückruf unseres Support-Teams (${id})`,
};
const CHANGE = {
  en: 'To change the time, reply to the email this invitation came with.',
  fr: "Pour changer l'horaire, répondez à l'e-mail qui accompagnait cette invitation.",
  de: 'Um den Termin zu ändern, antworten Sie auf die E-Mail, mit der diese Einladung kam.',
};

function lang(l: string): 'en' | 'fr' | 'de' {
  return l === 'fr' || l === 'de' ? l : 'en';
}

/** One calendar entry per ticket: reschedules and retries update it, a cancel removes it. */
export function inviteUid(rt: Runtime, ticketId: string): string {
  return `callback-${ticketId}@${senderDomain(rt.env.mailFrom)}`;
}

function organizer(rt: Runtime): { name: string; email: string } {
  const m = parseMailbox(rt.env.mailFrom);
  return { name: m?.name || 'Support', email: m?.address ?? `support@${senderDomain(rt.env.mailFrom)}` };
}

/** The customer's invite, written in their zone (a whole-hour offset becomes its Etc/GMT twin). */
export function customerInvite(rt: Runtime, ticket: Ticket, cb: CallbackState, timing: InviteTiming): OutboundAttachment {
  const l = lang(ticket.language);
  return buildCallbackInvite({
    ticketId: ticket.id,
    uid: inviteUid(rt, ticket.id),
    start: new Date(cb.slotStart),
    end: new Date(cb.slotEnd),
    timezone: ianaZoneFor(cb.customerTimezone) ?? 'UTC',
    summary: SUMMARY[l](ticket.id),
    description: `${ticket.subject}\n\n${CHANGE[l]}`,
    organizer: organizer(rt),
    attendee: { email: ticket.customer.email, ...(ticket.customer.name ? { name: ticket.customer.name } : {}) },
    sequence: timing.sequence,
    stamp: timing.stamp,
  });
}

/** The agent's copy of the same call, in the agent's zone; CANCEL when it was taken off them. */
export function agentInvite(rt: Runtime, ticket: Ticket, cb: CallbackState, agent: AgentConfig, timing: InviteTiming, method: 'REQUEST' | 'CANCEL' = 'REQUEST'): OutboundAttachment {
  const customer = ticket.customer.name ? `${ticket.customer.name} <${ticket.customer.email}>` : ticket.customer.email;
  return buildCallbackInvite({
    ticketId: ticket.id,
    uid: inviteUid(rt, ticket.id),
    start: new Date(cb.slotStart),
    end: new Date(cb.slotEnd),
    timezone: agent.timezone,
    summary: `Call back ${ticket.customer.name || ticket.customer.email} (${ticket.id})`,
    description: [
      `${ticket.id}: ${ticket.subject}`,
      `Customer: ${customer} (their time zone: ${cb.customerTimezone})`,
      `Ticket: ${rt.env.publicUrl.replace(/\/+$/, '')}/tickets/${ticket.id}`,
      `After the call: POST /api/tickets/${ticket.id}/callback {"outcome": "reached" | "no-answer", "notes": "..."}`,
    ].join('\n'),
    organizer: organizer(rt),
    attendee: { email: agent.email, name: agent.name },
    sequence: timing.sequence,
    stamp: timing.stamp,
    method,
  });
}
