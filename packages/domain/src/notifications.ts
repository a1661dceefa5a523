import type { AgentConfig, TierdeskConfig } from './config-types.js';
import type { TicketEvent, TicketEventType } from './events.js';
import type { Level } from './levels.js';
import type { MailKind, Ticket } from './ticket.js';
import { planCustomerFollowUp } from './customer-follow-up.js';
import { level4Arrival, level4ArrivalNote } from './vendor/level4-arrival.js';

export interface Recipient {
  address: string;
  name?: string;
}

/** An email the rules say must go out; the mailer renders and sends it. */
export interface PlannedEmail {
  kind: MailKind;
  to: Recipient;
  language: string;
  audience: 'customer' | 'agent' | 'contact';
  /** Why this recipient is told, shown in the email. */
  reason: string;
  /** Distinguishes the emails one event causes; with the event id it makes the Message-ID. */
  key: string;
  /** The message this email answers, for In-Reply-To/References. */
  inReplyTo: string | null;
  extra?: Record<string, unknown>;
}

export function agentsForLevel(config: Pick<TierdeskConfig, 'agents'>, level: Level): AgentConfig[] {
  return config.agents.filter((a) => a.levels.includes(level));
}

function toAgents(config: TierdeskConfig, level: Level, kind: MailKind, reason: string, inReplyTo: string | null): PlannedEmail[] {
  return agentsForLevel(config, level).map((a) => ({
    kind,
    to: { address: a.email, name: a.name },
    language: a.language,
    audience: 'agent' as const,
    reason,
    key: `agent:${a.email}`,
    inReplyTo,
  }));
}

/** The customer's latest inbound message: what an automatic answer replies to. */
export function lastCustomerMessageId(ticket: Ticket): string | null {
  for (let i = ticket.messages.length - 1; i >= 0; i--) {
    const m = ticket.messages[i];
    if (m && m.direction === 'in' && (m.role === 'customer' || m.role === undefined)) return m.messageId;
  }
  return null;
}

/**
 * Automatic mail never answers automatic mail (RFC 3834): an auto-reply, list mail or bounce
 * opens or joins a ticket, but the customer gets nothing back from it.
 */
export function mayAnswerCustomer(ticket: Ticket, messageId: string | null): boolean {
  if (!ticket.customer.email) return false;
  const m = messageId ? ticket.messages.find((x) => x.messageId === messageId) : undefined;
  return !(m?.autoSubmitted || m?.bounce);
}

/**
 * The ticket's level when `event` happened. A warning or breach concerns the team that had the
 * ticket then, though the breach may already have escalated it by the time the mail is planned.
 */
function levelAt(ticket: Ticket, event: TicketEvent): Level {
  let level: Level | null = null;
  for (const e of ticket.events) {
    if (e.type === 'ticket.created' || e.type === 'ticket.classified') level = e.data.level;
    else if (e.type === 'ticket.escalated' || e.type === 'ticket.deescalated') level = e.data.to;
    if (e.id === event.id) return level ?? ticket.level;
  }
  return ticket.level;
}

/** Why the agents are told of an arrival, with what the vendor flow needs of them at level 4. */
function arrivalReason(why: string, event: TicketEvent, ticket: Ticket, config: TierdeskConfig): string {
  const note = level4ArrivalNote(level4Arrival(event, ticket, config), ticket.id);
  if (!note) return why;
  return /[.!?]$/.test(why.trim()) ? `${why.trim()} ${note}` : `${why.trim()}. ${note}`;
}

/** The event types planNotifications answers; the relay sends the notify queue these alone. */
export const NOTIFIED_EVENT_TYPES: readonly TicketEventType[] = ['message.received', 'ticket.classified', 'ticket.escalated', 'ticket.deescalated', 'ticket.replied', 'ticket.resolved', 'sla.warning', 'sla.breached'];

