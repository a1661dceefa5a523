import type { Job } from 'bullmq';
import type { TicketEventJob } from '@tierdesk/bus';
import {
  TierdeskError,
  addFlag,
  consentReplyStep,
  isConsentPending,
  isFinished,
  mayAnswerCustomer,
  phoneConsentToldOnArrival,
  proposedVendor,
  recordConsentDecision,
  unusableGrantNote,
  withdrawConsentRequest,
  type TicketEvent,
  type TicketEventOf,
} from '@tierdesk/domain';
import type { Logger } from '@tierdesk/logger';
import type { Runtime } from '@tierdesk/runtime';
import { notifyAgents } from './agent-notify.js';
import { armConsentTimers, cancelConsentTimers, sendConsentRequest, startConsentRequest } from './consent-request.js';
import { armVendorFollowup, handOff } from './handoff.js';
import { handleVendorMessage, notifyVendorReplied } from './vendor-reply.js';

/**
 * A ticket arrived at or was escalated to level 4: ask the customer about the vendor triage (or
 * an earlier request) names, or flag it for a level-4 agent to choose one. An event older than
 * the ticket's latest consent request is stale and does nothing. The agents hear what is needed
 * of them (choose a vendor, a refused consent) in the arrival's own notification, which the
 * mailer plans from the same event (level4Arrival), so nothing is emailed from here.
 */
async function onLevel4(rt: Runtime, event: TicketEvent, log: Logger): Promise<void> {
  const ticket = await rt.store.get(event.ticketId);
  if (!ticket || ticket.level !== 4 || isFinished(ticket.status)) return;
  const consent = ticket.consent;
  if (consent && (consent.status === 'requested' || consent.status === 'granted' || consent.requestedAt > event.at)) return;
  if (ticket.vendor?.handedOffAt && ticket.status === 'waiting_vendor') return;
  if (consent?.status === 'denied' && event.type === 'ticket.escalated' && event.data.by === 'system') {
    // The customer said no; an automatic rule (an SLA breach) must not ask them again. A person
    // decides: the escalation's notification tells the level-4 agents so (level4ArrivalNote).
    log.info({ ticketId: ticket.id, vendor: consent.vendorId }, 'automatic escalation after a refused consent; the customer is not asked again');
    return;
  }
  const vendor = proposedVendor(ticket, rt.config);
  if (vendor) {
    try {
      await startConsentRequest(rt, ticket.id, vendor, `level 4: vendor ${vendor.id} needs the customer's consent`);
    } catch (err) {
      // The ticket moved on meanwhile (resolved, lowered): nothing to ask any more.
      if (!(err instanceof TierdeskError)) throw err;
      log.info({ ticketId: ticket.id, code: err.code }, 'consent not requested: the ticket changed meanwhile');
    }
    return;
  }
  const now = rt.now();
  const { events } = await rt.store.update(ticket.id, (t) => addFlag(t, 'needs-vendor', 'no configured vendor matches; a level-4 agent must choose one', now), now);
  // The arrival's notification asks the level-4 agents to choose (level4ArrivalNote).
  log.info({ ticketId: ticket.id, flagged: events.length > 0 }, 'level-4 ticket needs a vendor');
}

/** The consent request was recorded: email the customer and arm the reminder and give-up timers. */
async function onConsentRequested(rt: Runtime, event: TicketEventOf<'consent.requested'>, log: Logger): Promise<void> {
  const ticket = await rt.store.get(event.ticketId);
  // Only the request this event recorded: a newer one (another vendor) sends its own email.
  if (!ticket || !isConsentPending(ticket) || ticket.consent?.requestedAt !== event.at || ticket.consent.vendorId !== event.data.vendorId) return;
  const sent = await sendConsentRequest(rt, ticket, `${event.id}:customer`, null, log);
  const toldOnArrival = async () => phoneConsentToldOnArrival((await rt.store.getWithEvents(ticket.id)) ?? ticket, event, rt.config);
  if (!sent && !mayAnswerCustomer(ticket, ticket.messages[0]?.messageId ?? null) && !(await toldOnArrival())) {
    // Nobody to email (no address, or an automatic message opened the ticket): a person asks. When
    // the level-4 arrival asked on its own, its notification already said so (level4ArrivalNote).
    await notifyAgents(rt, ticket, 4, `${event.id}:consent-by-phone`, `${ticket.id} needs the customer's consent before it goes to vendor ${event.data.vendorId}, but the customer cannot be emailed automatically. Please ask them by phone and record the answer with POST /api/tickets/${ticket.id}/consent {"granted": true|false}.`);
  }
  await armConsentTimers(rt, ticket);
  log.info({ ticketId: ticket.id, vendor: event.data.vendorId, emailed: sent }, 'consent requested');
}

/**
 * A customer's reply while consent is pending: a clear yes or no decides; the first unclear reply
 * of the request is asked about again, a later one goes to the level-4 agents (never a guess).
 */
