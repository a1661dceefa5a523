import { detectConsentReply } from '../triage/reply-intent.js';
import type { Ticket } from '../ticket.js';
import { isConsentPending } from './consent-state.js';
import { isCustomerWriting } from './shared-items.js';

/** What a customer's reply to the open consent request does. */
export type ConsentReplyStep =
  | { step: 'decide'; granted: boolean }
  /** The first unclear reply of the request: ask the customer again (never guess). */
  | { step: 'ask-again' }
  /** An unclear reply after we asked again: a person decides (call the customer, record by phone). */
  | { step: 'tell-agents' }
  | { step: 'none' };

/**
 * Reads the customer's reply `messageId` against the ticket's open consent request: a clear
 * yes/no decides; an unclear one is asked about once per request, and any later unclear one goes
 * to the agents, so the customer is never left unanswered and an unmarked auto-responder cannot
 * loop with us. Pure and decided from the ticket alone, so a retried job takes the same step.
 */
export function consentReplyStep(ticket: Ticket, messageId: string): ConsentReplyStep {
  const consent = ticket.consent;
  const message = ticket.messages.find((m) => m.messageId === messageId);
  // Replies to this request: the customer's writing that was not yet there when consent was asked.
  const before = new Set(consent?.messageIds ?? []);
  if (!consent || !message || !isConsentPending(ticket) || !isCustomerWriting(message) || before.has(messageId)) return { step: 'none' };
  const verdict = detectConsentReply(message.text ?? '');
  if (verdict !== 'ambiguous') return { step: 'decide', granted: verdict === 'yes' };
  const firstUnclear = ticket.messages.find((m) => !before.has(m.messageId) && isCustomerWriting(m) && detectConsentReply(m.text ?? '') === 'ambiguous');
  return firstUnclear?.messageId === messageId ? { step: 'ask-again' } : { step: 'tell-agents' };
}
