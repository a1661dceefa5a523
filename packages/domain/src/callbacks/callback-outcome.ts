import { InvalidInputError, TransitionNotAllowedError } from '../errors.js';
import { newEvent } from '../events.js';
import { changeLevel, changeStatus, chain, resolveTicket, type Actor, type TicketChange } from '../ticket-commands.js';
import type { Ticket } from '../ticket.js';
import { callbackReason } from './callback-reasons.js';
import { hasPendingCallback, scheduleCallback, type CallbackBooking } from './callback-state.js';

export const CALLBACK_OUTCOMES = ['reached', 'no-answer'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export function isCallbackOutcome(value: unknown): value is CallbackOutcome {
  return typeof value === 'string' && (CALLBACK_OUTCOMES as readonly string[]).includes(value);
}

/** What recording an outcome leads to: back to work, another attempt, or level 3. */
export type CallbackNextStep = 'continue' | 'retry' | 'escalate';

/** Throws (HTTP 409) unless the ticket waits for a callback. */
export function assertPendingCallback(ticket: Ticket): asserts ticket is Ticket & { callback: NonNullable<Ticket['callback']> } {
  if (!hasPendingCallback(ticket)) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} has no scheduled callback (status ${ticket.status}, callback ${ticket.callback?.status ?? 'none'}).`, {
      ticketId: ticket.id,
      status: ticket.status,
      callback: ticket.callback?.status ?? null,
    });
  }
}

/** Reached → continue; no answer → another attempt while attempts remain, else level 3. */
export function nextCallbackStep(ticket: Ticket, outcome: CallbackOutcome, maxAttempts: number): CallbackNextStep {
  assertPendingCallback(ticket);
  if (outcome === 'reached') return 'continue';
  return ticket.callback.attempts < maxAttempts ? 'retry' : 'escalate';
}

export interface CallbackOutcomeInput {
  outcome: CallbackOutcome;
  notes: string;
  maxAttempts: number;
  /** Reached, and the call solved it: resolve with this resolution. */
  resolution?: string | null;
  /** The next attempt's slot; required when the step is 'retry'. */
  retry?: CallbackBooking | null;
  actor: Actor;
}

/** The reason recorded when unanswered callbacks send a ticket to level 3. */
export function unreachableReason(attempts: number): string {
  return `The customer could not be reached in ${attempts} callback attempt${attempts === 1 ? '' : 's'}.`;
}

/**
 * Records how a callback went (CONTRACT §4 `POST /api/tickets/:id/callback`). Reached: the notes
 * are kept and the ticket is worked again at level 2, or resolved. No answer: the next attempt is
 * booked while attempts remain; after the last one the ticket goes to level 3 with the reason.
 */
export function applyCallbackOutcome(ticket: Ticket, input: CallbackOutcomeInput, now: Date): TicketChange {
  const step = nextCallbackStep(ticket, input.outcome, input.maxAttempts);
  const cb = ticket.callback as NonNullable<Ticket['callback']>;
  const notes = input.notes.trim();
  const outcome: TicketChange = {
    ticket: { ...ticket, updatedAt: now.toISOString() },
    events: [newEvent('callback.outcome', { outcome: input.outcome, attempt: cb.attempts, notes })],
  };
  const noted = (status: 'reached' | 'failed') => (t: Ticket): TicketChange => ({
    ticket: { ...t, callback: { ...cb, status, notes: notes || cb.notes || null } },
    events: [],
  });
  if (step === 'continue') {
    const reached = chain(chain(outcome, noted('reached')), (t) => changeStatus(t, 'open', 'callback reached the customer', now));
    if (input.resolution === undefined || input.resolution === null) return reached;
    const resolution = input.resolution.trim() || notes;
    if (!resolution) throw new InvalidInputError('Resolving after a callback needs a "resolution" (or notes).', { field: 'resolution' });
    return chain(reached, (t) => resolveTicket(t, resolution, input.actor, now));
  }
  if (step === 'retry') {
    if (!input.retry) throw new InvalidInputError(`Ticket ${ticket.id} needs a slot for its next callback attempt.`, { ticketId: ticket.id });
    const retry = input.retry;
    return chain(outcome, (t) => scheduleCallback(t, retry, cb.attempts + 1, callbackReason('retry'), now));
  }
  const failed = chain(chain(outcome, noted('failed')), (t) => changeStatus(t, 'open', 'callback attempts used up', now));
  return chain(failed, (t) => changeLevel(t, 3, unreachableReason(cb.attempts), input.actor, now));
}
