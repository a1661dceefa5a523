import { randomUUID } from 'node:crypto';
import {
  InvalidInputError,
  changeLevel,
  changePriority,
  recordAgentReply,
  resolveTicket,
  type Actor,
  type Ticket,
  type TicketMessage,
} from '@tierdesk/domain';
import { buildMessageId, senderDomain } from '@tierdesk/mail';
import type { Runtime } from '@tierdesk/runtime';

/**
 * What an agent can do to a ticket, shared by the HTTP API and the CLI. Each action is one
 * atomic store update; the emails and timers that follow are driven by the events it records.
 */
function actor(agent: string | undefined): Actor {
  return agent ? { agent } : { agent: 'api' };
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new InvalidInputError(`"${field}" must be a non-empty string.`, { field });
  return value;
}

export async function escalateTicket(rt: Runtime, id: string, input: { level: unknown; reason: unknown; agent?: string }): Promise<Ticket> {
  const reason = requireText(input.reason, 'reason');
  if (typeof input.level !== 'number') throw new InvalidInputError('"level" must be a number from 0 to 4.', { field: 'level' });
  const level = input.level;
  const now = rt.now();
  await rt.store.update(id, (t) => changeLevel(t, level, reason, actor(input.agent), now), now);
  return (await rt.store.getWithEvents(id)) as Ticket;
}

export async function replyToTicket(rt: Runtime, id: string, input: { body: unknown; agent: unknown }): Promise<Ticket> {
  const body = requireText(input.body, 'body');
  const agent = requireText(input.agent, 'agent');
  const now = rt.now();
  // The reply's Message-ID is fixed here so the ticket and the email agree on it.
  const messageId = buildMessageId(id, 'agent-reply', randomUUID(), senderDomain(rt.env.mailFrom));
  const message: TicketMessage = { messageId, direction: 'out', kind: 'agent-reply', from: agent, at: now.toISOString(), role: 'agent', text: body };
  await rt.store.update(id, (t) => recordAgentReply(t, agent, message, now), now);
  return (await rt.store.getWithEvents(id)) as Ticket;
}

export async function resolveTicketAction(rt: Runtime, id: string, input: { resolution: unknown; agent?: string }): Promise<Ticket> {
  const resolution = requireText(input.resolution, 'resolution');
  const now = rt.now();
  await rt.store.update(id, (t) => resolveTicket(t, resolution, actor(input.agent), now), now);
  return (await rt.store.getWithEvents(id)) as Ticket;
}

/** A new priority; the SLA timer re-picks the policy from the event (CONTRACT §7). */
export async function changePriorityAction(rt: Runtime, id: string, input: { priority: unknown; reason?: unknown; agent?: string }): Promise<Ticket> {
  if (input.reason !== undefined && input.reason !== null && typeof input.reason !== 'string') {
    throw new InvalidInputError('"reason" must be a string.', { field: 'reason' });
  }
  const reason = typeof input.reason === 'string' ? input.reason : null;
  const now = rt.now();
  await rt.store.update(id, (t) => changePriority(t, input.priority, reason, actor(input.agent), now), now);
  return (await rt.store.getWithEvents(id)) as Ticket;
}
