import type { TierdeskConfig } from '../config-types.js';
import { newEvent } from '../events.js';
import { isFinished } from '../status.js';
import type { Ticket } from '../ticket.js';
import { addFlag, chain, changeStatus, type TicketChange } from '../ticket-commands.js';

/** Why a granted consent cannot be used: its vendor left the config, or has no email address. */
export type UnusableGrantCause = 'not-configured' | 'no-email';

export interface UnusableGrant {
  vendorId: string;
  cause: UnusableGrantCause;
}

/**
 * The ticket's grant that was not used yet and whose vendor can no longer receive the handoff
 * (removed from the configuration after the customer consented, e.g. a restart with a new
 * config, or left without an email address). Null when there is no such grant.
 */
export function unusableGrant(ticket: Ticket, config: Pick<TierdeskConfig, 'vendors'>): UnusableGrant | null {
  const consent = ticket.consent;
  if (consent?.status !== 'granted' || ticket.vendor?.handedOffAt || isFinished(ticket.status)) return null;
  const vendor = config.vendors.find((v) => v.id === consent.vendorId);
  if (!vendor) return { vendorId: consent.vendorId, cause: 'not-configured' };
  if (!vendor.email.trim()) return { vendorId: consent.vendorId, cause: 'no-email' };
  return null;
}

function whatHappened(grant: UnusableGrant): string {
  return grant.cause === 'not-configured' ? `vendor ${grant.vendorId} is no longer configured` : `vendor ${grant.vendorId} has no email address in the configuration`;
}

/** The reason on record when an unusable grant is given up. */
export function unusableGrantReason(grant: UnusableGrant): string {
  return `${whatHappened(grant)}, so nothing was sent to it; the customer consented to sharing with ${grant.vendorId} only, so another vendor needs their consent again`;
}

/**
 * Gives up the customer's grant when its vendor can no longer receive the ticket (see
 * unusableGrant). The customer agreed to share with that vendor only, so the grant never carries
 * over to another one: the consent becomes `void` (its links then answer "used"), the ticket
 * leaves waiting_consent so its SLA clock runs again, and a level-4 ticket is flagged
 * needs-vendor for an agent to choose another vendor, which asks the customer again. The ticket
 * stays at its level: unlike a refusal, nobody said no to level 4. Null when there is nothing
 * to give up (the vendor is usable, or a retry finds it done).
 */
export function giveUpUnusableGrant(ticket: Ticket, config: Pick<TierdeskConfig, 'vendors'>, now: Date): TicketChange | null {
  const grant = unusableGrant(ticket, config);
  if (!grant) return null;
  const reason = unusableGrantReason(grant);
  const voided: Ticket = { ...ticket, consent: { ...ticket.consent!, status: 'void' }, updatedAt: now.toISOString() };
  let change: TicketChange = { ticket: voided, events: [newEvent('consent.voided', { vendorId: grant.vendorId, cause: grant.cause, reason })] };
  if (ticket.status === 'waiting_consent') change = chain(change, (t) => changeStatus(t, 'open', reason, now));
  if (ticket.level === 4) change = chain(change, (t) => addFlag(t, 'needs-vendor', reason, now));
  return change;
}

/**
 * What the level-4 agents are told once a grant was given up: what happened, that nothing went
 * to any vendor, and how to choose another (the customer is then asked again). `known`: the
 * configured vendors that can receive a ticket.
 */
export function unusableGrantNote(grant: UnusableGrant, ticketId: string, known: readonly string[]): string {
  const list = known.length ? known.join(', ') : 'none configured';
  const fix = grant.cause === 'no-email' ? `, or give vendor ${grant.vendorId} an email address and choose it again` : '';
  return (
    `The customer consented to handing ${ticketId} to vendor ${grant.vendorId}, but ${whatHappened(grant)}. Nothing was sent to any vendor and the consent was given up, since it covered ${grant.vendorId} only. ` +
    `Choose another vendor with POST /api/tickets/${ticketId}/vendor {"vendor": "<id>"} or \`tierdesk ticket vendor ${ticketId} --vendor <id>\` (configured: ${list})${fix}; the customer is then asked for consent again.`
  );
}