async function onCustomerReply(rt: Runtime, event: TicketEventOf<'message.received'>, log: Logger): Promise<void> {
  const ticket = await rt.store.get(event.ticketId);
  const message = ticket?.messages.find((m) => m.messageId === event.data.messageId);
  if (!ticket || !message) return;
  const next = consentReplyStep(ticket, message.messageId);
  const nonce = ticket.consent?.nonce ?? event.id;
  switch (next.step) {
    case 'none':
      return;
    case 'ask-again':
      await sendConsentRequest(rt, ticket, `${nonce}:ask-again`, message.messageId, log);
      log.info({ ticketId: ticket.id }, 'consent reply unclear; asked again');
      return;
    case 'tell-agents': {
      // Once per request: the agents know after the first note, and an unmarked auto-responder
      // answering everything cannot flood them.
      const vendor = ticket.consent?.vendorId ?? '?';
      const told = await notifyAgents(
        rt,
        ticket,
        4,
        `${nonce}:unclear-again`,
        `${ticket.customer.email} answered the consent request for vendor ${vendor} unclearly again, after being asked twice. Please call them and record their answer with POST /api/tickets/${ticket.id}/consent {"granted": true|false}.`,
        { body: (message.text ?? '').slice(0, 4000) },
      );
      log.info({ ticketId: ticket.id, agents: told }, 'consent reply unclear again; agents told');
      return;
    }
    case 'decide': {
      const now = rt.now();
      try {
        await rt.store.update(ticket.id, (t) => recordConsentDecision(t, { granted: next.granted, channel: 'reply' }, now), now);
        log.info({ ticketId: ticket.id, granted: next.granted }, 'consent decided by reply');
      } catch (err) {
        if (!(err instanceof TierdeskError)) throw err;
        log.info({ ticketId: ticket.id, code: err.code }, 'consent reply came after the decision; kept as a message only');
      }
    }
  }
}

/** A ticket finished while consent was pending: the request lapses and its timers go. */
async function withdrawPendingConsent(rt: Runtime, ticketId: string): Promise<void> {
  const now = rt.now();
  const before = await rt.store.get(ticketId);
  const nonce = before?.consent?.status === 'requested' ? before.consent.nonce : undefined;
  const { ticket } = await rt.store.update(ticketId, (t) => withdrawConsentRequest(t, now), now);
  if (nonce && ticket.consent?.status !== 'requested') await cancelConsentTimers(rt, ticketId, nonce);
}

/**
 * A grant was given up because its vendor cannot receive the ticket: the level-4 agents are told
 * once (keyed by the request), unless someone already asked about another vendor meanwhile.
 */
async function onConsentVoided(rt: Runtime, event: TicketEventOf<'consent.voided'>, log: Logger): Promise<void> {
  const ticket = await rt.store.get(event.ticketId);
  const consent = ticket?.consent;
  if (!ticket || isFinished(ticket.status) || consent?.status !== 'void' || consent.vendorId !== event.data.vendorId) return;
  const known = rt.config.vendors.filter((v) => v.email.trim()).map((v) => v.id);
  const note = unusableGrantNote({ vendorId: event.data.vendorId, cause: event.data.cause }, ticket.id, known);
  const told = await notifyAgents(rt, ticket, 4, `${consent.nonce ?? event.id}:grant-void`, note);
  log.info({ ticketId: ticket.id, vendor: event.data.vendorId, agents: told }, 'agents told to choose another vendor');
}

async function onHandedOff(rt: Runtime, event: TicketEventOf<'vendor.handed_off'>): Promise<void> {
  const ticket = await rt.store.get(event.ticketId);
  if (ticket?.vendor?.handedOffAt === event.at) await armVendorFollowup(rt, ticket);
}

/** The vendor queue: level-4 arrivals, consent, handoff and vendor replies. */
export function createVendorEventProcessor(rt: Runtime) {
  return async (job: Job<TicketEventJob>, log: Logger): Promise<{ handled: string | null }> => {
    const { event } = job.data;
    switch (event.type) {
      case 'ticket.classified':
        if (event.data.level === 4) await onLevel4(rt, event, log);
        break;
      case 'ticket.escalated':
        if (event.data.to === 4) await onLevel4(rt, event, log);
        break;
      case 'consent.requested':
        await onConsentRequested(rt, event, log);
        break;
      case 'consent.decided':
        // A denial already kept the ticket in house (ticket.deescalated tells the level-3 agents).
        if (event.data.granted) await handOff(rt, event.ticketId, log);
        break;
      case 'message.received':
        if (event.data.newTicket || event.data.bounce) break;
        if (event.data.role === 'vendor') await handleVendorMessage(rt, event, log);
        else if (event.data.role === 'customer' && !event.data.autoSubmitted) await onCustomerReply(rt, event, log);
        break;
      case 'ticket.resolved':
      case 'ticket.closed':
        await withdrawPendingConsent(rt, event.ticketId);
        break;
      case 'consent.voided':
        await onConsentVoided(rt, event, log);
        break;
      case 'vendor.handed_off':
        await onHandedOff(rt, event);
        break;
      case 'vendor.replied':
        await notifyVendorReplied(rt, event);
        break;
      default:
        return { handled: null };
    }
    return { handled: event.type };
  };
}
