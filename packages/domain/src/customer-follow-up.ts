import { parseCallbackRequest } from './callbacks/requested-time.js';
import { zoneToldInReply } from './callbacks/told-zone.js';
import type { AgentConfig, TierdeskConfig } from './config-types.js';
import { changeOf, type TicketEvent, type TicketEventOf } from './events.js';
import type { Level } from './levels.js';
import { agentsForLevel, type PlannedEmail } from './notifications.js';
import type { TicketStatus } from './status.js';
import type { Ticket } from './ticket.js';
import { stripQuotedText } from './triage/quoted-text.js';

/**
 * A customer writing again on an existing ticket (Zammad's and osTicket's "customer follow-up"):
 * the agents learn of it with an `agent-notification` quoting the reply, unless another flow
 * already acts on that reply and tells whom it must. Who is told:
 * - a pending callback: the agent booked to call (they call next, and should know);
 * - else the agent who last answered the ticket at its current level, if still one of that
 *   level's agents (the de-facto owner; the domain tracks no assignment, and a whole team told of
 *   every "thanks, one more thing" would learn to ignore it);
 * - else every agent of the ticket's current level, as on arrival.
 * An owner who is away is still covered by the SLA: its warnings and breaches go to the level.
 */

/** Characters of the customer's own words quoted in the notification. */
export const FOLLOW_UP_EXCERPT_CHARS = 1500;

/** A flow that already answers this reply and tells whom it must; the follow-up note stays silent. */
export type FollowUpHandledBy = 'self-help' | 'consent' | 'callback';

export type FollowUpAudience = 'callback-agent' | 'last-replier' | 'level';

/** What the notification quotes: the reply, who wrote it and when, its own words only. */
export interface CustomerReplyExcerpt {
  messageId: string;
  from: string;
  at: string;
  text: string;
}

/** Where the ticket stood when a reply came. */
export interface TicketStanding {
  status: TicketStatus;
  level: Level;
}

/**
 * The ticket's status and level just before the change that recorded `event` (the reply may have
 * reopened or escalated it, and other flows may have moved it on since). Null when the history
 * does not hold the event.
 */
export function standingBeforeChange(ticket: Ticket, event: TicketEvent): TicketStanding | null {
  const change = changeOf(event);
  const at: TicketStanding = { status: 'new', level: ticket.level };
  for (const e of ticket.events) {
    if (changeOf(e) === change) return at;
    if (e.type === 'ticket.status_changed') at.status = e.data.to;
    else if (e.type === 'ticket.created' || e.type === 'ticket.classified') at.level = e.data.level;
    else if (e.type === 'ticket.escalated' || e.type === 'ticket.deescalated') at.level = e.data.to;
  }
  return null;
}

/** The customer's own words: quoted history and signature cut, at most FOLLOW_UP_EXCERPT_CHARS. */
export function replyExcerpt(text: string): string {
  const own = stripQuotedText(text);
  const sig = own.search(/^-- ?$/m);
  const words = (sig >= 0 ? own.slice(0, sig) : own).replace(/\n{3,}/g, '\n\n').trim() || text.trim();
  return words.length > FOLLOW_UP_EXCERPT_CHARS ? `${words.slice(0, FOLLOW_UP_EXCERPT_CHARS).trimEnd()} […]` : words;
}

/**
 * The flow that owns a customer's reply made while the ticket was `before`, if any: the level-0
 * self-help verdict (solved resolves; anything else escalates to level 1, which tells the level-1
 * agents), the consent request (a yes/no decides; unclear is asked again, then the level-4
 * agents are told), and a callback the reply asks to move or re-zone (the rebooking sends the
 * booked agent a new invite; when nothing else can be booked, the agent gets a note quoting the
 * reply instead: callback-not-moved.ts). Decided from the reply's words, never from what the other flow has
 * done by now, so the answer is the same however the queues interleave.
 */
export function followUpHandledBy(ticket: Ticket, before: TicketStanding, text: string, at: string): FollowUpHandledBy | null {
  if (before.status === 'waiting_consent') return 'consent';
  if (before.status === 'waiting_customer' && before.level === 0) return 'self-help';
  if (before.status === 'callback_scheduled') {
    const zone = ticket.callback?.customerTimezone ?? 'UTC';
    const asks = parseCallbackRequest(text, { reference: new Date(at), zone, language: ticket.language }).kind !== 'none';
    if (asks || zoneToldInReply(text) !== null) return 'callback';
  }
  return null;
}

/** The agent who last answered the ticket since it reached its current level, if any. */
function lastReplierAtLevel(ticket: Ticket): string | null {
  let replier: string | null = null;
  for (const e of ticket.events) {
    if (e.type === 'ticket.classified' || e.type === 'ticket.escalated' || e.type === 'ticket.deescalated') replier = null;
    else if (e.type === 'ticket.replied') replier = e.data.agent;
  }
  return replier;
}

