import {
  InvalidInputError,
  TicketNotFoundError,
  applyCallbackOutcome,
  callbackDurationMs,
  isCallbackOutcome,
  nextCallbackStep,
  type Actor,
  type CallbackBooking,
  type CallbackOutcome,
  type Ticket,
} from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { bookCallbackSlot } from './book-slot.js';
import { callbackDeps } from './callback-deps.js';

/** The body of `POST /api/tickets/:id/callback` (CONTRACT §4), and the CLI's options. */
export interface CallbackOutcomeRequest {
  outcome: unknown;
  notes?: unknown;
  /** Reached and solved: resolve the ticket too (with `resolution`, else the notes). */
  resolve?: unknown;
  resolution?: unknown;
  agent?: unknown;
}

interface ValidOutcome {
  outcome: CallbackOutcome;
  notes: string;
  resolution: string | null;
  actor: Actor;
}

function validate(input: CallbackOutcomeRequest | null | undefined): ValidOutcome {
  const body = input ?? ({} as CallbackOutcomeRequest);
  if (!isCallbackOutcome(body.outcome)) throw new InvalidInputError('"outcome" must be "reached" or "no-answer".', { field: 'outcome' });
  if (body.notes !== undefined && body.notes !== null && typeof body.notes !== 'string') throw new InvalidInputError('"notes" must be a string.', { field: 'notes' });
  if (body.resolve !== undefined && typeof body.resolve !== 'boolean') throw new InvalidInputError('"resolve" must be true or false.', { field: 'resolve' });
  if (body.resolution !== undefined && body.resolution !== null && typeof body.resolution !== 'string') throw new InvalidInputError('"resolution" must be a string.', { field: 'resolution' });
  if (body.agent !== undefined && (typeof body.agent !== 'string' || !body.agent.trim())) throw new InvalidInputError('"agent" must be an email.', { field: 'agent' });
  const resolve = body.resolve === true || (typeof body.resolution === 'string' && body.resolution.trim() !== '');
  if (resolve && body.outcome !== 'reached') throw new InvalidInputError('Only a callback that reached the customer can resolve the ticket.', { field: 'resolve' });
  return {
    outcome: body.outcome,
    notes: typeof body.notes === 'string' ? body.notes.slice(0, 4000) : '',
    resolution: resolve ? (typeof body.resolution === 'string' ? body.resolution : '') : null,
    actor: typeof body.agent === 'string' ? { agent: body.agent.trim() } : { agent: 'api' },
  };
}

/**
 * Records how a callback went. No answer with attempts left books the next attempt `retryAfter`
 * from now, inside business and customer hours; after the last attempt the ticket goes to
 * level 3. Throws TRANSITION_NOT_ALLOWED (409) when the ticket has no scheduled callback.
 * Returns the updated ticket with its events.
 */
export async function recordCallbackOutcome(rt: Runtime, ticketId: string, input: CallbackOutcomeRequest): Promise<Ticket> {
  const v = validate(input);
  const deps = callbackDeps(rt);
  const { bookings } = deps;
  const maxAttempts = rt.config.callbacks.maxAttempts;
  await deps.locked(ticketId, async () => {
    const ticket = await rt.store.get(ticketId);
    if (!ticket) throw new TicketNotFoundError(ticketId);
    const now = rt.now();
    let step = nextCallbackStep(ticket, v.outcome, maxAttempts);
    let retry: CallbackBooking | null = null;
    let newHold: string | null = null;
    if (step === 'retry') {
      const cb = ticket.callback as NonNullable<Ticket['callback']>;
      const notBefore = new Date(now.getTime() + callbackDurationMs(rt.config.callbacks.retryAfter, 'retryAfter'));
      const hold = await bookings.hold(ticketId);
      const slot = await bookCallbackSlot(bookings, rt.config, { ticketId, now, notBefore, customerZone: cb.customerTimezone, expectedHold: hold, keepPrevious: true });
      if (slot) {
        retry = { start: slot.start, end: slot.end, agent: slot.agent, customerTimezone: cb.customerTimezone, timezoneSource: cb.timezoneSource };
        newHold = slot.hold;
      } else step = 'escalate'; // nobody can call again: level 3 takes over now rather than never
    }
    // With no slot for a retry, the attempts made so far count as all of them.
    const limit = step === 'escalate' && v.outcome === 'no-answer' ? Math.min(maxAttempts, ticket.callback?.attempts ?? maxAttempts) : maxAttempts;
    try {
      await rt.store.update(ticketId, (t) => applyCallbackOutcome(t, { ...v, maxAttempts: limit, retry }, now), now);
    } catch (err) {
      if (newHold) await bookings.release(ticketId, { expectedHold: newHold });
      throw err;
    }
    // The call took place (or was tried): the slot stays in the agent's day, the ticket lets go of it.
    if (step !== 'retry') await bookings.release(ticketId, { keepBooking: true });
  });
  return (await rt.store.getWithEvents(ticketId)) as Ticket;
}
