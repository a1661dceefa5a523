import { InvalidInputError, TransitionNotAllowedError } from './errors.js';
import { newEvent, type NewTicketEvent } from './events.js';
import type { Level } from './levels.js';
import { isLevel } from './levels.js';
import { PRIORITIES, isPriority, type Priority } from './priority.js';
import { assertTransition } from './state-machine.js';
import { isFinished, type TicketStatus } from './status.js';
import type { Customer, Ticket, TicketMessage } from './ticket.js';

/** A pure change to a ticket: the new state and the events that explain it. */
export interface TicketChange {
  ticket: Ticket;
  events: NewTicketEvent[];
}

/** Who did it: `system` for automatic rules, otherwise an agent's email. */
export type Actor = 'system' | { agent: string };

export function actorName(actor: Actor): string {
  return actor === 'system' ? 'system' : actor.agent;
}

function touch(ticket: Ticket, now: Date, patch: Partial<Ticket>): Ticket {
  return { ...ticket, ...patch, updatedAt: now.toISOString() };
}

export interface NewTicketInput {
  id: string;
  subject: string;
  customer: Customer;
  level: Level;
  priority: Priority;
  category: string | null;
  language: string;
  message: TicketMessage;
}

export function createTicket(input: NewTicketInput, now: Date): TicketChange {
  const at = now.toISOString();
  const ticket: Ticket = {
    id: input.id,
    subject: input.subject,
    status: 'new',
    level: input.level,
    priority: input.priority,
    category: input.category,
    language: input.language,
    customer: input.customer,
    createdAt: at,
    updatedAt: at,
    sla: { policy: null, firstResponseDue: null, resolutionDue: null, pausedSince: null, breaches: [] },
    callback: null,
    consent: null,
    vendor: null,
    messages: [input.message],
    events: [],
    version: 0,
    flags: [],
    triage: null,
    firstResponseAt: null,
    resolvedAt: null,
    resolution: null,
  };
  return {
    ticket,
    events: [
      newEvent('ticket.created', {
        level: input.level,
        priority: input.priority,
        category: input.category,
        language: input.language,
        messageId: input.message.messageId,
      }),
    ],
  };
}

export function changeStatus(ticket: Ticket, to: TicketStatus, reason: string, now: Date): TicketChange {
  if (ticket.status === to) return { ticket, events: [] };
  assertTransition(ticket, to);
  return {
    ticket: touch(ticket, now, { status: to }),
    events: [newEvent('ticket.status_changed', { from: ticket.status, to, reason })],
  };
}

function requireReason(reason: string, what: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new InvalidInputError(`${what} needs a reason.`, { field: 'reason' });
  return trimmed;
}

/**
 * Moves a ticket to another level. Upward is escalation (anyone, with a reason); downward is
 * only for an agent with a reason, so an automatic rule can never quietly drop a ticket's tier.
 */
export function changeLevel(ticket: Ticket, level: number, reason: string, actor: Actor, now: Date): TicketChange {
  if (!isLevel(level)) throw new InvalidInputError(`Level must be 0 to 4, got ${String(level)}.`, { field: 'level' });
  const why = requireReason(reason, 'A level change');
  if (isFinished(ticket.status)) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} is ${ticket.status}; reopen it before changing its level.`, {
      ticketId: ticket.id,
      status: ticket.status,
    });
  }
  if (level === ticket.level) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} is already at level ${level}.`, { ticketId: ticket.id, level });
  }
  const by = actorName(actor);
  if (level < ticket.level) {
    if (actor === 'system') {
      throw new TransitionNotAllowedError(`Only an agent can lower ticket ${ticket.id}'s level.`, { ticketId: ticket.id });
    }
    return {
      ticket: touch(ticket, now, { level }),
      events: [newEvent('ticket.deescalated', { from: ticket.level, to: level, reason: why, by })],
    };
  }
  // A ticket waiting on the customer for a self-help answer is worked again once escalated.
  const status: TicketStatus = ticket.status === 'new' || ticket.status === 'waiting_customer' ? 'open' : ticket.status;
  const events: NewTicketEvent[] = [newEvent('ticket.escalated', { from: ticket.level, to: level, reason: why, by })];
  if (status !== ticket.status) events.push(newEvent('ticket.status_changed', { from: ticket.status, to: status, reason: why }));
  return { ticket: touch(ticket, now, { level, status }), events };
}

