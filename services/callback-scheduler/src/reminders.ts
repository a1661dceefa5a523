import { callbackDurationMs, callbackSchedules, type CallbackState, type Ticket } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';

/** What a reminder timer was armed for: a fired timer that no longer matches does nothing. */
export function reminderToken(slotStart: string, agent: string): string {
  return `${Date.parse(slotStart)}|${agent.toLowerCase()}`;
}

/** One reminder per slot and agent: arming it again (a redelivered event) adds nothing. */
export function reminderJobId(ticketId: string, slotStart: string, agent: string): string {
  return `callback-reminder:${ticketId}:${reminderToken(slotStart, agent)}`;
}

/** Arms the `callback-reminder` timer `reminderBefore` the slot (at once if that is already past). */
export async function armReminder(rt: Runtime, ticketId: string, cb: Pick<CallbackState, 'slotStart' | 'agent'>): Promise<number> {
  const before = callbackDurationMs(rt.config.callbacks.reminderBefore, 'reminderBefore');
  const delay = Math.max(0, Date.parse(cb.slotStart) - before - rt.now().getTime());
  await rt.bus.publish(
    'callback-timers',
    { ticketId, kind: 'callback-reminder', token: reminderToken(cb.slotStart, cb.agent), data: { slotStart: cb.slotStart, agent: cb.agent } },
    { jobId: reminderJobId(ticketId, cb.slotStart, cb.agent), delay },
  );
  return delay;
}

/** Removes the pending reminders of every slot the ticket was ever booked for, except `keep`. */
export async function cancelReminders(rt: Runtime, ticket: Ticket, keep?: Pick<CallbackState, 'slotStart' | 'agent'> | null): Promise<number> {
  const keepId = keep ? reminderJobId(ticket.id, keep.slotStart, keep.agent) : null;
  const ids = new Set(callbackSchedules(ticket).map((e) => reminderJobId(ticket.id, e.data.slotStart, e.data.agent)));
  let removed = 0;
  for (const id of ids) if (id !== keepId && (await rt.bus.cancel('callback-timers', id))) removed++;
  return removed;
}