/**
 * Who is told what for the generic ticket events (CONTRACT §3). Level-specific emails
 * (callbacks, consent, vendor) are decided by the services that own those flows; what a level-4
 * arrival asks of its agents (choose a vendor, a refused consent, consent by phone) rides on the
 * arrival's own notification (vendor/level4-arrival.ts), so each agent gets one email.
 */
export function planNotifications(event: TicketEvent, ticket: Ticket, config: TierdeskConfig): PlannedEmail[] {
  const customer = { address: ticket.customer.email, ...(ticket.customer.name ? { name: ticket.customer.name } : {}) };
  const lastIn = lastCustomerMessageId(ticket);
  switch (event.type) {
    case 'ticket.classified': {
      // Only the first classification announces the ticket; a re-triage changes no one's inbox.
      const first = ticket.events.length === 0 || ticket.events.find((e) => e.type === 'ticket.classified')?.id === event.id;
      if (!first) return [];
      const out: PlannedEmail[] = [];
      const created = ticket.messages[0]?.messageId ?? null;
      if (mayAnswerCustomer(ticket, created)) {
        const kbAnswer = event.data.level === 0 && event.data.kb.length > 0;
        out.push({
          kind: kbAnswer ? 'kb-answer' : 'ack',
          to: customer,
          language: ticket.language,
          audience: 'customer',
          reason: kbAnswer ? 'self-help articles match the question' : 'new ticket',
          key: 'customer',
          inReplyTo: created,
          ...(kbAnswer ? { extra: { kb: event.data.kb } } : {}),
        });
      }
      const why = event.data.needsTriage
        ? `New ticket at level ${event.data.level}; triage was unsure (confidence ${event.data.confidence.toFixed(2)}) and needs a look.`
        : `New ticket at level ${event.data.level} (${event.data.category ?? 'uncategorised'}).`;
      out.push(...toAgents(config, event.data.level, 'agent-notification', arrivalReason(why, event, ticket, config), null));
      return out;
    }
    case 'message.received':
      // A customer writing again on an existing ticket (customer-follow-up.ts).
      return planCustomerFollowUp(event, ticket, config);
    case 'ticket.escalated':
      return toAgents(config, event.data.to, 'agent-notification', arrivalReason(`Escalated from level ${event.data.from} to ${event.data.to} by ${event.data.by}: ${event.data.reason}`, event, ticket, config), null);
    case 'ticket.deescalated':
      return toAgents(config, event.data.to, 'agent-notification', `Moved from level ${event.data.from} to ${event.data.to} by ${event.data.by}: ${event.data.reason}`, null);
    case 'ticket.replied':
      return [{ kind: 'agent-reply', to: customer, language: ticket.language, audience: 'customer', reason: 'agent reply', key: 'customer', inReplyTo: lastIn, extra: { messageId: event.data.messageId } }];
    case 'ticket.resolved':
      if (!mayAnswerCustomer(ticket, lastIn)) return [];
      return [{ kind: 'resolved', to: customer, language: ticket.language, audience: 'customer', reason: event.data.resolution, key: 'customer', inReplyTo: lastIn }];
    case 'sla.warning':
      return toAgents(config, levelAt(ticket, event), 'sla-warning', `The ${event.data.target} target is due at ${event.data.due}.`, null);
    case 'sla.breached': {
      const reason = `The ${event.data.target} target was due at ${event.data.due} and is breached.`;
      const agents = toAgents(config, levelAt(ticket, event), 'sla-breach', reason, null);
      const known = new Set(agents.map((a) => a.to.address.toLowerCase()));
      const contacts = config.escalationContacts
        .filter((c) => !known.has(c.toLowerCase()))
        .map((c) => ({ kind: 'sla-breach' as const, to: { address: c }, language: 'en', audience: 'contact' as const, reason, key: `contact:${c}`, inReplyTo: null }));
      return [...agents, ...contacts];
    }
    default:
      return [];
  }
}
