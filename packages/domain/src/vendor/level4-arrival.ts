import type { TierdeskConfig } from '../config-types.js';
import type { TicketEvent } from '../events.js';
import { mayAnswerCustomer } from '../notifications.js';
import type { ConsentState, Ticket } from '../ticket.js';
import { firstUsableVendor } from './vendor-lookup.js';

/**
 * What a ticket arriving at level 4 (classified there, or escalated to it) leads to in the vendor
 * flow, and so what its level-4 agents must hear in the one `agent-notification` of the arrival
 * (CONTRACT §3: one email per agent, saying why):
 * - `ask-consent`: a vendor is known (triage matched it, or the customer was asked about it
 *   before); the customer is asked. `byPhone`: the customer cannot be emailed automatically, so an
 *   agent must ask them.
 * - `choose-vendor`: no vendor is known; an agent must choose one.
 * - `denied-before`: an automatic escalation (an SLA breach) after the customer refused consent;
 *   nobody asks them again on their own, a person decides.
 * - `none`: a consent request is open or was granted; nothing new to do.
 * Decided from the ticket's history up to the event, never from what the vendor flow has done by
 * now (its flag, a later request), so the notify and vendor queues agree however they interleave.
 */
export type Level4Arrival =
  | { step: 'ask-consent'; vendorId: string; byPhone: boolean }
  | { step: 'choose-vendor'; known: string[] }
  | { step: 'denied-before'; vendorId: string; decidedAt: string | null }
  | { step: 'none' };

interface ConsentStanding {
  status: ConsentState['status'];
  vendorId: string;
  decidedAt: string | null;
}

/**
 * An open request lapses unanswered when the give-up timer keeps the ticket in house (the only
 * way the system lowers a level-4 ticket) or the ticket is resolved or closed (consent-state.ts).
 */
function lapses(e: TicketEvent): boolean {
  return (e.type === 'ticket.deescalated' && e.data.from === 4 && e.data.by === 'system') || e.type === 'ticket.resolved' || e.type === 'ticket.closed';
}

/** The triage vendor and the consent as they stood when `event` happened (its own triage included). */
function standingAt(ticket: Ticket, event: TicketEvent): { triageVendor: string | null; consent: ConsentStanding | null } {
  let triageVendor: string | null = null;
  let consent: ConsentStanding | null = null;
  for (const e of ticket.events) {
    if (e.type === 'ticket.classified') triageVendor = e.data.vendor;
    else if (e.id !== event.id && e.type === 'consent.requested') consent = { status: 'requested', vendorId: e.data.vendorId, decidedAt: null };
    else if (e.id !== event.id && e.type === 'consent.decided') consent = { status: e.data.granted ? 'granted' : 'denied', vendorId: e.data.vendorId, decidedAt: e.at };
    else if (e.type === 'consent.voided') consent = { status: 'void', vendorId: e.data.vendorId, decidedAt: e.at };
    else if (consent !== null && consent.status === 'requested' && lapses(e)) consent = { status: 'expired', vendorId: consent.vendorId, decidedAt: e.at };
    if (e.id === event.id) return { triageVendor, consent };
  }
  // The history does not hold the event (a ticket read without it): its current state stands in.
  const c = ticket.consent;
  return {
    triageVendor: event.type === 'ticket.classified' ? event.data.vendor : (ticket.triage?.vendor ?? null),
    consent: c ? { status: c.status, vendorId: c.vendorId, decidedAt: c.decidedAt ?? null } : null,
  };
}

/** Whether `event` brings the ticket to level 4. */
export function isLevel4Arrival(event: TicketEvent): boolean {
  return (event.type === 'ticket.classified' && event.data.level === 4) || (event.type === 'ticket.escalated' && event.data.to === 4);
}

/** What the level-4 arrival `event` leads to (see Level4Arrival); `none` for any other event. */
export function level4Arrival(event: TicketEvent, ticket: Ticket, config: Pick<TierdeskConfig, 'vendors'>): Level4Arrival {
  if (!isLevel4Arrival(event)) return { step: 'none' };
  const { triageVendor, consent } = standingAt(ticket, event);
  if (consent && (consent.status === 'requested' || consent.status === 'granted')) return { step: 'none' };
  if (consent?.status === 'denied' && event.type === 'ticket.escalated' && event.data.by === 'system') {
    return { step: 'denied-before', vendorId: consent.vendorId, decidedAt: consent.decidedAt };
  }
  // As proposedVendor: the vendor triage matched, else the one the customer was asked about.
  const v = firstUsableVendor(config, [triageVendor, consent?.vendorId]);
  if (v) return { step: 'ask-consent', vendorId: v.id, byPhone: !mayAnswerCustomer(ticket, ticket.messages[0]?.messageId ?? null) };
  return { step: 'choose-vendor', known: config.vendors.map((v) => v.id) };
}

/**
 * What the level-4 agents are told about the vendor on top of why the ticket arrived, if
 * anything: the vendor to choose, the refused consent, or the consent to take by phone, each with
 * the API call that acts on it.
 */
export function level4ArrivalNote(arrival: Level4Arrival, ticketId: string): string | null {
  const api = `/api/tickets/${ticketId}`;
  switch (arrival.step) {
    case 'choose-vendor': {
      const known = arrival.known.length ? arrival.known.join(', ') : 'none configured';
      return `No vendor matches ${ticketId}: choose one with POST ${api}/vendor {"vendor": "<id>"} or \`tierdesk ticket vendor ${ticketId} --vendor <id>\` (configured: ${known}); the customer is then asked for consent.`;
    }
    case 'denied-before':
      return `The customer refused consent for vendor ${arrival.vendorId} on ${arrival.decidedAt ?? '?'}, so they are not asked again automatically. Ask them again with POST ${api}/vendor {"vendor": "${arrival.vendorId}"}, or keep working it in house.`;
    case 'ask-consent':
      return arrival.byPhone
        ? `It needs the customer's consent before it goes to vendor ${arrival.vendorId}, but the customer cannot be emailed automatically. Please ask them by phone and record the answer with POST ${api}/consent {"granted": true|false} or \`tierdesk ticket consent ${ticketId} --granted|--denied\`.`
        : null;
    default:
      return null;
  }
}

/**
 * Whether the consent request `requested` is the one a level-4 arrival asked for on its own and
 * whose notification already told the agents to take consent by phone (level4ArrivalNote): then
 * the vendor flow sends them nothing more. A request an agent made later (another vendor, after
 * a decision) is not.
 */
export function phoneConsentToldOnArrival(ticket: Ticket, requested: TicketEvent, config: Pick<TierdeskConfig, 'vendors'>): boolean {
  if (requested.type !== 'consent.requested') return false;
  const i = ticket.events.findIndex((e) => e.id === requested.id);
  for (let j = i - 1; j >= 0; j--) {
    const e = ticket.events[j]!;
    if (e.type === 'consent.requested' || e.type === 'consent.decided') return false;
    if (!isLevel4Arrival(e)) continue;
    // Only the first classification is announced (planNotifications); escalations always are.
    if (e.type === 'ticket.classified' && ticket.events.find((x) => x.type === 'ticket.classified')?.id !== e.id) return false;
    const arrival = level4Arrival(e, ticket, config);
    return arrival.step === 'ask-consent' && arrival.byPhone && arrival.vendorId === requested.data.vendorId;
  }
  return false;
}
