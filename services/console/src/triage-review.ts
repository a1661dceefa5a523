import { addFlag, chain, changeLevel, InvalidInputError, isLevel, type Level, type Ticket, type TicketChange } from '@tierdesk/domain';

/** An agent's verdict on a ticket's classification. */
export interface TriageReview {
  verdict: 'confirmed' | 'corrected';
  level: Level;
  category: string | null;
}

export function parseTriageReview(body: Record<string, unknown>, ticket: Pick<Ticket, 'level' | 'category'>): TriageReview {
  const verdict = body.verdict;
  if (verdict === 'confirmed') return { verdict, level: ticket.level, category: ticket.category };
  if (verdict !== 'corrected') throw new InvalidInputError('"verdict" must be "confirmed" or "corrected".', { field: 'verdict' });
  const level = Number(body.level);
  if (!isLevel(level)) throw new InvalidInputError('"level" must be 0 to 4.', { field: 'level' });
  const raw = typeof body.category === 'string' ? body.category.trim() : '';
  if (raw.length > 80 || /[\r\n]/.test(raw)) throw new InvalidInputError('"category" must be one short line.', { field: 'category' });
  if (level === ticket.level && (raw || null) === ticket.category) {
    throw new InvalidInputError('The correction names the level and category the ticket already has; confirm the triage instead.', { field: 'level' });
  }
  return { verdict, level, category: raw || null };
}

/**
 * The ticket after a person has looked at its triage: no longer "needs triage", the verdict on
 * the timeline, and for a correction the right category and level (a level change is a normal
 * escalation or de-escalation by the agent, so SLA and notifications follow as usual).
 */
export function applyTriageReview(ticket: Ticket, review: TriageReview, agent: string, now: Date): TicketChange {
  const cleared: Ticket = {
    ...ticket,
    flags: ticket.flags.filter((f) => f !== 'needs-triage'),
    triage: ticket.triage ? { ...ticket.triage, needsTriage: false } : ticket.triage,
  };
  if (review.verdict === 'confirmed') {
    return addFlag(cleared, 'triage-confirmed', `classification L${ticket.level}/${ticket.category ?? '-'} confirmed by ${agent}`, now);
  }
  const reason = `triage corrected by ${agent}: L${ticket.level}/${ticket.category ?? '-'} → L${review.level}/${review.category ?? '-'}`;
  let change: TicketChange = { ticket: { ...cleared, category: review.category, updatedAt: now.toISOString() }, events: [] };
  if (review.level !== ticket.level) change = chain(change, (t) => changeLevel(t, review.level, reason, { agent }, now));
  // A second correction of the same ticket is still recorded on its timeline.
  const flagged = { ...change.ticket, flags: change.ticket.flags.filter((f) => f !== 'triage-corrected') };
  return chain({ ticket: flagged, events: change.events }, (t) => addFlag(t, 'triage-corrected', reason, now));
}
