import {
  changeLevel,
  chain,
  InvalidInputError,
  isFinished,
  isLevel,
  newEvent,
  TransitionNotAllowedError,
  type Level,
  type Ticket,
  type TicketChange,
} from '@tierdesk/domain';

/**
 * The body of `POST /api/tickets/:id/triage`, checked: `{"confirm": true}` says the
 * classification is right; `{"level": n, "category"?: "..."}` says what is (an absent category
 * keeps the ticket's, `null` or `""` clears it). `reason` is optional either way.
 */
export type TriageReviewRequest = { confirm: true; reason: string | null } | { confirm: false; level: Level; category?: string | null; reason: string | null };

/** An agent's verdict on a ticket's classification, resolved against the ticket. */
export interface TriageReview {
  verdict: 'confirmed' | 'corrected';
  level: Level;
  category: string | null;
}

const FLAGS = ['needs-triage', 'triage-confirmed', 'triage-corrected'];

function oneLine(value: unknown, field: string, max: number): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw new InvalidInputError(`"${field}" must be a string.`, { field });
  const v = value.trim();
  if (v.length > max || /[\r\n]/.test(v)) throw new InvalidInputError(`"${field}" must be one line of at most ${max} characters.`, { field });
  return v || null;
}

export function parseTriageReviewRequest(body: unknown): TriageReviewRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new InvalidInputError('Send a JSON object: {"confirm": true} or {"level": n, "category"?: "..."}.', { field: 'body' });
  const b = body as Record<string, unknown>;
  const reason = b.reason === undefined ? null : oneLine(b.reason, 'reason', 500);
  const hasLevel = b.level !== undefined && b.level !== null;
  if (b.confirm !== undefined && b.confirm !== true) throw new InvalidInputError('"confirm" can only be true; to correct the triage send "level".', { field: 'confirm' });
  if (b.confirm === true) {
    if (hasLevel || b.category !== undefined) throw new InvalidInputError('Either confirm the triage or correct it with "level", not both.', { field: 'confirm' });
    return { confirm: true, reason };
  }
  if (!hasLevel) throw new InvalidInputError('Give "confirm": true, or the right "level" (0 to 4) to correct the triage.', { field: 'level' });
  if (typeof b.level !== 'number' || !isLevel(b.level)) throw new InvalidInputError('"level" must be a number from 0 to 4.', { field: 'level' });
  const out: TriageReviewRequest = { confirm: false, level: b.level, reason };
  if (b.category !== undefined) out.category = oneLine(b.category, 'category', 80);
  return out;
}

function label(level: Level, category: string | null): string {
  return `L${level}/${category ?? '-'}`;
}

/**
 * The ticket after a person has looked at its triage: no longer "needs triage", the verdict on
 * the timeline (`ticket.triage_reviewed`, every time, so a second look is recorded too), and for
 * a correction the category and level said to be right. A different level is an agent's
 * escalation or de-escalation (changeLevel), so SLA and notifications follow as for any other.
 * A finished or not yet classified ticket is refused (409).
 */
export function applyTriageReview(ticket: Ticket, request: TriageReviewRequest, agent: string, now: Date): TicketChange & { review: TriageReview } {
  if (isFinished(ticket.status)) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} is ${ticket.status}; reopen it before reviewing its triage.`, { ticketId: ticket.id, status: ticket.status });
  }
  if (!ticket.triage) throw new TransitionNotAllowedError(`Ticket ${ticket.id} is not classified yet.`, { ticketId: ticket.id });
  const review: TriageReview = request.confirm
    ? { verdict: 'confirmed', level: ticket.level, category: ticket.category }
    : { verdict: 'corrected', level: request.level, category: request.category === undefined ? ticket.category : request.category };
  if (!request.confirm && review.level === ticket.level && review.category === ticket.category) {
    throw new InvalidInputError(`The correction names the level and category ${ticket.id} already has (${label(ticket.level, ticket.category)}); confirm the triage instead.`, { field: 'level' });
  }
  const reviewed: Ticket = {
    ...ticket,
    category: review.category,
    flags: [...ticket.flags.filter((f) => !FLAGS.includes(f)), `triage-${review.verdict}`],
    triage: { ...ticket.triage, needsTriage: false },
    updatedAt: now.toISOString(),
  };
  const event = newEvent('ticket.triage_reviewed', {
    verdict: review.verdict,
    level: review.level,
    category: review.category,
    previousLevel: ticket.level,
    previousCategory: ticket.category,
    by: agent,
    reason: request.reason,
  });
  let change: TicketChange = { ticket: reviewed, events: [event] };
  if (review.level !== ticket.level) {
    const why = `triage corrected by ${agent}: ${label(ticket.level, ticket.category)} → ${label(review.level, review.category)}${request.reason ? ` (${request.reason})` : ''}`;
    change = chain(change, (t) => changeLevel(t, review.level, why, { agent }, now));
  }
  return { ...change, review };
}
