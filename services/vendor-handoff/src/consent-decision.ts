import {
  ConsentLinkRefusedError,
  InvalidInputError,
  TicketNotFoundError,
  checkConsentLink,
  recordConsentDecision,
  type ConsentTokenPayload,
  type Ticket,
} from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { ConsentSigner } from './consent-signer.js';

export interface LinkInspection {
  payload: ConsentTokenPayload;
  ticket: Ticket;
}

/**
 * What a consent link would do, without doing it (GET: mail scanners prefetch links). Throws
 * ConsentLinkRefusedError when it would do nothing; `ticket` is attached when known, for the page.
 */
export async function inspectConsentLink(rt: Runtime, token: string): Promise<LinkInspection> {
  const payload = new ConsentSigner(rt.secrets.consentSecret).verify(token);
  const ticket = await rt.store.get(payload.ticketId);
  const problem = checkConsentLink(payload, ticket, rt.now());
  if (problem) throw new ConsentLinkRefusedError(problem, { ticketId: payload.ticketId, ticket });
  return { payload, ticket: ticket as Ticket };
}

/**
 * Records the decision a consent link carries (POST). The link is checked again inside the
 * atomic update, so of two racing submissions exactly one decides and the other finds it used.
 */
export async function decideByConsentLink(rt: Runtime, token: string): Promise<LinkInspection> {
  const payload = new ConsentSigner(rt.secrets.consentSecret).verify(token);
  const now = rt.now();
  try {
    const { ticket } = await rt.store.update(
      payload.ticketId,
      (t) => {
        const problem = checkConsentLink(payload, t, now);
        if (problem) throw new ConsentLinkRefusedError(problem, { ticketId: payload.ticketId, ticket: t });
        return recordConsentDecision(t, { granted: payload.decision === 'grant', channel: 'link' }, now);
      },
      now,
    );
    return { payload, ticket };
  } catch (err) {
    if (err instanceof TicketNotFoundError) throw new ConsentLinkRefusedError('unknown-ticket', { ticketId: payload.ticketId });
    throw err;
  }
}

/** Consent an agent took by phone (API and CLI): 409 unless the ticket waits for it. */
export async function recordPhoneConsent(rt: Runtime, id: string, input: { granted: unknown; agent?: unknown }): Promise<Ticket> {
  if (typeof input.granted !== 'boolean') throw new InvalidInputError('"granted" must be true or false.', { field: 'granted' });
  if (input.agent !== undefined && (typeof input.agent !== 'string' || !input.agent.trim())) throw new InvalidInputError('"agent" must be an email address.', { field: 'agent' });
  const granted = input.granted;
  // On record who took the customer's word, as escalate and resolve do ('api' when unnamed).
  const by = typeof input.agent === 'string' ? input.agent.trim() : 'api';
  const now = rt.now();
  await rt.store.update(id, (t) => recordConsentDecision(t, { granted, channel: 'phone', by }, now), now);
  return (await rt.store.getWithEvents(id)) as Ticket;
}