/**
 * Sets another priority (an agent's call, optionally with a reason). Refused on a resolved or
 * closed ticket (reopen it first) and when the priority is already that one, so every
 * `ticket.priority_changed` is a real change the SLA clock must follow (sla/reprioritise-sla.ts).
 */
export function changePriority(ticket: Ticket, priority: unknown, reason: string | null, actor: Actor, now: Date): TicketChange {
  if (!isPriority(priority)) throw new InvalidInputError(`Priority must be one of ${PRIORITIES.join(', ')}.`, { field: 'priority' });
  if (isFinished(ticket.status)) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} is ${ticket.status}; reopen it before changing its priority.`, {
      ticketId: ticket.id,
      status: ticket.status,
    });
  }
  if (priority === ticket.priority) {
    throw new InvalidInputError(`Ticket ${ticket.id} already has priority ${priority}.`, { field: 'priority', ticketId: ticket.id });
  }
  const why = reason?.trim() ? reason.trim() : null;
  return {
    ticket: touch(ticket, now, { priority }),
    events: [newEvent('ticket.priority_changed', { from: ticket.priority, to: priority, reason: why, by: actorName(actor) })],
  };
}

export function recordAgentReply(ticket: Ticket, agent: string, message: TicketMessage, now: Date): TicketChange {
  if (ticket.status === 'closed') {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} is closed.`, { ticketId: ticket.id, status: ticket.status });
  }
  const firstResponse = ticket.firstResponseAt === null;
  const events: NewTicketEvent[] = [newEvent('ticket.replied', { agent, messageId: message.messageId, firstResponse })];
  let status = ticket.status;
  // An answered ticket waits for the customer, unless a callback or the vendor is what it waits on.
  if (status === 'new' || status === 'open') {
    status = 'waiting_customer';
    events.push(newEvent('ticket.status_changed', { from: ticket.status, to: status, reason: 'agent replied' }));
  }
  return {
    ticket: touch(ticket, now, {
      status,
      firstResponseAt: ticket.firstResponseAt ?? now.toISOString(),
      messages: [...ticket.messages, message],
    }),
    events,
  };
}

export function resolveTicket(ticket: Ticket, resolution: string, actor: Actor, now: Date): TicketChange {
  if (isFinished(ticket.status)) {
    throw new TransitionNotAllowedError(`Ticket ${ticket.id} is already ${ticket.status}.`, { ticketId: ticket.id, status: ticket.status });
  }
  const why = requireReason(resolution, 'Resolving');
  assertTransition(ticket, 'resolved');
  return {
    ticket: touch(ticket, now, { status: 'resolved', resolvedAt: now.toISOString(), resolution: why }),
    events: [
      newEvent('ticket.status_changed', { from: ticket.status, to: 'resolved', reason: why }),
      newEvent('ticket.resolved', { resolution: why, by: actorName(actor) }),
    ],
  };
}

export function reopenTicket(ticket: Ticket, reason: string, now: Date): TicketChange {
  assertTransition(ticket, 'open');
  return {
    ticket: touch(ticket, now, { status: 'open', resolvedAt: null, resolution: null }),
    events: [
      newEvent('ticket.status_changed', { from: ticket.status, to: 'open', reason }),
      newEvent('ticket.reopened', { reason }),
    ],
  };
}

export function closeTicket(ticket: Ticket, reason: string, now: Date): TicketChange {
  assertTransition(ticket, 'closed');
  return {
    ticket: touch(ticket, now, { status: 'closed' }),
    events: [
      newEvent('ticket.status_changed', { from: ticket.status, to: 'closed', reason }),
      newEvent('ticket.closed', { reason }),
    ],
  };
}

export function appendMessage(ticket: Ticket, message: TicketMessage, now: Date): Ticket {
  if (ticket.messages.some((m) => m.messageId === message.messageId)) return ticket;
  return touch(ticket, now, { messages: [...ticket.messages, message] });
}

export function addFlag(ticket: Ticket, flag: string, reason: string, now: Date): TicketChange {
  if (ticket.flags.includes(flag)) return { ticket, events: [] };
  return { ticket: touch(ticket, now, { flags: [...ticket.flags, flag] }), events: [newEvent('ticket.flagged', { flag, reason })] };
}

/** Combines changes made one after the other into one. */
export function chain(first: TicketChange, next: (t: Ticket) => TicketChange): TicketChange {
  const second = next(first.ticket);
  return { ticket: second.ticket, events: [...first.events, ...second.events] };
}