/** Who learns of the customer's follow-up, and why them (see the file comment). */
export function followUpRecipients(ticket: Ticket, config: Pick<TierdeskConfig, 'agents'>, before: TicketStatus): { agents: AgentConfig[]; because: FollowUpAudience } {
  const atLevel = agentsForLevel(config, ticket.level);
  const find = (email: string | null | undefined) => (email ? config.agents.find((a) => a.email.toLowerCase() === email.toLowerCase()) : undefined);
  if (before === 'callback_scheduled' && ticket.callback?.status === 'scheduled') {
    const booked = find(ticket.callback.agent);
    if (booked) return { agents: [booked], because: 'callback-agent' };
  }
  const owner = find(lastReplierAtLevel(ticket));
  if (owner && atLevel.includes(owner)) return { agents: [owner], because: 'last-replier' };
  return { agents: atLevel, because: 'level' };
}

type Lang = 'en' | 'fr' | 'de';
const BECAUSE: Record<Lang, Record<FollowUpAudience, (level: number) => string>> = {
  en: { 'callback-agent': () => 'You are booked to call this customer back.', 'last-replier': () => 'You answered this ticket last.', level: (n) => `The ticket is at level ${n}, which you handle.` },
  fr: { 'callback-agent': () => 'Vous devez rappeler ce client.', 'last-replier': () => 'Vous avez répondu en dernier sur ce ticket.', level: (n) => `Le ticket est au niveau ${n}, que vous prenez en charge.` },
  de: { 'callback-agent': () => 'Sie sind für den Rückruf bei diesem Kunden eingeplant.', 'last-replier': () => 'Sie haben dieses Ticket zuletzt beantwortet.', level: (n) => `Das Ticket liegt auf Level ${n}, das Sie betreuen.` },
};
const STATE: Record<Lang, Partial<Record<TicketStatus, string>>> = {
  en: { resolved: 'It had been resolved; the reply reopened it.', waiting_customer: 'It was waiting for this answer and is open again.', waiting_vendor: 'The vendor is still working on it; nothing was passed on to them.' },
  fr: { resolved: "Il était résolu ; la réponse l'a rouvert.", waiting_customer: 'Il attendait cette réponse et est de nouveau ouvert.', waiting_vendor: "Le fournisseur y travaille toujours ; rien ne lui a été transmis." },
  de: { resolved: 'Es war gelöst; die Antwort hat es wieder geöffnet.', waiting_customer: 'Es wartete auf diese Antwort und ist wieder offen.', waiting_vendor: 'Der Anbieter arbeitet noch daran; ihm wurde nichts weitergeleitet.' },
};

function reasonFor(lang: string, because: FollowUpAudience, level: number, before: TicketStatus): string {
  const l: Lang = lang === 'fr' || lang === 'de' ? lang : 'en';
  return [BECAUSE[l][because](level), STATE[l][before]].filter(Boolean).join(' ');
}

/**
 * The `agent-notification`s a `message.received` makes: none for the message that opened the
 * ticket, for automatic mail and bounces, for anyone but the customer (a vendor's reply tells
 * the level-4 agents through its own flow) and for replies another flow owns (followUpHandledBy).
 * Threaded to the customer's reply; keyed per agent, so with the event id one Message-ID each.
 */
export function planCustomerFollowUp(event: TicketEventOf<'message.received'>, ticket: Ticket, config: Pick<TierdeskConfig, 'agents'>): PlannedEmail[] {
  const d = event.data;
  if (d.newTicket || d.role !== 'customer' || d.autoSubmitted || d.bounce || ticket.status === 'closed') return [];
  const message = ticket.messages.find((m) => m.messageId === d.messageId);
  if (!message || message.direction !== 'in' || message.autoSubmitted || message.bounce) return [];
  const before = standingBeforeChange(ticket, event);
  if (before === null || before.status === 'closed') return [];
  const text = message.text ?? '';
  if (followUpHandledBy(ticket, before, text, message.at)) return [];
  const { agents, because } = followUpRecipients(ticket, config, before.status);
  const customerReply: CustomerReplyExcerpt = { messageId: message.messageId, from: message.from, at: message.at, text: replyExcerpt(text) };
  return agents.map((a) => ({
    kind: 'agent-notification' as const,
    to: { address: a.email, name: a.name },
    language: a.language,
    audience: 'agent' as const,
    reason: reasonFor(a.language, because, ticket.level, before.status),
    key: `agent:${a.email}`,
    inReplyTo: message.messageId,
    extra: { customerReply },
  }));
}
