import { InvalidInputError, TicketNotFoundError, type Ticket } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { correctionFor, TriageCorrections } from './triage-corrections.js';
import { applyTriageReview, parseTriageReviewRequest, type TriageReview } from './triage-review.js';

/**
 * An agent confirms or corrects a ticket's triage (`POST /api/tickets/:id/triage`, `tierdesk
 * ticket triage`, the console's form): one atomic store update (the review event, and for another
 * level the escalation or de-escalation whose notifications follow), then the ticket's labelled
 * example, replacing the one an earlier review left. 400 bad input, 404 unknown ticket, 409
 * finished or not yet classified. A long-lived caller passes its one `corrections`, so the store's
 * one-time check for the old list layout runs once, not on every review.
 */
export async function reviewTriage(rt: Runtime, id: string, body: unknown, corrections = new TriageCorrections(rt.redis, rt.env.prefix)): Promise<Ticket> {
  const request = parseTriageReviewRequest(body);
  const rawAgent = (body as { agent?: unknown }).agent;
  if (rawAgent !== undefined && (typeof rawAgent !== 'string' || !rawAgent.trim() || rawAgent.length > 254 || /[\r\n]/.test(rawAgent))) {
    throw new InvalidInputError('"agent" must be an email address.', { field: 'agent' });
  }
  const agent = typeof rawAgent === 'string' ? rawAgent.trim() : 'api';
  // With its events: the example keeps what the classifier said (ticket.classified).
  const before = await rt.store.getWithEvents(id);
  if (!before) throw new TicketNotFoundError(id);
  const now = rt.now();
  // The verdict as resolved against the ticket the update applied to (it may re-read after a race).
  const result: { review?: TriageReview } = {};
  await rt.store.update(
    id,
    (t) => {
      const { review, ...change } = applyTriageReview(t, request, agent, now);
      result.review = review;
      return change;
    },
    now,
  );
  if (result.review) {
    await corrections.put(correctionFor(before, result.review, agent, now));
    rt.logger.info({ ticketId: id, verdict: result.review.verdict, level: result.review.level }, 'triage reviewed');
  }
  return (await rt.store.getWithEvents(id)) as Ticket;
}
